// Tolerant zod building blocks for webhook payloads. Platforms add fields, drop optional ones and
// send numbers where their docs show strings; none of that should lose an escalation. So every
// optional field falls back to undefined when absent or of an unexpected type, ids accept numbers,
// and unknown keys pass through. An event without a conversation id cannot be tied to anything and
// parses to [] (parse() runs inside the webhook request, so it never throws: the delivery is still
// stored, as "ignored", for an operator to look at).
import { z } from 'zod';
import type { Customer, Priority, TranscriptLine } from '../types.js';
import { parseInstant } from './signature.js';

/** A non-empty string or a number, as a trimmed string; anything else is undefined. */
export const optId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .catch(undefined);

/** Free text; numbers become strings, blanks become undefined. */
export const optText = optId;

/** An email address: a string with an @; anything else (a number, "n/a") is undefined. */
export const optEmail = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (/^[^\s@]+@[^\s@]+$/.test(v) ? v : undefined))
  .optional()
  .catch(undefined);

export const optNumber = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform(Number)
  .optional()
  .catch(undefined);

export const optBool = z.boolean().optional().catch(undefined);

/** An object with the given fields, extra keys kept; undefined when absent or not an object. */
export function optObject<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape).optional().catch(undefined);
}

/** A list whose malformed items are dropped rather than failing the whole payload. */
export function optList<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .transform((xs) =>
      xs.flatMap((x) => {
        const r = item.safeParse(x);
        return r.success ? [r.data as z.output<T>] : [];
      }),
    )
    .optional()
    .catch(undefined);
}

export const optStringList = optList(z.union([z.string(), z.number()]).transform(String));

/** Free-form attributes bag (custom_attributes and the like). */
export const optRecord = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** An instant in any of the forms platforms use; undefined when absent or unreadable. */
export const optInstant = z
  .union([z.string(), z.number()])
  .transform((v) => parseInstant(v))
  .optional()
  .catch(undefined);

/** parse() takes any JSON; only objects can be events (envelope() is the one that throws). */
export function isRecord(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Drop undefined values so events compare cleanly and serialize without noise. */
export function compact<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A Customer with only the fields that were present; attributes omitted when empty. */
export function customer(fields: Customer): Customer {
  const c = compact(fields);
  if (!c.email) delete c.emailVerified;
  if (c.attributes) {
    const attrs = compact(c.attributes);
    if (Object.keys(attrs).length === 0) delete c.attributes;
    else c.attributes = attrs;
  }
  return c;
}

/** The first value that is defined: for fields a payload may carry in several places. */
export function firstOf<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** A platform's priority word mapped onto handoff's four levels; unknown words give undefined. */
export function toPriority(value: string | undefined): Priority | undefined {
  switch (value?.toLowerCase()) {
    case 'low':
      return 'low';
    case 'normal':
    case 'medium':
    case 'default':
      return 'normal';
    case 'high':
      return 'high';
    case 'urgent':
    case 'critical':
    case 'highest':
      return 'urgent';
    default:
      return undefined;
  }
}

/** Chat-completion style roles (user/assistant/...) as transcript authors. */
export function roleToAuthor(role: string | undefined): TranscriptLine['author'] {
  switch (role?.toLowerCase()) {
    case 'user':
    case 'customer':
    case 'visitor':
    case 'contact':
      return 'customer';
    case 'assistant':
    case 'bot':
    case 'ai':
      return 'bot';
    case 'agent':
    case 'human':
    case 'operator':
      return 'agent';
    default:
      return 'system';
  }
}

/** Text of the last line the customer wrote, if any. */
export function lastCustomerText(lines: readonly TranscriptLine[] | undefined): string | undefined {
  if (!lines) return undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && line.author === 'customer' && line.text.trim() !== '') return line.text;
  }
  return undefined;
}
