// What the simulate CLI and the tests send: a sample payload per documented event, and the
// headers the platform itself would add when signing it.
import { createHash } from 'node:crypto';

export interface Sample {
  body: object;
  /** Extra headers the platform sends with this event beyond what sign() produces. */
  headers?: Record<string, string>;
}

export type Samples = Record<string, Sample>;

/** sign(raw, secret, now) -> the headers a real delivery of `raw` would carry. */
export type Signer = (raw: Buffer, secret: string, now?: Date) => Record<string, string>;

/** A fresh copy, so callers may edit a sample without changing it for the next one. */
export function cloneSamples(samples: Record<string, object>): Samples {
  return Object.fromEntries(Object.entries(samples).map(([event, body]) => [event, { body: structuredClone(body) }]));
}

/** The `event`/`type` field of a JSON body, for platforms that repeat it in a header. */
export function bodyEvent(raw: Buffer, ...keys: string[]): string | undefined {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    for (const key of keys) {
      const v = (parsed as Record<string, unknown>)[key];
      if (typeof v === 'string' && v !== '') return v;
    }
  } catch {
    // Not JSON: the caller is testing the 400 path; sign it anyway, just without an event header.
  }
  return undefined;
}

/** A stable id derived from the bytes: the same body re-sent looks like a retry, as it would be. */
export function stableId(raw: Buffer, length = 12): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, length);
}
