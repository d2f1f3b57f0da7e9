// A stateful fake of the Oscar Chat REST API for tests: real HTTP on an ephemeral port, Bearer
// auth, `{data: ...}` envelopes, and state that changes the way the platform's would (assigning
// sets the assignee, toggle_status the status, labels merge). Also exports the small JSON-fake
// harness (recording, injected failures, outages) that the ShopGuide fake reuses.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Path below the API base (the `/v1` prefix removed), without the query string. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JsonFake {
  /** API base URL to configure the client with (ends in /v1, like the real ones). */
  url: string;
  calls: RecordedCall[];
  /** The next `n` requests answer `status` (with Retry-After if given) instead of being served. */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** `hang`: accept and never answer (clients time out); `reset`: drop the connection at once. */
  down(mode?: 'hang' | 'reset'): void;
  up(): void;
  /** Requests held open by `down('hang')` right now (they are not in `calls`). */
  hangingCount(): number;
  /** Every served request takes effect at once but is answered `ms` later (0: at once again). */
  slow(ms: number): void;
  close(): Promise<void>;
}

export interface JsonFakeOptions {
  apiKey: string;
  /** Body for 401s and injected failures, in the platform's error format. */
  errorBody(code: string, message: string): unknown;
  route(req: FakeRequest): FakeReply;
}

const PREFIX = '/v1';

/** The shared harness: auth, recording, failure injection, outages. `route` owns the API itself. */
export async function startJsonFake(opts: JsonFakeOptions): Promise<JsonFake> {
  const calls: RecordedCall[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let failures: { left: number; status: number; retryAfter?: number } | undefined;
  let outage: 'hang' | 'reset' | undefined;
  let slowMs = 0;

  const send = (res: ServerResponse, reply: FakeReply) => {
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...reply.headers });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    if (outage === 'reset') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (outage === 'hang') {
        hanging.add(res);
        return;
      }
      const u = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        send(res, { status: 400, body: opts.errorBody('INVALID_JSON', 'Body is not valid JSON') });
        return;
      }
      const path = u.pathname.startsWith(PREFIX) ? u.pathname.slice(PREFIX.length) : u.pathname;
      const query = Object.fromEntries(u.searchParams);
      calls.push({ method: req.method ?? 'GET', path, query, body, headers: req.headers });

      if (failures && failures.left > 0) {
        failures.left -= 1;
        const headers = failures.retryAfter === undefined ? undefined : { 'Retry-After': String(failures.retryAfter) };
        send(res, { status: failures.status, body: opts.errorBody('INJECTED', `Injected failure ${failures.status}`), headers });
        return;
      }
      if (req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        send(res, { status: 401, body: opts.errorBody('UNAUTHORIZED', 'Invalid API key') });
        return;
      }
      if (!u.pathname.startsWith(PREFIX)) {
        send(res, { status: 404, body: opts.errorBody('NOT_FOUND', 'No such route') });
        return;
      }
      try {
        const served = opts.route({ method: req.method ?? 'GET', path, query, body });
        if (slowMs > 0) setTimeout(() => send(res, served), slowMs);
        else send(res, served);
      } catch (err) {
        send(res, { status: 500, body: opts.errorBody('INTERNAL', err instanceof Error ? err.message : 'fake error') });
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    calls,
    failNext(n, status, retryAfterSeconds) {
      failures = { left: n, status, retryAfter: retryAfterSeconds };
    },
    down(mode = 'hang') {
      outage = mode;
    },
    hangingCount() {
      return hanging.size;
    },
    slow(ms) {
      slowMs = ms;
    },
    up() {
      outage = undefined;
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Helpers for route handlers. */
export const reply = {
  ok: (data: unknown, status = 200): FakeReply => ({ status, body: { data } }),
};

// ---------------------------------------------------------------------------------------------
// Oscar Chat

export interface OscarFakePerson {
  id?: string;
  name?: string;
  email?: string;
}

export interface OscarFakeConversation {
  id: string;
  status: string;
  labels: string[];
  contact?: OscarFakePerson & { custom_attributes?: Record<string, unknown> };
  assignee?: OscarFakePerson | null;
  messages: Array<{ id: string; content: string; message_type: string; private: boolean }>;
}

export interface OscarFake extends JsonFake {
  agents: Array<{ id: string; name?: string; email?: string }>;
  conversations: Map<string, OscarFakeConversation>;
  /** What reports/summary answers (inside `data`). */
  report: Record<string, unknown>;
  /** Create or update a conversation, filling defaults (status open, no labels, no messages). */
  conversation(id: string, fields?: Partial<Omit<OscarFakeConversation, 'id'>>): OscarFakeConversation;
}

/** The fields the seed's report reads: times in seconds, the bot rate a fraction, CSAT 0-5. */
export const DEFAULT_OSCAR_REPORT = {
  conversations_count: 42,
  avg_first_response_time: 95,
  avg_resolution_time: 3600,
  bot_resolution_rate: 0.72,
  csat_survey_score: 4.6,
};

const OSCAR_STATUSES = new Set(['open', 'resolved', 'pending', 'snoozed']);

export async function startOscarFake(opts: { apiKey: string; workspaceId: string }): Promise<OscarFake> {
  const error = (code: string, message: string) => ({ error: { code, message } });
  const fail = (status: number, code: string, message: string): FakeReply => ({ status, body: error(code, message) });
  let nextMessage = 1;

  // Assigned once the harness is up; routes only run after that.
  let state: OscarFake;

  const route = (req: FakeRequest): FakeReply => {
    const segs = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [root, id, sub] = segs;

    if (root === 'workspaces') {
      if (id !== opts.workspaceId) return fail(404, 'not_found', 'Workspace not found');
      if (req.method === 'GET' && sub === 'agents' && segs.length === 3) return reply.ok(state.agents);
      if (req.method === 'GET' && sub === 'reports' && segs[3] === 'summary') {
        const { since, until, type } = req.query;
        if (!/^\d+$/.test(since ?? '') || !/^\d+$/.test(until ?? '')) {
          return fail(400, 'invalid_request', 'since and until must be unix timestamps');
        }
        if (!type) return fail(400, 'invalid_request', 'type is required');
        return reply.ok(state.report);
      }
      return fail(404, 'not_found', 'No such route');
    }

    if (root !== 'conversations' || !id) return fail(404, 'not_found', 'No such route');
    const c = state.conversations.get(id);
    if (!c) return fail(404, 'not_found', `Conversation ${id} not found`);
    // Tolerate conversations set directly on the map with only some fields.
    c.labels ??= [];
    c.messages ??= [];
    c.status ??= 'open';
    const body = (req.body ?? {}) as Record<string, unknown>;

    if (req.method === 'GET' && !sub) {
      const include = new Set((req.query.include ?? '').split(',').filter(Boolean));
      return reply.ok({
        id: c.id,
        status: c.status,
        labels: c.labels,
        ...(include.has('contact') ? { contact: c.contact ?? null } : {}),
        ...(include.has('assignee') ? { assignee: c.assignee ?? null } : {}),
        ...(include.has('messages') ? { messages: c.messages } : {}),
      });
    }
    if (req.method !== 'POST') return fail(404, 'not_found', 'No such route');

    switch (sub) {
      case 'assignments': {
        const agentId = body.assignee_id === undefined ? undefined : String(body.assignee_id);
        const agent = state.agents.find((a) => a.id === agentId);
        if (!agent) return fail(422, 'unprocessable_entity', 'Assignee not found');
        c.assignee = { ...agent };
        return reply.ok({ conversation_id: c.id, assignee: c.assignee });
      }
      case 'labels': {
        const labels = body.labels;
        if (!Array.isArray(labels) || !labels.length || !labels.every((l) => typeof l === 'string')) {
          return fail(422, 'unprocessable_entity', 'labels must be a non-empty array of strings');
        }
        for (const l of labels) if (!c.labels.includes(l)) c.labels.push(l);
        return reply.ok({ conversation_id: c.id, labels: c.labels });
      }
      case 'messages': {
        if (typeof body.content !== 'string' || !body.content) {
          return fail(422, 'unprocessable_entity', 'content is required');
        }
        const message = {
          id: `msg_${nextMessage++}`,
          content: body.content,
          message_type: typeof body.message_type === 'string' ? body.message_type : 'outgoing',
          private: body.private === true,
        };
        c.messages.push(message);
        return reply.ok(message, 201);
      }
      case 'toggle_status': {
        if (typeof body.status !== 'string' || !OSCAR_STATUSES.has(body.status)) {
          return fail(422, 'unprocessable_entity', 'status must be one of open, resolved, pending, snoozed');
        }
        c.status = body.status;
        return reply.ok({ id: c.id, status: c.status });
      }
      default:
        return fail(404, 'not_found', 'No such route');
    }
  };

  const harness = await startJsonFake({ apiKey: opts.apiKey, errorBody: error, route });
  // Plain properties on the returned object: tests assign `fake.agents = [...]` and the routes
  // read them through `state`, which is that same object.
  state = Object.assign(harness, {
    agents: [] as OscarFake['agents'],
    conversations: new Map<string, OscarFakeConversation>(),
    report: { ...DEFAULT_OSCAR_REPORT } as Record<string, unknown>,
    conversation(id: string, fields: Partial<Omit<OscarFakeConversation, 'id'>> = {}) {
      const c: OscarFakeConversation = {
        status: 'open',
        labels: [],
        messages: [],
        ...state.conversations.get(id),
        ...fields,
        id,
      };
      state.conversations.set(id, c);
      return c;
    },
  });
  return state;
}
