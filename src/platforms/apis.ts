// The PlatformApi for each enabled platform that has one. Build this once per process (in the
// container): each client owns its platform's request budget, so two copies would each spend it.
import type { Config } from '../config.js';
import type { HttpDeps, HttpTuning } from './http.js';
import { createOscarApi } from './oscarchat/api.js';
import { createShopGuideApi } from './shopguide/api.js';
import type { PlatformApi, PlatformId } from './types.js';

export type PlatformApiDeps = HttpDeps & Omit<HttpTuning, 'rateLimit'>;

export function createPlatformApis(config: Config, deps: PlatformApiDeps = {}): Map<PlatformId, PlatformApi> {
  const apis = new Map<PlatformId, PlatformApi>();
  const { oscarchat, shopguide } = config.platforms;
  if (oscarchat) apis.set('oscarchat', createOscarApi(oscarchat, deps));
  if (shopguide) apis.set('shopguide', createShopGuideApi(shopguide, deps));
  // onWebChat, Chat Data and the generic webhook document no write API: handoff keeps their state.
  return apis;
}
