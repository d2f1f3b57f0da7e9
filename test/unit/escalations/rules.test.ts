import { describe, expect, it } from 'vitest';
import { decidePriority, isLowRating, isVip, urgentKeywordsIn } from '../../../src/escalations/rules.js';
import type { ShopifySnapshot } from '../../../src/shopify/types.js';

const rules = {
  urgentKeywords: ['refund', 'fraud', 'hack', 'lawsuit', 'cancel subscription', 'charge'],
  vipTotalSpent: 1000,
  lowRatingThreshold: 2,
};

const found = (amount: string): ShopifySnapshot => ({
  status: 'found',
  fetchedAt: new Date().toISOString(),
  orders: [],
  customer: { id: 'gid://shopify/Customer/1', ordersCount: 3, totalSpent: { amount, currencyCode: 'USD' }, tags: [], adminUrl: 'x' },
});

describe('urgent keywords', () => {
  it('matches whole words and phrases, case-insensitively', () => {
    expect(urgentKeywordsIn('I want a REFUND now', rules.urgentKeywords)).toEqual(['refund']);
    expect(urgentKeywordsIn('Please cancel subscription today', rules.urgentKeywords)).toEqual(['cancel subscription']);
    expect(urgentKeywordsIn('Double charge and fraud!', rules.urgentKeywords)).toEqual(['fraud', 'charge']);
  });
  it('does not match inside other words', () => {
    expect(urgentKeywordsIn('my phone charger broke', rules.urgentKeywords)).toEqual([]);
    expect(urgentKeywordsIn('refunded already, thanks', rules.urgentKeywords)).toEqual([]);
    expect(urgentKeywordsIn(undefined, rules.urgentKeywords)).toEqual([]);
  });
});

describe('VIP', () => {
  it('by Shopify total spent above the threshold', () => {
    expect(isVip({}, found('1000.01'), rules)).toBe(true);
    expect(isVip({}, found('1000.00'), rules)).toBe(false);
  });
  it('by the platform plan or total_spent attribute', () => {
    expect(isVip({ attributes: { plan: 'Enterprise' } }, undefined, rules)).toBe(true);
    expect(isVip({ attributes: { total_spent: '$2,500.00' } }, undefined, rules)).toBe(true);
    expect(isVip({ attributes: { plan: 'pro', total_spent: 12 } }, { status: 'skipped', reason: 'x' }, rules)).toBe(false);
  });
});

describe('priority', () => {
  it('urgent keywords win over everything', () => {
    expect(decidePriority({ declared: 'low', texts: ['this is fraud'], vip: false }, rules)).toEqual({ priority: 'urgent', keywords: ['fraud'] });
  });
  it('VIP raises to at least high, keeps a higher declared priority', () => {
    expect(decidePriority({ texts: ['hello'], vip: true }, rules).priority).toBe('high');
    expect(decidePriority({ declared: 'low', texts: [], vip: false }, rules).priority).toBe('low');
    expect(decidePriority({ texts: [], vip: false }, rules).priority).toBe('normal');
  });
});

describe('low rating', () => {
  it('at or below the threshold on a five-point scale', () => {
    expect(isLowRating(2, 5, rules)).toBe(true);
    expect(isLowRating(3, 5, rules)).toBe(false);
    expect(isLowRating(4, 10, rules)).toBe(true);
    expect(isLowRating(Number.NaN, 5, rules)).toBe(false);
  });
});
