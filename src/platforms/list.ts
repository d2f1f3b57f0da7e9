// The one registration of chat platforms. Adding a platform is a folder under src/platforms/ that
// exports a PlatformModule (see module.ts) plus one line here; config, the webhook route, logger
// redaction, report names, `handoff simulate`, the test harness and the bench read this list.
import { chatdata } from './chatdata/index.js';
import { generic } from './generic/index.js';
import type { PlatformModule } from './module.js';
import { onwebchat } from './onwebchat/index.js';
import { oscarchat } from './oscarchat/index.js';
import { shopguide } from './shopguide/index.js';

export const PLATFORMS = [oscarchat, onwebchat, shopguide, chatdata, generic] as const;

type Modules = (typeof PLATFORMS)[number];
export type PlatformId = Modules['id'];

/** Config.platforms: each enabled platform's own settings, keyed by id. */
export type PlatformConfigs = {
  [M in Modules as M['id']]?: NonNullable<ReturnType<M['settings']['read']>>;
};

export const ALL_PLATFORMS: PlatformId[] = PLATFORMS.map((p) => p.id);

export function isPlatformId(value: string): value is PlatformId {
  return (ALL_PLATFORMS as string[]).includes(value);
}

export function platformModule(id: PlatformId): PlatformModule {
  return PLATFORMS.find((p) => p.id === id) as PlatformModule;
}

/** The display name for a stored platform id ("oscarchat" -> "Oscar Chat"); unknown ids as they are. */
export function platformName(id: string): string {
  return PLATFORMS.find((p) => p.id === id)?.displayName ?? id;
}
