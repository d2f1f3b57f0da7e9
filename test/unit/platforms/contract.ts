// The one suite every platform adapter must pass. Each <platform>.test.ts calls
// adapterContract() with what is specific to it (header, encoding, expected events per sample);
// platform quirks get their own tests beside the call.
import { createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Samples, Signer } from '../../../src/platforms/shared/samples.js';
import type {
  PlatformAdapter,
  PlatformCapabilities,
  PlatformEvent,
  PlatformEventKind,
  PlatformId,
} from '../../../src/platforms/types.js';

export const SECRET = 'whsec_test_primary_3f9a7c';
export const OTHER_SECRET = 'whsec_test_other_81d2b0';
export const NOW = new Date('2026-04-29T10:20:00Z');

export interface ContractSpec {
  id: PlatformId;
  displayName: string;
  capabilities: PlatformCapabilities;
  /** Builds the adapter with these secrets (the platform's other settings fixed by the test). */
  make(secrets: string[]): PlatformAdapter;
  samples: () => Samples;
  sign: Signer;
  /** Folder of the shipped fixtures, to check every file is offered by samples(). */
  fixturesDir: URL;
  signature: { header: string; encoding: 'hex' | 'base64'; label?: 'sha256=' };
  /** Present where the scheme checks a delivery timestamp header. */
  timestampHeader?: string;
  /** For each sample: the event kinds it parses to, in order ([] = ignored). */
  kinds: Record<string, PlatformEventKind[]>;
  /** The delivery id envelope() should report for a signed sample (undefined = body hash). */
  deliveryId(sample: string, body: object, headers: Record<string, string>): string | undefined;
  /** A well-formed delivery of an event type the platform might add later. */
  unknownEvent: object;
  /** conversationUrl() for this id. */
  conversationUrl: { id: string; expected: string | undefined };
}

export function signed(spec: ContractSpec, body: object, secret = SECRET, now = NOW) {
  const raw = Buffer.from(JSON.stringify(body));
  return { raw, headers: spec.sign(raw, secret, now) as IncomingHttpHeaders };
}

function mac(raw: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(raw).digest();
}

function withHeader(headers: IncomingHttpHeaders, name: string, value: string | undefined): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== name.toLowerCase()) out[k] = v;
  if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

function expectRejected(result: ReturnType<PlatformAdapter['verify']>, ...mustMention: RegExp[]) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.reason.length).toBeGreaterThan(10);
  // Never a secret in a reason (logs, 401 bodies).
  expect(result.reason).not.toContain(SECRET);
  expect(result.reason).not.toContain(OTHER_SECRET);
  for (const re of mustMention) expect(result.reason).toMatch(re);
}

export function adapterContract(spec: ContractSpec): void {
  const adapter = spec.make([SECRET]);
  const sigHeader = spec.signature.header;
  const label = spec.signature.label ?? '';
  const encodeAs = (raw: Buffer, secret: string, enc: 'hex' | 'base64') => `${label}${mac(raw, secret).toString(enc)}`;

  describe(`${spec.id} adapter contract`, () => {
    it('identifies itself and declares its capabilities', () => {
      expect(adapter.id).toBe(spec.id);
      expect(adapter.displayName).toBe(spec.displayName);
      expect(adapter.capabilities).toEqual(spec.capabilities);
    });

    describe('verify', () => {
      const body = Object.values(spec.samples())[0]?.body ?? {};

      it('accepts a delivery signed with the secret, as the platform signs it', () => {
        const { raw, headers } = signed(spec, body);
        expect(adapter.verify(raw, headers, NOW)).toEqual({ ok: true });
      });

      it('finds the signature whatever the header name case', () => {
        const { raw } = signed(spec, body);
        const headers = { [sigHeader.toUpperCase()]: encodeAs(raw, SECRET, spec.signature.encoding) };
        expect(adapter.verify(raw, headers, NOW)).toEqual({ ok: true });
      });

      it('rejects a signature made with another secret', () => {
        const { raw, headers } = signed(spec, body, OTHER_SECRET);
        expectRejected(adapter.verify(raw, headers, NOW), /match/);
      });

      it('rejects a delivery without the signature header, naming the header', () => {
        const { raw, headers } = signed(spec, body);
        const result = adapter.verify(raw, withHeader(headers, sigHeader, undefined), NOW);
        expectRejected(result, new RegExp(sigHeader, 'i'), /missing/i);
      });

      it('rejects an empty signature header', () => {
        const { raw, headers } = signed(spec, body);
        expectRejected(adapter.verify(raw, withHeader(headers, sigHeader, ''), NOW));
      });

      it('rejects the right MAC in the wrong encoding, saying which encoding is expected', () => {
        const { raw, headers } = signed(spec, body);
        const other = spec.signature.encoding === 'hex' ? 'base64' : 'hex';
        const result = adapter.verify(raw, withHeader(headers, sigHeader, encodeAs(raw, SECRET, other)), NOW);
        expectRejected(result, new RegExp(spec.signature.encoding === 'hex' ? 'hex' : 'base64', 'i'));
      });

      it('rejects a truncated MAC as the wrong length', () => {
        const { raw, headers } = signed(spec, body);
        const short = `${label}${mac(raw, SECRET).subarray(0, 20).toString(spec.signature.encoding)}`;
        expectRejected(adapter.verify(raw, withHeader(headers, sigHeader, short), NOW), /32|64|bytes|characters/);
      });

      it('rejects garbage in the header', () => {
        const { raw, headers } = signed(spec, body);
        expectRejected(adapter.verify(raw, withHeader(headers, sigHeader, `${label}not a signature!`), NOW));
      });

      it('rejects a tampered body (one byte changed)', () => {
        const { raw, headers } = signed(spec, body);
        const tampered = Buffer.from(raw);
        tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 0x01;
        expectRejected(adapter.verify(tampered, headers, NOW), /match/);
      });

      it('checks the raw bytes, not re-serialized JSON (whitespace matters)', () => {
        const raw = Buffer.from(JSON.stringify(body, null, 2));
        const headers = spec.sign(raw, SECRET, NOW) as IncomingHttpHeaders;
        expect(adapter.verify(raw, headers, NOW)).toEqual({ ok: true });
        const compact = Buffer.from(JSON.stringify(body));
        expectRejected(adapter.verify(compact, headers, NOW));
      });

      it('accepts any secret of a rotation list (the second one matches)', () => {
        const rotated = spec.make([OTHER_SECRET, SECRET]);
        const { raw, headers } = signed(spec, body);
        expect(rotated.verify(raw, headers, NOW)).toEqual({ ok: true });
        const { raw: raw2, headers: headers2 } = signed(spec, body, 'whsec_retired_secret');
        expectRejected(rotated.verify(raw2, headers2, NOW), /2 configured secrets/);
      });

      it('rejects everything when no secret is configured', () => {
        const none = spec.make([]);
        const { raw, headers } = signed(spec, body);
        expectRejected(none.verify(raw, headers, NOW), /secret/i);
      });

      it('rejects a signature header sent twice', () => {
        const { raw, headers } = signed(spec, body);
        const twice = withHeader(headers, sigHeader, undefined);
        const value = encodeAs(raw, SECRET, spec.signature.encoding);
        twice[sigHeader.toLowerCase()] = [value, value] as unknown as string;
        expectRejected(adapter.verify(raw, twice, NOW), /twice|2 times/);
      });

      it('verifies the samples sign() produces, for every sample', () => {
        for (const [name, sample] of Object.entries(spec.samples())) {
          const { raw, headers } = signed(spec, sample.body);
          expect(adapter.verify(raw, { ...headers, ...(sample.headers ?? {}) }, NOW), name).toEqual({ ok: true });
        }
      });

      if (spec.timestampHeader) {
        const tsHeader = spec.timestampHeader;
        it(`refuses a ${tsHeader} outside the 5-minute window, and accepts one inside it`, () => {
          const { raw, headers } = signed(spec, body);
          const at = (ms: number) => String(Math.floor((NOW.getTime() + ms) / 1000));
          expect(adapter.verify(raw, withHeader(headers, tsHeader, at(-4 * 60_000)), NOW)).toEqual({ ok: true });
          expect(adapter.verify(raw, withHeader(headers, tsHeader, at(4 * 60_000)), NOW)).toEqual({ ok: true });
          expectRejected(adapter.verify(raw, withHeader(headers, tsHeader, at(-6 * 60_000)), NOW), /window/);
          expectRejected(adapter.verify(raw, withHeader(headers, tsHeader, at(10 * 60_000)), NOW), /window/);
          expectRejected(adapter.verify(raw, withHeader(headers, tsHeader, 'yesterday'), NOW), /timestamp/i);
        });
      }
    });

    describe('samples and fixtures', () => {
      it('offers every shipped fixture file as a sample, keyed by event name', () => {
        const files = readdirSync(fileURLToPath(spec.fixturesDir))
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.replace(/\.json$/, ''))
          .sort();
        expect(Object.keys(spec.samples()).sort()).toEqual(files);
      });

      it('has an expectation for every sample', () => {
        expect(Object.keys(spec.kinds).sort()).toEqual(Object.keys(spec.samples()).sort());
      });

      it('returns fresh copies (editing one does not change the next)', () => {
        const first = spec.samples();
        const name = Object.keys(first)[0] as string;
        const body = (first[name]?.body ?? {}) as Record<string, unknown>;
        body.mutated = true;
        const again = (spec.samples()[name]?.body ?? {}) as Record<string, unknown>;
        expect(again.mutated).toBeUndefined();
      });
    });

    describe('envelope', () => {
      it('reports each sample’s event type and delivery id', () => {
        for (const [name, sample] of Object.entries(spec.samples())) {
          const { headers } = signed(spec, sample.body);
          const env = adapter.envelope(sample.body, headers);
          expect(env.eventType, name).toBe(name);
          expect(env.deliveryId, name).toBe(spec.deliveryId(name, sample.body, headers as Record<string, string>));
        }
      });

      it('throws on a body that is not an object', () => {
        for (const body of [null, 'text', 42, [1, 2]]) expect(() => adapter.envelope(body, {})).toThrow();
      });
    });

    describe('parse', () => {
      for (const [name, kinds] of Object.entries(spec.kinds)) {
        it(`${name} -> [${kinds.join(', ')}]`, () => {
          const sample = spec.samples()[name];
          expect(sample).toBeDefined();
          const { headers } = signed(spec, sample?.body ?? {});
          const events = adapter.parse(sample?.body, headers);
          expect(events.map((e) => e.kind)).toEqual(kinds);
          for (const e of events) expectWellFormed(e);
        });
      }

      it('ignores an unknown event type', () => {
        const { headers } = signed(spec, spec.unknownEvent);
        expect(adapter.parse(spec.unknownEvent, headers)).toEqual([]);
      });

      it('never throws, whatever the JSON', () => {
        for (const body of [null, 'text', 42, [], {}, { event: 5 }, { data: 'x' }]) {
          expect(() => adapter.parse(body, {})).not.toThrow();
          expect(adapter.parse(body, {})).toEqual([]);
        }
      });

      it('is pure: parsing twice gives equal events and leaves the body unchanged', () => {
        for (const sample of Object.values(spec.samples())) {
          const before = JSON.stringify(sample.body);
          const { headers } = signed(spec, sample.body);
          const a = adapter.parse(sample.body, headers).map(stripNow);
          const b = adapter.parse(sample.body, headers).map(stripNow);
          expect(a).toEqual(b);
          expect(JSON.stringify(sample.body)).toBe(before);
        }
      });
    });

    it('links to a conversation as documented', () => {
      expect(adapter.conversationUrl(spec.conversationUrl.id)).toBe(spec.conversationUrl.expected);
    });
  });
}

/** Every event must be usable downstream: a conversation, a real date, the fields its kind needs. */
export function expectWellFormed(e: PlatformEvent): void {
  expect(typeof e.conversationId).toBe('string');
  expect(e.conversationId.length).toBeGreaterThan(0);
  expect(e.occurredAt).toBeInstanceOf(Date);
  expect(Number.isNaN(e.occurredAt.getTime())).toBe(false);
  for (const [k, v] of Object.entries(e)) expect(v, `${e.kind}.${k}`).not.toBeUndefined();
  switch (e.kind) {
    case 'escalated':
    case 'conversation_started':
    case 'contact':
      expect(typeof e.customer).toBe('object');
      break;
    case 'message':
      expect(e.text.length).toBeGreaterThan(0);
      expect(['customer', 'agent', 'bot', 'system']).toContain(e.author);
      break;
    case 'rated':
      expect(e.rating).toBeGreaterThanOrEqual(0);
      expect(e.rating).toBeLessThanOrEqual(e.scale);
      break;
    case 'assigned':
      expect(typeof e.assignee).toBe('object');
      break;
    case 'resolved':
      break;
  }
}

/** occurredAt falls back to "now" where a payload has no time; compare the rest. */
function stripNow(e: PlatformEvent): Omit<PlatformEvent, 'occurredAt'> {
  const { occurredAt: _ignored, ...rest } = e;
  return rest;
}

/** Parse one sample (helper for platform-specific assertions). */
export function parseSample(spec: ContractSpec, name: string): PlatformEvent[] {
  const sample = spec.samples()[name];
  if (!sample) throw new Error(`no sample ${name}`);
  const { headers } = signed(spec, sample.body);
  return spec.make([SECRET]).parse(sample.body, headers);
}
