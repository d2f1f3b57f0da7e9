// Every document handoff sends must be valid against the Admin API version we pin (2025-01),
// using Shopify's own introspection dump vendored in test/contracts.
import { NoDeprecatedCustomRule, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/shopify/operations.js';
import { adminSchema } from '../../fakes/shopify-schema.js';

describe('Shopify operations vs the 2025-01 Admin schema', () => {
  const schema = adminSchema();

  it.each(Object.entries(OPERATIONS))('%s is valid', (name, source) => {
    const document = parse(source);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    // One named operation per document, named as we index it (the name shows up in Shopify's logs).
    const ops = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(ops).toHaveLength(1);
    expect(ops[0]?.kind === 'OperationDefinition' && ops[0].name?.value).toBe(name);
  });

  it.each(Object.entries(OPERATIONS))('%s uses no deprecated field except Customer.email', (_name, source) => {
    // 2025-01 deprecates Customer.email, but its replacement (defaultEmailAddress) only exists later.
    const deprecated = validate(schema, parse(source), [NoDeprecatedCustomRule]).map((e) => e.message);
    expect(deprecated.filter((m) => !m.includes('Customer.email'))).toEqual([]);
  });

  it('numberOfOrders is an UnsignedInt64 (a string on the wire)', () => {
    const field = schema.getType('Customer');
    expect(field && 'getFields' in field && String(field.getFields().numberOfOrders?.type)).toBe('UnsignedInt64!');
  });
});
