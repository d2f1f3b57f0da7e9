// Server-level PostgreSQL chores the schema engine does not do for us: connection URLs,
// create/drop database, and turning low-level connection failures into readable errors.
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** An error meant for the operator: the CLI prints its message without a stack trace. */
export class MigrateError extends Error {
  override name = 'MigrateError';
}

/** `host:port` of a connection URL, for messages. */
export function serverOf(url: string): string {
  const u = parseUrl(url);
  const host = u.hostname || u.searchParams.get('host') || 'localhost';
  return `${host}:${u.port || '5432'}`;
}

/** The database a connection URL points at (`postgres` when the path is empty). */
export function databaseOf(url: string): string {
  const name = decodeURIComponent(parseUrl(url).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

/** The same server, user and options, pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const u = parseUrl(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function parseUrl(url: string): URL {
  try {
    const u = new URL(url);
    if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') throw new Error('not postgres');
    return u;
  } catch {
    throw new MigrateError(`DATABASE_URL is not a postgresql:// URL: ${redactUrl(url)}`);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Maps a pg/network error to a MigrateError with a hint; returns other errors unchanged. */
export function explainConnectionError(error: unknown, url: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: string }).code ?? '';
  const server = serverOf(url);
  if (UNREACHABLE.has(code) || /timeout expired|Connection terminated/i.test(error.message)) {
    return new MigrateError(`cannot reach PostgreSQL at ${server}: is it running? (${code || error.message})`);
  }
  if (code === '28P01' || code === '28000') {
    return new MigrateError(`PostgreSQL at ${server} rejected the credentials in DATABASE_URL: ${error.message}`);
  }
  if (code === '3D000') {
    return new MigrateError(`database "${databaseOf(url)}" does not exist on ${server}`);
  }
  return error;
}

/**
 * Runs `fn` with a client connected to a maintenance database on the server of `url`
 * (`postgres`, else `template1`), for CREATE/DROP DATABASE.
 */
export async function withServerClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (const maintenance of ['postgres', 'template1']) {
    const client = new pg.Client({ connectionString: withDatabase(url, maintenance), connectionTimeoutMillis: 5000 });
    client.on('error', () => {}); // a server shutdown mid-call surfaces through the query instead
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      lastError = error;
      if ((error as { code?: string }).code === '3D000') continue; // no such maintenance db: try the next
      throw explainConnectionError(error, url);
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw explainConnectionError(lastError, url);
}

export async function databaseExists(url: string): Promise<boolean> {
  const name = databaseOf(url);
  return withServerClient(url, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  });
}

/** Creates the database `url` points at if it is missing. Returns true when it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseOf(url);
  return withServerClient(url, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if ((rowCount ?? 0) > 0) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      // Someone else created it between our check and our CREATE: that is fine.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
    return true;
  });
}

/** Drops the database `url` points at, disconnecting any session still using it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseOf(url);
  await withServerClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}
