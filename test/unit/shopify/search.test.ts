import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/errors.js';
import { throttleWaitMs } from '../../../src/shopify/classify.js';
import { customerAdminUrl, orderAdminUrl } from '../../../src/shopify/mappers.js';
import { classifyOrderQuery, customerNameQuery, orderNameQuery, searchTerm, toGid } from '../../../src/shopify/search.js';
import { parseSearch } from '../../fakes/shopify-store.js';

describe('Shopify search strings', () => {
  it('normalises order numbers', () => {
    expect(orderNameQuery('1001')).toBe('name:#1001');
    expect(orderNameQuery(' #1001 ')).toBe('name:#1001');
    expect(orderNameQuery('SH-77')).toBe('name:SH-77');
    expect(() => orderNameQuery('1001 OR email:x')).toThrow(PermanentError);
  });

  it('quotes anything that could add filters', () => {
    expect(searchTerm('Ada')).toBe('Ada');
    expect(searchTerm('-Ada')).toBe('"-Ada"');
    expect(searchTerm('email:x')).toBe('"email:x"');
    expect(searchTerm('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(customerNameQuery('  Ada   Lovelace ')).toBe('Ada Lovelace');
    // The fake's parser reads our quoting back as one bare term.
    expect(parseSearch(customerNameQuery('O"Brien (x)'))).toEqual([{ negate: false, field: undefined, value: 'O"Brien' }, { negate: false, field: undefined, value: '(x)' }]);
  });

  it('classifies /order arguments', () => {
    expect(classifyOrderQuery('#1001')).toEqual({ kind: 'order', value: '#1001' });
    expect(classifyOrderQuery('1001')).toEqual({ kind: 'order', value: '#1001' });
    expect(classifyOrderQuery('Ada@Example.com')).toEqual({ kind: 'email', value: 'ada@example.com' });
    expect(classifyOrderQuery('Ada Lovelace')).toEqual({ kind: 'name', value: 'Ada Lovelace' });
  });

  it('builds gids and admin URLs', () => {
    expect(toGid('Customer', 42)).toBe('gid://shopify/Customer/42');
    expect(toGid('Customer', 'gid://shopify/Customer/42')).toBe('gid://shopify/Customer/42');
    expect(() => toGid('Customer', 'abc')).toThrow(PermanentError);
    expect(customerAdminUrl('my-shop.myshopify.com', 'gid://shopify/Customer/42')).toBe(
      'https://admin.shopify.com/store/my-shop/customers/42',
    );
    expect(orderAdminUrl('my-shop.myshopify.com', 'gid://shopify/Order/7')).toBe('https://admin.shopify.com/store/my-shop/orders/7');
  });

  it('computes throttle waits from the cost extension', () => {
    const cost = (requestedQueryCost: number, currentlyAvailable: number, restoreRate: number) => ({
      requestedQueryCost,
      throttleStatus: { currentlyAvailable, restoreRate },
    });
    expect(throttleWaitMs(cost(752, 120, 100))).toBe(6320); // the THROTTLED fixture's numbers
    expect(throttleWaitMs(cost(10, 50, 100))).toBe(0);
    expect(throttleWaitMs(undefined)).toBe(1000);
  });
});
