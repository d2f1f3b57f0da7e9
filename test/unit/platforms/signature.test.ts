// The shared HMAC routine's edge cases, beyond what the per-platform contract covers.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseInstant, type SignatureScheme, verifySignature } from '../../../src/platforms/shared/signature.js';

const scheme: SignatureScheme = { platform: 'Test', header: 'X-Sig', encoding: 'hex', secretEnv: 'TEST_SECRET' };
const raw = Buffer.from('{"a":1}');
const hex = (secret: string) => createHmac('sha256', secret).update(raw).digest('hex');
const now = new Date('2026-04-29T10:00:00Z');

describe('verifySignature', () => {
  it('accepts upper-case hex', () => {
    expect(verifySignature(scheme, ['s'], raw, { 'x-sig': hex('s').toUpperCase() }, now)).toEqual({ ok: true });
  });

  it('ignores blank entries in the secret list, and says where to set one when none is left', () => {
    expect(verifySignature(scheme, ['', 's'], raw, { 'x-sig': hex('s') }, now)).toEqual({ ok: true });
    expect(verifySignature(scheme, [''], raw, { 'x-sig': hex('s') }, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('TEST_SECRET'),
    });
  });

  it('refuses a body that is not a Buffer (parsed JSON passed by mistake)', () => {
    const result = verifySignature(scheme, ['s'], { a: 1 } as unknown as Buffer, { 'x-sig': hex('s') }, now);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/raw request body/) });
  });

  it('names the secret variable, never the secret, when nothing matches', () => {
    const result = verifySignature(scheme, ['topsecret'], raw, { 'x-sig': hex('other') }, now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('TEST_SECRET');
    expect(result.reason).not.toContain('topsecret');
    expect(result.reason).not.toContain(hex('topsecret'));
  });

  it('requires the timestamp when the scheme says so', () => {
    const strict: SignatureScheme = { ...scheme, timestamp: { header: 'X-Ts', required: true } };
    expect(verifySignature(strict, ['s'], raw, { 'x-sig': hex('s') }, now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('missing X-Ts'),
    });
    const ts = String(now.getTime()); // milliseconds are understood too
    expect(verifySignature(strict, ['s'], raw, { 'x-sig': hex('s'), 'x-ts': ts }, now)).toEqual({ ok: true });
  });
});

describe('parseInstant', () => {
  it('reads Unix seconds, milliseconds and ISO 8601', () => {
    expect(parseInstant('1777457000')?.toISOString()).toBe('2026-04-29T10:03:20.000Z');
    expect(parseInstant(1777457000000)?.toISOString()).toBe('2026-04-29T10:03:20.000Z');
    expect(parseInstant('2026-04-29T10:03:20Z')?.toISOString()).toBe('2026-04-29T10:03:20.000Z');
    expect(parseInstant('soon')).toBeUndefined();
  });
});
