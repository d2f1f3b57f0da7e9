// Tolerant readers for the JSON columns of an Escalation row. The card must render even when a
// column holds something older or odder than today's types, so each reader returns a typed value
// or undefined instead of throwing.
import type { Escalation } from '../../db/client.js';
import type { TranscriptLine } from '../../platforms/types.js';
import type { Money, ShopifyCustomerSummary, ShopifyOrderSummary, ShopifySnapshot } from '../../shopify/types.js';

type Json = Escalation['shopify'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function money(v: unknown): Money | undefined {
  if (!isObject(v)) return undefined;
  const amount = typeof v.amount === 'number' ? String(v.amount) : str(v.amount);
  const currencyCode = str(v.currencyCode);
  return amount && currencyCode ? { amount, currencyCode } : undefined;
}

function order(v: unknown): ShopifyOrderSummary | undefined {
  if (!isObject(v)) return undefined;
  const name = str(v.name);
  if (!name) return undefined;
  return {
    id: str(v.id) ?? '',
    name,
    createdAt: str(v.createdAt) ?? '',
    total: money(v.total) ?? { amount: '0', currencyCode: 'USD' },
    financialStatus: str(v.financialStatus) ?? null,
    fulfillmentStatus: str(v.fulfillmentStatus) ?? null,
    adminUrl: str(v.adminUrl) ?? '',
  };
}

function customer(v: unknown): ShopifyCustomerSummary | undefined {
  if (!isObject(v)) return undefined;
  const count = Number(v.ordersCount);
  return {
    id: str(v.id) ?? '',
    name: str(v.name),
    email: str(v.email),
    ordersCount: Number.isFinite(count) ? count : 0,
    totalSpent: money(v.totalSpent) ?? { amount: '0', currencyCode: 'USD' },
    tags: Array.isArray(v.tags) ? v.tags.filter((t): t is string => typeof t === 'string') : [],
    adminUrl: str(v.adminUrl) ?? '',
  };
}

export function readShopify(json: Json): ShopifySnapshot | undefined {
  if (!isObject(json)) return undefined;
  const fetchedAt = str(json.fetchedAt) ?? '';
  switch (json.status) {
    case 'found': {
      const c = customer(json.customer);
      if (!c) return { status: 'error', error: 'stored Shopify snapshot is incomplete', fetchedAt };
      const orders = Array.isArray(json.orders) ? json.orders.map(order).filter((o) => o !== undefined) : [];
      return { status: 'found', customer: c, orders, fetchedAt };
    }
    case 'not_found':
      return { status: 'not_found', email: str(json.email) ?? '', fetchedAt };
    case 'error':
      return { status: 'error', error: str(json.error) ?? 'unknown error', fetchedAt };
    case 'skipped':
      return { status: 'skipped', reason: str(json.reason) ?? 'not looked up' };
    case 'pending':
      return { status: 'pending', reason: str(json.reason) ?? 'Shopify is busy', since: str(json.since) ?? fetchedAt };
    default:
      return undefined;
  }
}

const AUTHORS: ReadonlySet<string> = new Set(['customer', 'agent', 'bot', 'system']);

export function readTranscript(json: Json): TranscriptLine[] {
  if (!Array.isArray(json)) return [];
  const lines: TranscriptLine[] = [];
  for (const item of json) {
    if (!isObject(item)) continue;
    const text = str(item.text);
    if (!text) continue;
    const author =
      typeof item.author === 'string' && AUTHORS.has(item.author) ? (item.author as TranscriptLine['author']) : 'system';
    lines.push({ author, text, at: str(item.at) });
  }
  return lines;
}

export interface TriageView {
  summary?: string;
}

export function readTriage(json: Json): TriageView {
  if (!isObject(json)) return {};
  return { summary: str(json.summary)?.trim() || undefined };
}
