// Reading platform API bodies: unwrap `{data}`, the platform's own error words, and tolerant
// field readers (the platforms' docs show few response shapes).

/** `{"data": X}` -> X; anything else as is (some endpoints answer unwrapped). */
export function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) return (body as { data: unknown }).data;
  return body;
}

/** The platform's own words from an error body, in the shapes APIs commonly use; short. */
export function errorDetail(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined; // an HTML error page says nothing useful
  }
  const pick = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const b = obj(body);
  if (!b) return undefined;
  const err = obj(b.error);
  const first = Array.isArray(b.errors) ? obj(b.errors[0]) : undefined;
  const found =
    pick(err?.message) ??
    pick(b.error) ??
    pick(b.message) ??
    pick(first?.message) ??
    pick(b.error_description) ??
    pick(err?.code);
  return found && found.length > 300 ? `${found.slice(0, 300)}…` : found;
}

// Tolerant readers: read what is there and treat anything unexpected as absent rather than
// failing the action.
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A non-empty trimmed string; numbers (ids) become strings. */
export function asText(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** A finite number, also from a numeric string. */
export function asNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
