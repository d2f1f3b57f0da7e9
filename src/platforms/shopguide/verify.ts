// ShopGuide signs the raw body with a bare hex HMAC-SHA256. Its docs show the digest but not the
// header's name; docs/platforms.md records the assumed name `X-ShopGuide-Signature`. No timestamp is documented.
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, verifySignature } from '../shared/signature.js';
import type { VerifyResult } from '../types.js';

export const SHOPGUIDE_SIGNATURE: SignatureScheme = {
  platform: 'ShopGuide',
  header: 'X-ShopGuide-Signature',
  encoding: 'hex',
  secretEnv: 'SHOPGUIDE_WEBHOOK_SECRET',
};

export function verifyShopGuide(secrets: readonly string[], raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult {
  return verifySignature(SHOPGUIDE_SIGNATURE, secrets, raw, headers, now);
}
