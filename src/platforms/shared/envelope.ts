// Envelope helpers: the event type and delivery id the route needs before (and without) parsing.
import { PermanentError } from '../../errors.js';

/** The body as an object, or the one error envelope() is allowed to throw. */
export function envelopeObject(body: unknown, platform: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PermanentError(`${platform} webhook body is not a JSON object`);
  }
  return body as Record<string, unknown>;
}

/** A top-level string (or number) field, as a non-empty string. */
export function stringField(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}
