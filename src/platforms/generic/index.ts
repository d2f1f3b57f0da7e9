// The generic webhook (docs/platforms.md, Generic webhook): everything handoff knows about it, registered by one line in ../list.ts.
import { definePlatform, secretOnlySettings } from '../module.js';
import { NO_CAPABILITIES } from '../types.js';
import { createGenericAdapter, DISPLAY_NAME } from './adapter.js';
import { sign, samples } from './samples.js';
import { GENERIC_SIGNATURE } from './verify.js';

export interface GenericConfig {
  secrets: string[];
}

export const generic = definePlatform({
  id: 'generic',
  displayName: DISPLAY_NAME,
  capabilities: NO_CAPABILITIES,
  signature: GENERIC_SIGNATURE,
  settings: secretOnlySettings(GENERIC_SIGNATURE.secretEnv),
  adapter: createGenericAdapter,
  samples,
  sign,
});
