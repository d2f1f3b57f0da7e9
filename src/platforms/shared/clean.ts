// Customer text is cleaned once, where it enters handoff (the adapter's parse), before anything
// keeps or shows it. PostgreSQL refuses NUL in text columns, so one `\u0000` in a chat message
// used to fail the job on every retry and lose the escalation; terminal escape sequences and bidi
// overrides are noise at best and a way to disguise text at worst.
import type { PlatformAdapter, PlatformEvent } from '../types.js';

/** Longest string kept from a payload: far beyond what a card shows, short of a megabyte per field. */
export const MAX_TEXT_LENGTH = 10_000;

// ESC-introduced sequences first (CSI like `ESC[31m`, OSC up to BEL/ST, two-byte escapes), so the
// parameters go with the ESC instead of staying behind as "[31m".
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?/g;
// C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// A lone UTF-16 surrogate cannot be encoded; the driver would turn it into U+FFFD anyway.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\ufffd');
  if (cleaned.length <= maxLength) return cleaned;
  // Do not cut a surrogate pair in half.
  const cut = /[\ud800-\udbff]/.test(cleaned[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return `${cleaned.slice(0, cut)}…`;
}

/** Every string in a value (objects, arrays; Dates and other leaves are kept as they are). */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cleanText(k, 200)] = cleanDeep(v);
    return out as T;
  }
  return value;
}

/** The adapter, with every event it parses cleaned: the one place customer text comes in. */
export function withCleanEvents(adapter: PlatformAdapter): PlatformAdapter {
  return {
    ...adapter,
    parse: (body, headers) => adapter.parse(body, headers).map((event) => cleanDeep<PlatformEvent>(event)),
  };
}
