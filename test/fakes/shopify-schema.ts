// The Shopify Admin GraphQL 2025-01 schema, from Shopify's introspection dump vendored in
// test/contracts/shopify. Loaded once per process: it is 9 MB of JSON.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { contractPath } from '../helpers/contracts.js';

export const ADMIN_SCHEMA_2025_01 = contractPath('shopify/admin_schema_2025-01.introspection.json.gz');

let cached: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_2025_01)).toString('utf8')) as
      | IntrospectionQuery
      | { data: IntrospectionQuery };
    cached = buildClientSchema('data' in json ? json.data : json);
  }
  return cached;
}
