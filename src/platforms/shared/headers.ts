// Header access that does not depend on how the caller built the headers object: Node lowercases
// incoming names, but tests and the simulate CLI may pass `X-OWC-Event` as written in the docs.
import type { IncomingHttpHeaders } from 'node:http';

export type HeaderLookup = { value: string } | { missing: true } | { repeated: number };

/** One header by name, case-insensitive; says so when it is absent or sent more than once. */
export function lookupHeader(headers: IncomingHttpHeaders, name: string): HeaderLookup {
  const wanted = name.toLowerCase();
  let found: string | string[] | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) {
      found = value;
      break;
    }
  }
  if (found === undefined) return { missing: true };
  if (Array.isArray(found)) {
    if (found.length === 1 && found[0] !== undefined) return { value: found[0] };
    return found.length === 0 ? { missing: true } : { repeated: found.length };
  }
  return { value: found };
}

/** The header's value, or undefined when absent, empty or ambiguous (sent twice). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const h = lookupHeader(headers, name);
  if (!('value' in h)) return undefined;
  const v = h.value.trim();
  return v === '' ? undefined : v;
}
