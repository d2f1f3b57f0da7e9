// onWebChat signs the raw body: `X-OWC-Signature: sha256=<hex HMAC-SHA256(secret, body)>`, with
// the event in `X-OWC-Event` and a retry-stable id in `X-OWC-Delivery`.
//
// Timestamp: the documented request (and the part of onWebChat's reference we could read) shows
// no timestamp header and signs the body alone; deliveries are retried for up to ~3.5 hours with
// the same id. So the window is enforced only when an `X-OWC-Timestamp` header is actually sent,
// read as the time of this attempt; a body's `created_at` is never used for it (that would refuse
// every legitimate retry).
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, verifySignature } from '../shared/signature.js';
import type { VerifyResult } from '../types.js';

export const OWC_SIGNATURE: SignatureScheme = {
  platform: 'onWebChat',
  header: 'X-OWC-Signature',
  encoding: 'hex',
  secretEnv: 'ONWEBCHAT_WEBHOOK_SECRET',
  timestamp: { header: 'X-OWC-Timestamp', required: false, toleranceMs: 5 * 60 * 1000 },
};

export function verifyOnWebChat(secrets: readonly string[], raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult {
  return verifySignature(OWC_SIGNATURE, secrets, raw, headers, now);
}
