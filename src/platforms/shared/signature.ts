// HMAC-SHA256 webhook signatures, shared by every adapter. Each platform differs only in the
// header name, the digest's encoding and an optional `sha256=` label, so one routine does the
// work and each platform's verify.ts states its scheme.
//
// Rules kept here so no adapter can get them wrong:
// - the MAC is computed over the raw request bytes, never re-serialized JSON;
// - the header is decoded to bytes and compared with crypto.timingSafeEqual on equal lengths;
// - every configured secret is tried (comma-separated rotation: old and new both work);
// - a failure reason tells the operator what to fix and never echoes a secret or the MAC we
//   expected (that would hand a forger the answer).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VerifyResult } from '../types.js';
import { lookupHeader } from './headers.js';

export type DigestEncoding = 'hex' | 'base64';

const DIGEST_BYTES = 32; // SHA-256
const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * How one platform signs. A `sha256=` label in front of the digest is always accepted (Oscar and
 * onWebChat write it, the others may), and any other algorithm label is refused by name.
 */
export interface SignatureScheme {
  /** For reasons: "Oscar Chat". */
  platform: string;
  /** Header as the platform documents it, e.g. `X-OWC-Signature` (matched case-insensitively). */
  header: string;
  encoding: DigestEncoding;
  /** Environment variable holding the secrets, named in reasons so the operator knows where to look. */
  secretEnv: string;
  /**
   * A delivery-time header, checked against a window when the platform sends it (replay protection).
   * `required: false` means "check it when present": used where a timestamp is not documented as
   * always sent.
   */
  timestamp?: { header: string; required: boolean; toleranceMs?: number };
}

/** HMAC-SHA256 of the raw bytes, as raw bytes. */
export function hmacSha256(raw: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(raw).digest();
}

/** The digest as the platform would write it in its header (without any label). */
export function encodeDigest(raw: Buffer, secret: string, encoding: DigestEncoding): string {
  return hmacSha256(raw, secret).toString(encoding);
}

export function verifySignature(
  scheme: SignatureScheme,
  secrets: readonly string[],
  raw: Buffer,
  headers: IncomingHttpHeaders,
  now: Date = new Date(),
): VerifyResult {
  const usable = secrets.filter((s) => s.length > 0);
  if (usable.length === 0) {
    return fail(`no webhook secret is configured for ${scheme.platform}; set ${scheme.secretEnv}`);
  }
  if (!Buffer.isBuffer(raw)) {
    // A programming error upstream (a parsed body was passed): say so rather than guess bytes.
    return fail('the raw request body was not available as bytes; the route must not parse JSON before verifying');
  }

  const header = lookupHeader(headers, scheme.header);
  if ('missing' in header) {
    return fail(
      `missing ${scheme.header} header; the request is not signed by ${scheme.platform} (or a proxy dropped the header)`,
    );
  }
  if ('repeated' in header) {
    return fail(`${scheme.header} header was sent ${header.repeated} times; expected exactly one`);
  }

  const decoded = decodeSignature(header.value.trim(), scheme);
  if ('reason' in decoded) return fail(decoded.reason);

  if (scheme.timestamp) {
    const stale = checkTimestamp(scheme.timestamp, headers, now);
    if (stale) return fail(stale);
  }

  for (const secret of usable) {
    // Lengths are equal by construction (decodeSignature insists on 32 bytes).
    if (timingSafeEqual(hmacSha256(raw, secret), decoded.bytes)) return { ok: true };
  }
  const count = usable.length === 1 ? 'the configured secret' : `any of the ${usable.length} configured secrets`;
  return fail(
    `${scheme.header} does not match ${count}; check that ${scheme.secretEnv} holds ${scheme.platform}'s signing secret and that nothing rewrites the body in transit`,
  );
}

function fail(reason: string): VerifyResult {
  return { ok: false, reason };
}

type Decoded = { bytes: Buffer } | { reason: string };

function decodeSignature(value: string, scheme: SignatureScheme): Decoded {
  const name = scheme.header;
  if (value === '') return { reason: `${name} header is empty` };

  let digest = value;
  // An `algo=` label. Hex never contains '=', so any label on a hex header is an algorithm name;
  // base64 may end in '=' padding, so only the exact `sha256=` label is stripped there.
  const label = /^([A-Za-z][A-Za-z0-9-]*)=(.+)$/.exec(value);
  if (scheme.encoding === 'hex' && label?.[1] && label[2] !== undefined) {
    if (label[1].toLowerCase() !== 'sha256') {
      return { reason: `${name} is labelled "${label[1]}"; handoff expects sha256 (HMAC-SHA256)` };
    }
    digest = label[2];
  } else if (scheme.encoding === 'base64' && value.toLowerCase().startsWith('sha256=')) {
    digest = value.slice('sha256='.length);
  }

  if (scheme.encoding === 'hex') {
    if (!/^[0-9a-fA-F]*$/.test(digest)) {
      const hint = /^[A-Za-z0-9+/_-]+={0,2}$/.test(digest) ? ' (it looks like base64)' : '';
      return { reason: `${name} is not hexadecimal${hint}; ${scheme.platform} sends a hex HMAC-SHA256` };
    }
    if (digest.length !== DIGEST_BYTES * 2) {
      return {
        reason: `${name} has ${digest.length} hex characters; an HMAC-SHA256 has ${DIGEST_BYTES * 2}`,
      };
    }
    return { bytes: Buffer.from(digest, 'hex') };
  }

  // base64 (standard or URL-safe alphabet, padding optional)
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(digest)) {
    return { reason: `${name} is not base64; ${scheme.platform} sends a base64 HMAC-SHA256` };
  }
  if (/^[0-9a-fA-F]{64}$/.test(digest)) {
    // 64 hex characters decode as base64 to 48 bytes: name the real mistake.
    return { reason: `${name} looks hexadecimal; ${scheme.platform} sends a base64 HMAC-SHA256` };
  }
  const bytes = Buffer.from(digest.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== DIGEST_BYTES) {
    return { reason: `${name} decodes to ${bytes.length} bytes; an HMAC-SHA256 has ${DIGEST_BYTES}` };
  }
  return { bytes };
}

function checkTimestamp(
  rule: NonNullable<SignatureScheme['timestamp']>,
  headers: IncomingHttpHeaders,
  now: Date,
): string | undefined {
  const h = lookupHeader(headers, rule.header);
  if ('missing' in h) return rule.required ? `missing ${rule.header} header` : undefined;
  if ('repeated' in h) return `${rule.header} header was sent ${h.repeated} times; expected exactly one`;
  const at = parseInstant(h.value.trim());
  if (at === undefined) {
    return `${rule.header} is not a timestamp (expected Unix seconds, milliseconds or ISO 8601)`;
  }
  const tolerance = rule.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const skew = at.getTime() - now.getTime();
  if (Math.abs(skew) > tolerance) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    const direction = skew < 0 ? 'old' : 'in the future';
    return `${rule.header} is ${minutes} min ${direction}, outside the ${tolerance / 60_000}-minute window (replayed request, or the server clock is wrong)`;
  }
  return undefined;
}

/** Unix seconds, Unix milliseconds (13+ digits) or an ISO 8601 string. */
export function parseInstant(value: string | number): Date | undefined {
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    return new Date(n >= 1e12 ? n : n * 1000);
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
