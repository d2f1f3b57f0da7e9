// What a model sees of an escalation, all of it masked (redact.ts): the conversation's latest
// lines and the Shopify facts handoff holds. Orders give their number, dates, statuses, tracking
// and amounts; the customer's address, email and phone never leave.
import type { Escalation } from '../db/client.js';
import { redact } from './redact.js';

type Person = Partial<Pick<Escalation, 'customerName' | 'customerEmail' | 'customerPhone'>>;

/** A masking function for one escalation's customer (their stored email and phone included). */
export function redactFor(esc: Person): (text: string) => string {
  const opts = { customerName: esc.customerName, known: [esc.customerEmail, esc.customerPhone] };
  return (text) => redact(text, opts);
}

export interface Line {
  author: string;
  text: string;
}

const WHO: Record<string, string> = { customer: 'Customer', bot: 'Bot', agent: 'Agent', reply: 'Agent (from Slack)' };

/** The latest lines, oldest first, each bounded and masked. */
export function conversationText(lines: readonly Line[], mask: (t: string) => string, max = 12): string {
  return lines
    .filter((l) => l.author !== 'note')
    .slice(-max)
    .map((l) => `${WHO[l.author] ?? 'Agent'}: ${mask(l.text.replace(/\s+/g, ' ').trim().slice(0, 600))}`)
    .join('\n');
}

interface OrderJson {
  name?: unknown;
  createdAt?: unknown;
  total?: { amount?: unknown; currencyCode?: unknown };
  financialStatus?: unknown;
  fulfillmentStatus?: unknown;
  shipments?: Array<{ status?: unknown; tracking?: Array<{ number?: unknown; company?: unknown }> }>;
  refunded?: { amount?: unknown; currencyCode?: unknown };
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 80) : undefined);
const money = (m: { amount?: unknown; currencyCode?: unknown } | undefined) =>
  m && str(m.amount) ? `${str(m.amount)} ${str(m.currencyCode) ?? ''}`.trim() : undefined;

/** One line per recent order, from the stored Shopify snapshot; empty when there is none. */
export function orderFacts(shopify: unknown): string[] {
  const snap = shopify as { status?: unknown; orders?: unknown } | null;
  if (snap?.status !== 'found' || !Array.isArray(snap.orders)) return [];
  return (snap.orders as OrderJson[]).slice(0, 5).map((o) => {
    const parts = [`Order ${str(o.name) ?? '?'}`];
    const placed = str(o.createdAt);
    if (placed) parts.push(`placed ${placed.slice(0, 10)}`);
    const total = money(o.total);
    if (total) parts.push(`total ${total}`);
    parts.push(`payment ${str(o.financialStatus) ?? 'unknown'}`, `fulfillment ${str(o.fulfillmentStatus) ?? 'unknown'}`);
    for (const s of o.shipments ?? []) {
      const tracking = (s.tracking ?? [])
        .map((t) => [str(t.number), str(t.company) && `(${str(t.company)})`].filter(Boolean).join(' '))
        .filter(Boolean);
      parts.push(`shipment ${str(s.status) ?? 'unknown'}${tracking.length ? ` tracking ${tracking.join(', ')}` : ''}`);
    }
    const refunded = money(o.refunded);
    if (refunded && Number(o.refunded?.amount) > 0) parts.push(`refunded ${refunded}`);
    return parts.join(', ');
  });
}
