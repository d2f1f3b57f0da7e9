// Chat Data: everything handoff knows about it, registered by one line in ../list.ts.
import { definePlatform, secretOnlySettings } from '../module.js';
import { NO_CAPABILITIES } from '../types.js';
import { createChatDataAdapter, DISPLAY_NAME } from './adapter.js';
import { sign, samples } from './samples.js';
import { CHATDATA_SIGNATURE } from './verify.js';

export interface ChatDataConfig {
  secrets: string[];
}

export const chatdata = definePlatform({
  id: 'chatdata',
  displayName: DISPLAY_NAME,
  capabilities: NO_CAPABILITIES,
  signature: CHATDATA_SIGNATURE,
  settings: secretOnlySettings(CHATDATA_SIGNATURE.secretEnv),
  adapter: createChatDataAdapter,
  samples,
  sign,
});
