// Escalation rules, platform-neutral and pure: urgent keywords raise priority, VIP customers are
// flagged (Shopify total spent above a threshold, or plan "enterprise"), low ratings escalate.
import type { Config } from '../config.js';
import type { Customer, Priority } from '../platforms/types.js';
import type { ShopifySnapshot } from '../shopify/types.js';
import { PRIORITIES } from '../vocabulary.js';

export type RuleConfig = Config['rules'];

const PRIORITY_ORDER: readonly Priority[] = PRIORITIES;

export function maxPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_ORDER.indexOf(a) >= PRIORITY_ORDER.indexOf(b) ? a : b;
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITY_ORDER as string[]).includes(value);
}

/** Keywords found in the text, matched on word boundaries so "charger" is not "charge". */
export function urgentKeywordsIn(text: string | undefined, keywords: string[]): string[] {
  if (!text) return [];
  const lower = text.toLowerCase();
  return keywords.filter((kw) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(kw)}([^\\p{L}\\p{N}]|$)`, 'u').test(lower));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number.parseFloat(value.replace(/[^0-9.-]/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** VIP by the platform's own contact attributes (plan, total_spent) or by Shopify's total spent. */
export function isVip(customer: Customer | undefined, shopify: ShopifySnapshot | undefined, rules: RuleConfig): boolean {
  const attrs = customer?.attributes ?? {};
  if (String(attrs.plan ?? '').toLowerCase() === 'enterprise') return true;
  const attrSpent = toNumber(attrs.total_spent);
  if (attrSpent !== undefined && attrSpent > rules.vipTotalSpent) return true;
  if (shopify?.status === 'found') {
    const spent = toNumber(shopify.customer.totalSpent.amount);
    if (spent !== undefined && spent > rules.vipTotalSpent) return true;
  }
  return false;
}

export interface PriorityInput {
  declared?: Priority;
  texts: Array<string | undefined>;
  vip: boolean;
}

/** Urgent keywords make it urgent; a VIP is at least high; otherwise the platform's own priority or normal. */
export function decidePriority(input: PriorityInput, rules: RuleConfig): { priority: Priority; keywords: string[] } {
  const keywords = [...new Set(input.texts.flatMap((t) => urgentKeywordsIn(t, rules.urgentKeywords)))];
  let priority: Priority = input.declared ?? 'normal';
  if (input.vip) priority = maxPriority(priority, 'high');
  if (keywords.length > 0) priority = 'urgent';
  return { priority, keywords };
}

/** A rating at or below the threshold (on a 5-point scale, normalized from the platform's scale) escalates. */
export function isLowRating(rating: number, scale: number, rules: RuleConfig): boolean {
  if (!Number.isFinite(rating) || scale <= 0) return false;
  const onFive = (rating / scale) * 5;
  return onFive <= rules.lowRatingThreshold;
}
