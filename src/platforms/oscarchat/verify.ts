// Oscar Chat signs the raw body: `x-oscar-signature: sha256=<hex HMAC-SHA256(secret, body)>`.
// The seed documents no timestamp header, so there is no replay window; duplicates are caught
// by the body's event `id` (or the body hash) instead.
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, verifySignature } from '../shared/signature.js';
import type { VerifyResult } from '../types.js';

export const OSCAR_SIGNATURE: SignatureScheme = {
  platform: 'Oscar Chat',
  header: 'x-oscar-signature',
  encoding: 'hex',
  secretEnv: 'OSCAR_WEBHOOK_SECRET',
};

export function verifyOscar(secrets: readonly string[], raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult {
  return verifySignature(OSCAR_SIGNATURE, secrets, raw, headers, now);
}
