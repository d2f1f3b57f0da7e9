// Chat Data signs the raw body with HMAC-SHA256 and sends it base64-encoded in
// `x-chat-data-hmac-sha256` (its example decodes both sides from base64 before comparing).
// No timestamp is documented.
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, verifySignature } from '../shared/signature.js';
import type { VerifyResult } from '../types.js';

export const CHATDATA_SIGNATURE: SignatureScheme = {
  platform: 'Chat Data',
  header: 'x-chat-data-hmac-sha256',
  encoding: 'base64',
  secretEnv: 'CHATDATA_WEBHOOK_SECRET',
};

export function verifyChatData(secrets: readonly string[], raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult {
  return verifySignature(CHATDATA_SIGNATURE, secrets, raw, headers, now);
}
