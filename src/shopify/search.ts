// Building Shopify search-syntax strings (the `query:` argument) from what users type in Slack.
// User text must not be able to add its own filters (`1001 OR email:x`), so every value is a
// single term, quoted and escaped when it holds anything beyond plain word characters.
import { PermanentError } from '../errors.js';

/** Characters that are safe unquoted in a search term (letters, digits and a few punctuation marks). */
const SAFE_TERM = /^[\p{L}\p{N}_.@+#][\p{L}\p{N}_.@+#'-]*$/u;

/** One search term, quoted when needed. A leading `-` would mean NOT, so it forces quoting too. */
export function searchTerm(value: string): string {
  if (SAFE_TERM.test(value)) return value;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** `field:value` with the value made safe. */
export function fieldTerm(field: string, value: string): string {
  return `${field}:${searchTerm(value)}`;
}

/** "1001", "#1001", " #1001 " -> "#1001"; other names (custom prefixes like "SH-1001") as typed. */
export function normalizeOrderName(input: string): string {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) throw new PermanentError(`not an order number: "${input}"`);
  return /^\d+$/.test(trimmed) ? `#${trimmed}` : trimmed;
}

export function orderNameQuery(input: string): string {
  return fieldTerm('name', normalizeOrderName(input));
}

/** Free-text customer search: every word must match (Shopify ANDs bare terms). */
export function customerNameQuery(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new PermanentError('empty customer name');
  return words.map(searchTerm).join(' ');
}

export type OrderQueryKind =
  | { kind: 'order'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'name'; value: string };

/** What a `/order <text>` argument is: an order number, an email, or a customer name. */
export function classifyOrderQuery(text: string): OrderQueryKind {
  const value = text.trim();
  if (/^#?\d+$/.test(value) || /^#\S+$/.test(value)) return { kind: 'order', value: normalizeOrderName(value) };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', value: value.toLowerCase() };
  return { kind: 'name', value };
}

/** gid://shopify/Customer/123 -> "123" (also tolerates a bare number). */
export function numericId(gid: string): string {
  const last = gid.split('/').pop() ?? gid;
  return last.split('?')[0] ?? last;
}

/** Accepts "123" or a gid and returns the gid Shopify's `id:` arguments need. */
export function toGid(type: 'Customer' | 'Order', id: string | number): string {
  const s = String(id).trim();
  if (s.startsWith('gid://')) return s;
  if (!/^\d+$/.test(s)) throw new PermanentError(`not a Shopify ${type} id: "${s}"`);
  return `gid://shopify/${type}/${s}`;
}
