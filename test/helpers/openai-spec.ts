// Validates request bodies against OpenAI's published OpenAPI spec (the Chat Completions subset
// in test/contracts/openai/). OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { contractPath } from './contracts.js';

const SPEC = contractPath('openai/openai-openapi.chat-completions+responses.subset.json');

let validator: ((schemaName: string, data: unknown) => string[]) | undefined;

export function validateOpenAiRequest(schemaName: string, data: unknown): string[] {
  if (!validator) {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { components: { schemas: Record<string, unknown> } };
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openai', components: stripNullable(spec.components) });
    validator = (name, value) => {
      const validate = ajv.getSchema(`openai#/components/schemas/${name}`);
      if (!validate) return [`no schema ${name}`];
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    };
  }
  return validator(schemaName, data);
}

/** OpenAPI's `nullable` is not JSON Schema; where it stands without `type`, Ajv refuses the schema. */
function stripNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' && !('type' in node)) continue;
    out[key] = stripNullable(value);
  }
  return out;
}
