// Block Kit validation for tests: the community JSON Schema (draft 2020-12, in test/contracts)
// plus the payload-level rules the schema itself does not enforce (see test/contracts/README.md):
// 50 blocks per message, unique block_ids, unique action_ids per block, surface compatibility.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { contractPath } from './contracts.js';

const BLOCKKIT_DIR = contractPath('slack/blockkit');
const SCHEMA_PATH = path.join(BLOCKKIT_DIR, 'slack-block-kit.schema.json');
const SURFACES_PATH = path.join(BLOCKKIT_DIR, 'tightknit-blocks-surfaces.fixture.json');

export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
const SURFACE_NAME: Record<Surface, string> = { message: 'Messages', modal: 'Modals', home: 'Home tabs' };

interface Compiled {
  blocks: ValidateFunction;
  modal: ValidateFunction;
  home: ValidateFunction;
  /** Per-type validators, used to explain why a block failed the big oneOf. */
  byType: Map<string, ValidateFunction>;
  surfaces: Map<string, Set<string>>;
}

let compiled: Compiled | undefined;

function load(): Compiled {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $id: string; $defs: Record<string, unknown> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS whose module.exports is the plugin and also carries .default.
  addFormats.default(ajv);
  ajv.addSchema(schema);
  const get = (ref: string): ValidateFunction => {
    const v = ajv.getSchema(ref);
    if (!v) throw new Error(`Block Kit schema has no ${ref}`);
    return v;
  };
  const byType = new Map<string, ValidateFunction>();
  for (const def of Object.keys(schema.$defs)) {
    if (def.endsWith('_block') && def !== 'container_child_block')
      byType.set(def.slice(0, -'_block'.length), get(`${schema.$id}#/$defs/${def}`));
  }
  // "Context actions" -> context_actions, "Rich text" -> rich_text: the schema's type names.
  const table = JSON.parse(readFileSync(SURFACES_PATH, 'utf8')) as Array<{ name: string; 'available-in-surfaces': string[] }>;
  const surfaces = new Map(
    table.map((row) => [row.name.toLowerCase().replace(/ /g, '_'), new Set(row['available-in-surfaces'])]),
  );
  compiled = {
    blocks: get(schema.$id),
    modal: get(`${schema.$id}#/$defs/modal_view`),
    home: get(`${schema.$id}#/$defs/home_view`),
    byType,
    surfaces,
  };
  return compiled;
}

/**
 * Ajv reports every failed branch of a oneOf/anyOf; keep the errors that say something concrete
 * (a wrong length, a missing or extra property) and drop the "must match exactly one" noise.
 */
function describe(errors: ErrorObject[] | null | undefined, prefix: string): string[] {
  if (!errors?.length) return [];
  const noise = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not']);
  const concrete = errors.filter((e) => !noise.has(e.keyword));
  const chosen = concrete.length ? concrete : errors;
  const lines = chosen.map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === 'const'
          ? ` (${JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue)})`
          : '';
    return `${prefix}${e.instancePath || ''}: ${e.message ?? e.keyword}${extra}`;
  });
  return [...new Set(lines)];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every interactive element of a block, wherever Block Kit lets one sit. */
function elementsOf(block: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (Array.isArray(block.elements)) out.push(...block.elements.filter(isObject));
  if (isObject(block.accessory)) out.push(block.accessory);
  if (isObject(block.element)) out.push(block.element);
  return out;
}

/** Schema + payload rules for a list of blocks shown on `surface`; `where` prefixes messages. */
function checkBlocks(blocks: unknown, surface: Surface, where: string): string[] {
  const c = load();
  if (!Array.isArray(blocks)) return [`${where}: must be an array of blocks`];
  const errors: string[] = [];
  if (blocks.length === 0) errors.push(`${where}: must contain at least one block`);
  if (blocks.length > MAX_BLOCKS[surface])
    errors.push(`${where}: ${blocks.length} blocks, a ${surface} allows at most ${MAX_BLOCKS[surface]}`);

  const blockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(block) || typeof block.type !== 'string') {
      errors.push(`${at}: must be an object with a string "type"`);
      return;
    }
    const type = block.type;
    const validate = c.byType.get(type);
    if (!validate) {
      errors.push(`${at}: unknown block type "${type}"`);
      return;
    }
    // Keep the verdict in a boolean so ajv's type guard doesn't narrow `block` to never.
    const valid: boolean = validate(block);
    if (!valid) errors.push(...describe(validate.errors, `${at} (${type})`));
    const allowed = c.surfaces.get(type);
    if (allowed && !allowed.has(SURFACE_NAME[surface])) errors.push(`${at}: a ${type} block is not allowed in a ${surface}`);

    if (typeof block.block_id === 'string') {
      const first = blockIds.get(block.block_id);
      if (first !== undefined) errors.push(`${at}: block_id "${block.block_id}" already used by ${where}[${first}]`);
      else blockIds.set(block.block_id, i);
    }
    const actionIds = new Set<string>();
    for (const el of elementsOf(block)) {
      if (typeof el.action_id !== 'string') continue;
      if (actionIds.has(el.action_id)) errors.push(`${at}: action_id "${el.action_id}" used twice in one block`);
      actionIds.add(el.action_id);
    }
  });
  return errors;
}

/** Blocks for chat.postMessage / chat.update / chat.postEphemeral. [] when valid. */
export function validateMessageBlocks(blocks: unknown): string[] {
  return checkBlocks(blocks, 'message', 'blocks');
}

function checkView(view: unknown, surface: 'home' | 'modal'): string[] {
  const c = load();
  const validate = surface === 'home' ? c.home : c.modal;
  const errors: string[] = [];
  if (!validate(view)) {
    // Explain block errors per block (precise), and keep view-level errors (title length, …).
    const viewLevel = (validate.errors ?? []).filter((e) => !e.instancePath.startsWith('/blocks/'));
    errors.push(...describe(viewLevel, 'view'));
  }
  const blocks = isObject(view) ? view.blocks : undefined;
  errors.push(...checkBlocks(blocks, surface, 'view.blocks'));
  return [...new Set(errors)];
}

/** A views.publish payload (`{ type: 'home', blocks }`). [] when valid. */
export function validateHomeView(view: unknown): string[] {
  return checkView(view, 'home');
}

/** A views.open / views.push / views.update payload (`{ type: 'modal', title, blocks, … }`). [] when valid. */
export function validateModalView(view: unknown): string[] {
  return checkView(view, 'modal');
}

export class BlockKitError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid Block Kit payload:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BlockKitError';
  }
}

function assertNone(problems: string[]): void {
  if (problems.length) throw new BlockKitError(problems);
}

/** Throws a BlockKitError listing every problem; for use inside tests. */
export function expectValidBlocks(blocks: unknown): void {
  assertNone(validateMessageBlocks(blocks));
}

export function expectValidHomeView(view: unknown): void {
  assertNone(validateHomeView(view));
}

export function expectValidModalView(view: unknown): void {
  assertNone(validateModalView(view));
}

/** The whole-array schema check alone, for tests that want to see raw ajv behaviour. */
export function schemaAcceptsBlocks(blocks: unknown): boolean {
  return load().blocks(blocks) === true;
}
