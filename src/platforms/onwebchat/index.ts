// onWebChat: everything handoff knows about it, registered by one line in ../list.ts.
import type { z } from 'zod';
import { optionalCsv, trimSlash, url } from '../../config-fields.js';
import { definePlatform } from '../module.js';
import { NO_CAPABILITIES } from '../types.js';
import { createOnWebChatAdapter, DISPLAY_NAME } from './adapter.js';
import { sign, samples } from './samples.js';
import { OWC_SIGNATURE } from './verify.js';

export interface OnWebChatConfig {
  secrets: string[];
  dashboardUrl: string;
}

const env = {
  ONWEBCHAT_WEBHOOK_SECRET: optionalCsv,
  ONWEBCHAT_DASHBOARD_URL: url('onWebChat dashboard').default('https://www.onwebchat.com/dashboard'),
};
type Env = z.infer<z.ZodObject<typeof env>>;

export const onwebchat = definePlatform({
  id: 'onwebchat',
  displayName: DISPLAY_NAME,
  capabilities: NO_CAPABILITIES,
  signature: OWC_SIGNATURE,
  settings: {
    env,
    read: (e: Env): OnWebChatConfig | undefined =>
      e.ONWEBCHAT_WEBHOOK_SECRET?.length
        ? { secrets: e.ONWEBCHAT_WEBHOOK_SECRET, dashboardUrl: trimSlash(e.ONWEBCHAT_DASHBOARD_URL) }
        : undefined,
  },
  adapter: createOnWebChatAdapter,
  samples,
  sign,
});
