// Prisma's WebAssembly schema engine, driven through a pg driver adapter, so migrations work
// without the native schema-engine binary (which the prisma CLI downloads on first use).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
// The package entry imports the .wasm file as an ES module, which Node 20 cannot load:
// import the JS glue alone and instantiate the .wasm ourselves (loadWasm below).
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { dropDatabase, ensureDatabase, explainConnectionError, MigrateError, serverOf, withDatabase } from './postgres.js';

export type { SchemaEngine };

/** A Prisma schema file as the engine wants it: its path (for messages) and its text. */
export interface SchemaFile {
  path: string;
  content: string;
}

let wasmReady: Promise<void> | undefined;

// The engine's panic hook reports the Rust panic message here before the wasm traps with
// "unreachable"; without it the message is lost.
let lastPanic: string | undefined;
const registryHost = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
registryHost.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const module = await WebAssembly.compile(bytes);
    // The module's only import namespace is its JS glue. The engine arms a 10 s setTimeout per
    // connection and never clears it, which would keep Node alive 10 s after we are done: unref
    // those timers (openEngine keeps the process alive while a command runs).
    const imports: Record<string, unknown> = { ...glue };
    for (const [name, fn] of Object.entries(glue)) {
      if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => { unref?: () => void } | undefined)(...args);
          timer?.unref?.();
          return timer;
        };
      }
    }
    const instance = await WebAssembly.instantiate(module, {
      './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  wasmReady.catch(() => {
    wasmReady = undefined;
  });
  return wasmReady;
}

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type
const PG_TEXT_OID = 25;

type FieldList = { dataTypeID: number }[];

/**
 * A pg client that reports `"char"` columns as text. adapter-pg 7.10 has no mapping for OID 18
 * and throws UnsupportedNativeDataType on the engine's catalog queries (pg_class.relkind etc.);
 * pg already returns those values as strings, so only the reported type needs changing.
 */
class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; we pass them through.
  override query(...args: any[]): any {
    // pg-pool calls query(config, values, callback); adapter-pg's transactions use the promise form.
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => callback(err, err ? res : charAsText(res));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === 'function' ? result.then(charAsText) : result;
  }
}

function charAsText<T>(res: T): T {
  for (const r of Array.isArray(res) ? res : [res]) {
    for (const field of (r as { fields?: FieldList } | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return res;
}

function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, Client: CharAsTextClient });
  pool.on('error', () => {}); // idle-client errors: the next query reports the problem
  return pool;
}

/**
 * Wraps an adapter-pg adapter: sends migration scripts to PostgreSQL whole (adapter-pg splits
 * them on every ";", which breaks dollar-quoted bodies and string literals), and runs `onDispose`
 * once after the adapter's own dispose.
 */
function wrapAdapter(inner: SqlDriverAdapter, onDispose: () => Promise<void>): SqlDriverAdapter {
  let disposed: Promise<void> | undefined;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: (query) => inner.executeRaw(query),
    // No parameters: pg uses the simple query protocol, which accepts several statements.
    executeScript: async (script) => {
      await inner.executeRaw({ sql: script, args: [], argTypes: [] });
    },
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    dispose: () => {
      disposed ??= inner.dispose().finally(onDispose);
      return disposed;
    },
  };
}

/**
 * A migration-aware adapter factory for `url`. The shadow database is a scratch database on the
 * same server, dropped WITH (FORCE) after its pool is closed. `dispose()` closes whatever the
 * engine left open.
 */
export function createAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory & { dispose(): Promise<void> } {
  const open = new Set<SqlDriverAdapter>();

  async function connectTo(targetUrl: string, afterClose: () => Promise<void>): Promise<SqlDriverAdapter> {
    const inner = await new PrismaPg(createPool(targetUrl), { disposeExternalPool: true }).connect();
    const adapter = wrapAdapter(inner, async () => {
      open.delete(adapter);
      await afterClose();
    });
    open.add(adapter);
    return adapter;
  }

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectTo(url, async () => {}),
    async connectToShadowDb() {
      const shadowUrl = withDatabase(url, `handoff_shadow_${randomUUID().replaceAll('-', '')}`);
      try {
        await ensureDatabase(shadowUrl);
      } catch (error) {
        if (error instanceof MigrateError) throw error;
        throw new MigrateError(
          `cannot create a shadow database on ${serverOf(url)} (the user needs CREATEDB to create migrations): ${(error as Error).message}`,
        );
      }
      return connectTo(shadowUrl, () => dropDatabase(shadowUrl));
    },
    async dispose() {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}

/** Names of the engine's async commands (everything but lifecycle helpers). */
export type EngineCommand = Exclude<keyof SchemaEngine, 'free' | 'debugPanic' | typeof Symbol.dispose>;
type Input<C extends EngineCommand> = Parameters<SchemaEngine[C]>[0];
type Output<C extends EngineCommand> = Awaited<ReturnType<SchemaEngine[C]>>;

export interface EngineSession {
  run<C extends EngineCommand>(command: C, input: Input<C>): Promise<Output<C>>;
  close(): Promise<void>;
}

/**
 * Starts a schema engine on the database at `url`. `schemaFiles` is only needed by commands
 * that read the Prisma schema from the constructor (none of the ones used here do).
 * Set DEBUG=migrate to see the engine's log lines.
 */
export async function openEngine(url: string, schemaFiles: SchemaFile[] = []): Promise<EngineSession> {
  await loadWasm();
  const factory = createAdapterFactory(url);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const debug = /\bmigrate\b|\*/.test(process.env.DEBUG ?? '');
  const log = (line: string) => {
    if (debug) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  const datamodels = schemaFiles.length ? schemaFiles.map((f): [string, string] => [f.path, f.content]) : undefined;

  let engine: SchemaEngine;
  try {
    engine = await keepingAlive(glue.SchemaEngine.new({ datamodels }, log, bound));
  } catch (error) {
    await factory.dispose();
    throw translateEngineError(error, bound.errorRegistry, url);
  }

  return {
    async run(command, input) {
      try {
        // Call as a method: detaching it from `engine` loses the wasm pointer.
        return await keepingAlive((engine[command] as (i: typeof input) => Promise<never>)(input));
      } catch (error) {
        throw translateEngineError(error, bound.errorRegistry, url);
      }
    },
    async close() {
      try {
        engine.free();
      } finally {
        await factory.dispose();
      }
    },
  };
}

/** Holds the event loop open until `promise` settles (the engine's own timers are unref'd). */
async function keepingAlive<T>(promise: Promise<T>): Promise<T> {
  const timer = setInterval(() => {}, 60_000);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Engine errors come in a few shapes: a JS error thrown inside our adapter (kept in the error
 * registry and referred to by id), a user-facing engine error ({ code: 'P3xxx', message }), a
 * SchemaConnectorError whose message ends in a Rust span trace, or a panic.
 */
function translateEngineError(error: unknown, registry: ErrorRegistry, url: string): unknown {
  const jsError = registeredError(error, registry);
  if (jsError !== undefined) return explainConnectionError(jsError, url);

  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    return new MigrateError(`${e.code}: ${e.message}`);
  }
  if (!(error instanceof Error)) return error;
  if (error.name === 'SchemaConnectorError') {
    const lines = error.message.split('\n');
    const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
    const text = lines
      .slice(0, traceStart === -1 ? undefined : traceStart)
      .filter((line) => line.trim() && line.trim() !== 'external connector error')
      .join('\n');
    const migration = /migration_name="([^"]+)"/.exec(error.message)?.[1];
    const message = migration ? `migration ${migration} failed: ${text}` : text;
    if (/could not connect|connection refused|Can't reach database/i.test(text)) {
      return new MigrateError(`cannot reach PostgreSQL at ${serverOf(url)}: is it running? (${text})`);
    }
    return new MigrateError(message);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return new MigrateError(`the schema engine crashed: ${lastPanic ?? error.message}`);
  }
  return explainConnectionError(error, url);
}

type ErrorRegistry = { consumeError(id: number): { error: unknown } | undefined };

/** The JS error behind an engine error that refers to the registry ("... id N" / { id }). */
function registeredError(error: unknown, registry: ErrorRegistry): unknown {
  const id = (error as { id?: unknown } | null)?.id;
  const message = error instanceof Error ? error.message : '';
  const match = typeof id === 'number' ? [String(id), String(id)] : /external connector \(id (\d+)\)|id#(\d+)/.exec(message);
  if (!match) return undefined;
  const n = Number(match[1] ?? match[2]);
  return registry.consumeError(n)?.error;
}
