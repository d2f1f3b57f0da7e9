// The PlatformApi for each enabled platform that has one. Build this once per process (in the
// container): each client owns its platform's request budget, so two copies would each spend it.
// onWebChat, Chat Data and the generic webhook document no write API: handoff keeps their state.
import type { Config } from '../config.js';
import { PLATFORMS, type PlatformId } from './list.js';
import type { PlatformApiDeps, PlatformModule } from './module.js';
import type { PlatformApi } from './types.js';

export type { PlatformApiDeps };

export function createPlatformApis(config: Config, deps: PlatformApiDeps = {}): Map<PlatformId, PlatformApi> {
  const apis = new Map<PlatformId, PlatformApi>();
  for (const m of PLATFORMS as readonly PlatformModule[]) {
    const cfg = config.platforms[m.id as PlatformId];
    if (cfg && m.api) apis.set(m.id as PlatformId, m.api(cfg, deps));
  }
  return apis;
}
