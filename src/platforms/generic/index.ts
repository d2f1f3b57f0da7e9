// The generic webhook (docs/platforms.md, Generic webhook): everything handoff knows about it, registered by one line in ../list.ts.
import type { z } from 'zod';
import { optionalCsv } from '../../config-fields.js';
import { definePlatform } from '../module.js';
import { NO_CAPABILITIES } from '../types.js';
import { createGenericAdapter, DISPLAY_NAME } from './adapter.js';
import { sign, samples } from './samples.js';
import { GENERIC_SIGNATURE } from './verify.js';

export interface GenericConfig {
  secrets: string[];
}

const env = { GENERIC_WEBHOOK_SECRET: optionalCsv };
type Env = z.infer<z.ZodObject<typeof env>>;

export const generic = definePlatform({
  id: 'generic',
  displayName: DISPLAY_NAME,
  capabilities: NO_CAPABILITIES,
  signature: GENERIC_SIGNATURE,
  settings: {
    env,
    read: (e: Env): GenericConfig | undefined =>
      e.GENERIC_WEBHOOK_SECRET?.length ? { secrets: e.GENERIC_WEBHOOK_SECRET } : undefined,
  },
  adapter: createGenericAdapter,
  samples,
  sign,
});
