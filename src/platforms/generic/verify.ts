// The generic webhook (docs/platforms.md, Generic webhook): bare hex HMAC-SHA256 of the raw body in `x-webhook-signature`.
// The guide's own examples sign the body alone, with no timestamp, so there is no window.
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, verifySignature } from '../shared/signature.js';
import type { VerifyResult } from '../types.js';

export const GENERIC_SIGNATURE: SignatureScheme = {
  platform: 'the generic webhook sender',
  header: 'x-webhook-signature',
  encoding: 'hex',
  secretEnv: 'GENERIC_WEBHOOK_SECRET',
};

export function verifyGeneric(secrets: readonly string[], raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult {
  return verifySignature(GENERIC_SIGNATURE, secrets, raw, headers, now);
}
