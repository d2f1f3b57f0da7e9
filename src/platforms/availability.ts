// What to tell someone who names a platform handoff cannot take: either it is not a platform at
// all (list the ones that exist) or it is one that is not enabled here (name the setting).
import { PLATFORMS } from './list.js';
import { ALL_PLATFORMS, isPlatformId } from './registry.js';
import type { PlatformId } from './types.js';

/** The setting that enables each platform (its webhook secret), from its module. */
export const PLATFORM_SECRET_ENV = Object.fromEntries(PLATFORMS.map((p) => [p.id, p.signature.secretEnv])) as Record<PlatformId, string>;

/** Why `name` cannot be used here, in words that point at the fix. */
export function unavailablePlatformMessage(name: string, enabled: Iterable<PlatformId>): string {
  const shown = JSON.stringify(name.slice(0, 40));
  if (!isPlatformId(name)) return `${shown} is not a platform handoff knows; platforms: ${ALL_PLATFORMS.join(', ')}`;
  const on = [...enabled];
  return `platform ${shown} is not enabled here: set ${PLATFORM_SECRET_ENV[name]} (enabled now: ${on.length ? on.join(', ') : 'none'})`;
}

/** Said in the log at start and on /readyz when no platform can deliver a single escalation. */
export const NO_PLATFORM_WARNING = `no chat platform is enabled, so no escalation can arrive: set at least one of ${ALL_PLATFORMS.map(
  (p) => PLATFORM_SECRET_ENV[p],
).join(', ')} (see .env.example)`;
