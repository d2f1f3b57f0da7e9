// A local fake of Shopify's Admin GraphQL API, speaking the documented wire format so the real
// @shopify/shopify-api client can talk to it:
//   POST /admin/api/{version}/graphql.json, X-Shopify-Access-Token, JSON {query, variables}
//   200 {data, errors?, extensions: {cost}}; THROTTLED as a 200 with errors; 401/429/5xx as HTTP.
// Documents are parsed, validated and executed by graphql-js against the 2025-01 schema, so a
// field that does not exist fails here exactly as it would against Shopify.
//
//   const fake = await startFakeShopify();
//   const c = fake.addCustomer({ firstName: 'Ada', email: 'ada@example.com' });
//   fake.addOrder({ customerId: c.id, lineItems: [{ title: 'Mug', quantity: 2, price: '12.00' }] });
//   const client = createShopifyClient(fake.config());
//   fake.throttleNext(1); fake.rateLimitNext(1, 0.05); fake.failNext(1, 500);
//   fake.graphqlErrorNext(1, 'ACCESS_DENIED'); fake.hangNext(1); fake.down(); fake.up();
//   ...; await fake.close();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type DocumentNode, execute, type GraphQLError, NoDeprecatedCustomRule, parse, validate } from 'graphql';
import { adminSchema } from './shopify-schema.js';
import { FakeShopifyStore, type FakeCustomerInput, type FakeOrderInput } from './shopify-store.js';

export type { FakeCustomer, FakeCustomerInput, FakeOrder, FakeOrderInput } from './shopify-store.js';

export interface FakeCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  status: number;
}

type Fault =
  | { kind: 'throttle'; cost: FakeCost }
  | { kind: 'rateLimit'; retryAfterSeconds: number | string }
  | { kind: 'fail'; status: number }
  | { kind: 'graphqlError'; code: string; message: string }
  | { kind: 'hang' };

const DOCS = 'https://shopify.dev/api/usage/rate-limits';

export class FakeShopify {
  readonly store = new FakeShopifyStore();
  readonly requests: RecordedRequest[] = [];
  readonly shop: string;
  readonly token: string;
  readonly apiVersion: string;
  /** Cost reported on every answered request; tests may change it. */
  cost: FakeCost = {
    requestedQueryCost: 12,
    actualQueryCost: 6,
    maximumAvailable: 2000,
    currentlyAvailable: 1994,
    restoreRate: 100,
  };
  private faults: Fault[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(opts: { shop?: string; token?: string; apiVersion?: string } = {}) {
    this.shop = opts.shop ?? 'fake-store.myshopify.com';
    this.token = opts.token ?? 'shpat_fake_token';
    this.apiVersion = opts.apiVersion ?? '2025-01';
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A Config['shopify'] pointing at this fake. */
  config(overrides: Partial<{ shop: string; accessToken: string; apiVersion: string; adminApiUrl: string }> = {}) {
    return { shop: this.shop, accessToken: this.token, apiVersion: this.apiVersion, adminApiUrl: this.url, ...overrides };
  }

  addCustomer(input: FakeCustomerInput) {
    return this.store.addCustomer(input);
  }

  addOrder(input: FakeOrderInput) {
    return this.store.addOrder(input);
  }

  /** The next `n` requests get the THROTTLED body (HTTP 200). Keep costs small in tests: wait = (requested - available) / restoreRate s. */
  throttleNext(n = 1, cost: Partial<FakeCost> = {}): void {
    const c = { ...this.cost, requestedQueryCost: 10, currentlyAvailable: 5, restoreRate: 100, ...cost, actualQueryCost: null };
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'throttle', cost: c });
  }

  /** The next `n` requests get HTTP 429 with Retry-After (seconds, or an HTTP date string). */
  rateLimitNext(n = 1, retryAfterSeconds: number | string = 1): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'rateLimit', retryAfterSeconds });
  }

  /** The next `n` requests get `status` (e.g. 500, 502, 401, 403). */
  failNext(n = 1, status = 500): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'fail', status });
  }

  /** The next `n` requests get a 200 with `errors: [{message, extensions: {code}}]` and no data (e.g. ACCESS_DENIED). */
  graphqlErrorNext(n = 1, code = 'ACCESS_DENIED', message = 'Access denied for customers field.'): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'graphqlError', code, message });
  }

  /** Drop any queued faults (throttles, rate limits, failures, hangs). */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** The next `n` requests are accepted and never answered (for client timeouts). */
  hangNext(n = 1): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'hang' });
  }

  async listen(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Connections refused from now on (keep-alive sockets are cut too, or they would keep being served). */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listen again on the same port. */
  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.down();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const route = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!route || req.method !== 'POST') return send(404, { errors: 'Not Found' });

    try {
      const parsed = JSON.parse(raw.toString('utf8')) as { query?: string; variables?: Record<string, unknown>; operationName?: string };
      record.query = parsed.query;
      record.variables = parsed.variables;
      record.operationName = parsed.operationName;
    } catch {
      // Recorded without a body; answered below after faults and auth, as Shopify would.
    }

    const fault = this.faults.shift();
    if (fault?.kind === 'hang') {
      record.status = -1;
      return; // never answered; the client must time out
    }
    if (fault?.kind === 'fail') return send(fault.status, { errors: fault.status >= 500 ? 'Internal Server Error' : 'Error' });
    if (fault?.kind === 'rateLimit') {
      return send(
        429,
        { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        { 'retry-after': String(fault.retryAfterSeconds) },
      );
    }

    if (req.headers['x-shopify-access-token'] !== this.token) {
      return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    if (route[1] !== this.apiVersion) return send(404, { errors: 'Not Found' });

    if (fault?.kind === 'throttle') {
      const c = fault.cost;
      return send(200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: DOCS } }],
        extensions: { cost: costExtension(c) },
      });
    }

    if (fault?.kind === 'graphqlError') {
      return send(200, {
        data: null,
        errors: [{ message: fault.message, extensions: { code: fault.code } }],
        extensions: { cost: costExtension(this.cost) },
      });
    }

    if (typeof record.query !== 'string') {
      return send(400, { errors: { query: 'Required parameter missing or invalid' } });
    }
    const { status, body, headers } = this.run(record.query, record.variables, record.operationName);
    return send(status, body, headers);
  }

  private run(query: string, variables: Record<string, unknown> | undefined, operationName: string | undefined) {
    const schema = adminSchema();
    const extensions = { cost: costExtension(this.cost) };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      return { status: 200, body: { errors: [(err as GraphQLError).toJSON()], extensions } };
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { status: 200, body: { errors: invalid.map((e) => e.toJSON()), extensions } };
    // Shopify flags deprecated fields with a response header (the SDK logs it).
    const headers: Record<string, string> = {};
    if (validate(schema, document, [NoDeprecatedCustomRule]).length) {
      headers['x-shopify-api-deprecated-reason'] = 'https://shopify.dev/api/usage/versioning#deprecation-practices';
    }
    const result = execute({ schema, document, rootValue: this.store.rootValue(), variableValues: variables, operationName });
    if (result instanceof Promise) throw new Error('fake shopify resolvers are synchronous');
    const body: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors?.length) body.errors = result.errors.map((e) => e.toJSON());
    body.extensions = extensions;
    return { status: 200, body, headers };
  }
}

function costExtension(c: FakeCost) {
  return {
    requestedQueryCost: c.requestedQueryCost,
    actualQueryCost: c.actualQueryCost,
    throttleStatus: {
      maximumAvailable: c.maximumAvailable,
      currentlyAvailable: c.currentlyAvailable,
      restoreRate: c.restoreRate,
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Start a fake on a free port. */
export async function startFakeShopify(opts?: ConstructorParameters<typeof FakeShopify>[0]): Promise<FakeShopify> {
  // Load the 9 MB schema now (in a setup hook) rather than inside the first request, where it
  // would stall the event loop for seconds in the middle of a test on a busy machine.
  adminSchema();
  return new FakeShopify(opts).listen();
}
