// Chat Data: everything handoff knows about it, registered by one line in ../list.ts.
import type { z } from 'zod';
import { optionalCsv } from '../../config-fields.js';
import { definePlatform } from '../module.js';
import { NO_CAPABILITIES } from '../types.js';
import { createChatDataAdapter, DISPLAY_NAME } from './adapter.js';
import { sign, samples } from './samples.js';
import { CHATDATA_SIGNATURE } from './verify.js';

export interface ChatDataConfig {
  secrets: string[];
}

const env = { CHATDATA_WEBHOOK_SECRET: optionalCsv };
type Env = z.infer<z.ZodObject<typeof env>>;

export const chatdata = definePlatform({
  id: 'chatdata',
  displayName: DISPLAY_NAME,
  capabilities: NO_CAPABILITIES,
  signature: CHATDATA_SIGNATURE,
  settings: {
    env,
    read: (e: Env): ChatDataConfig | undefined =>
      e.CHATDATA_WEBHOOK_SECRET?.length ? { secrets: e.CHATDATA_WEBHOOK_SECRET } : undefined,
  },
  adapter: createChatDataAdapter,
  samples,
  sign,
});
