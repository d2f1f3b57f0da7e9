// Which adapters run: one per platform whose webhook secret is set (config.platforms holds only
// those). The webhook route answers 404 for any platform missing from the map.
import type { Config } from '../config.js';
import { createChatDataAdapter } from './chatdata/adapter.js';
import { createGenericAdapter } from './generic/adapter.js';
import { createOnWebChatAdapter } from './onwebchat/adapter.js';
import { createOscarAdapter } from './oscarchat/adapter.js';
import { createShopGuideAdapter } from './shopguide/adapter.js';
import { withCleanEvents } from './shared/clean.js';
import type { PlatformAdapter, PlatformId } from './types.js';

export const ALL_PLATFORMS: PlatformId[] = ['oscarchat', 'onwebchat', 'shopguide', 'chatdata', 'generic'];

export function isPlatformId(value: string): value is PlatformId {
  return (ALL_PLATFORMS as string[]).includes(value);
}

export function createAdapters(config: Pick<Config, 'platforms'>): Map<PlatformId, PlatformAdapter> {
  const p = config.platforms;
  const adapters = new Map<PlatformId, PlatformAdapter>();
  if (p.oscarchat) adapters.set('oscarchat', createOscarAdapter(p.oscarchat));
  if (p.onwebchat) adapters.set('onwebchat', createOnWebChatAdapter(p.onwebchat));
  if (p.shopguide) adapters.set('shopguide', createShopGuideAdapter(p.shopguide));
  if (p.chatdata) adapters.set('chatdata', createChatDataAdapter(p.chatdata));
  if (p.generic) adapters.set('generic', createGenericAdapter(p.generic));
  // Customer text is cleaned where it comes in, for every platform alike.
  for (const [id, adapter] of adapters) adapters.set(id, withCleanEvents(adapter));
  return adapters;
}
