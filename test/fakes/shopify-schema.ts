// The Shopify Admin GraphQL 2025-01 schema, from the introspection dump in the shared contracts
// (/work/shared/contracts/shopify). Loaded once per process: it is 9 MB of JSON.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** test/fakes -> repo root (/work/main) -> its sibling /work/shared. */
export const ADMIN_SCHEMA_2025_01 = new URL(
  '../../../shared/contracts/shopify/admin_schema_2025-01.introspection.json.gz',
  import.meta.url,
);

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
