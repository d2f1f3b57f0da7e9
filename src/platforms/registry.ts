// Which adapters run: one per platform whose webhook secret is set (config.platforms holds only
// those). The webhook route answers 404 for any platform missing from the map.
import type { Config } from '../config.js';
import { PLATFORMS, type PlatformId } from './list.js';
import type { PlatformModule } from './module.js';
import { withCleanEvents } from './shared/clean.js';
import type { PlatformAdapter } from './types.js';

export { ALL_PLATFORMS, isPlatformId } from './list.js';

export function createAdapters(config: Pick<Config, 'platforms'>): Map<PlatformId, PlatformAdapter> {
  const adapters = new Map<PlatformId, PlatformAdapter>();
  for (const m of PLATFORMS as readonly PlatformModule[]) {
    const cfg = config.platforms[m.id as PlatformId];
    // Customer text is cleaned where it comes in, for every platform alike.
    if (cfg) adapters.set(m.id as PlatformId, withCleanEvents(m.adapter(cfg)));
  }
  return adapters;
}
