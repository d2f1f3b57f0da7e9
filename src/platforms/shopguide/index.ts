// ShopGuide: everything handoff knows about it, registered by one line in ../list.ts.
import type { z } from 'zod';
import { optionalCsv, optionalString, trimSlash, url } from '../../config-fields.js';
import { definePlatform } from '../module.js';
import { createShopGuideAdapter, DISPLAY_NAME, SHOPGUIDE_CAPABILITIES } from './adapter.js';
import { createShopGuideApi } from './api.js';
import { sign, samples } from './samples.js';
import { SHOPGUIDE_SIGNATURE } from './verify.js';

export interface ShopGuideConfig {
  secrets: string[];
  apiKey: string;
  apiUrl: string;
}

const env = {
  SHOPGUIDE_API_KEY: optionalString,
  SHOPGUIDE_WEBHOOK_SECRET: optionalCsv,
  SHOPGUIDE_API_URL: url('ShopGuide API').default('https://api.shopguide.com/v1'),
};
type Env = z.infer<z.ZodObject<typeof env>>;

export const shopguide = definePlatform({
  id: 'shopguide',
  displayName: DISPLAY_NAME,
  capabilities: SHOPGUIDE_CAPABILITIES,
  signature: SHOPGUIDE_SIGNATURE,
  settings: {
    env,
    problems: (e: Env) =>
      e.SHOPGUIDE_WEBHOOK_SECRET?.length && !e.SHOPGUIDE_API_KEY
        ? [{ key: 'SHOPGUIDE_API_KEY', message: 'is required when SHOPGUIDE_WEBHOOK_SECRET is set' }]
        : [],
    read: (e: Env): ShopGuideConfig | undefined =>
      e.SHOPGUIDE_WEBHOOK_SECRET?.length
        ? { secrets: e.SHOPGUIDE_WEBHOOK_SECRET, apiKey: e.SHOPGUIDE_API_KEY as string, apiUrl: trimSlash(e.SHOPGUIDE_API_URL) }
        : undefined,
  },
  adapter: createShopGuideAdapter,
  api: createShopGuideApi,
  samples,
  sign,
});
