// A local fake of the Slack Web API for tests: a real HTTP server on 127.0.0.1 that
// @slack/web-api's WebClient (and so Bolt) talks to via `slackApiUrl: fake.url`. It keeps enough
// state (messages, views, uploads) to answer like Slack does, records every call with its decoded
// arguments, and has knobs for rate limits and errors. Response shapes follow the java-slack-sdk
// samples in slackapi/java-slack-sdk's json-logs (the fields a client reads).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateHomeView, validateMessageBlocks, validateModalView } from '../helpers/blockkit.js';
import { SlackPacing, type SlackPacingLimits } from './slack-pacing.js';
import { FakeSlackMembership, MembershipError } from './slack-membership.js';

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  /** Omit to simulate a user whose email the app can't see. */
  email?: string;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeSlackCall {
  method: string;
  /** Decoded arguments: form and JSON bodies alike; blocks/attachments/view/files/metadata parsed from JSON strings. The token is removed. */
  args: Record<string, unknown>;
  /** The token the call presented (Bearer header or `token` field). */
  token?: string;
  /** HTTP status of the answer (200, or 429 when rate limited). */
  status: number;
  ok: boolean;
  error?: string;
  response: Record<string, unknown>;
  at: Date;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  /** Files shared with this message (files.completeUploadExternal with channel_id). */
  files?: string[];
  /** How many chat.update calls touched it. */
  updates: number;
}

export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface FakeSlackFile {
  id: string;
  filename: string;
  length: number;
  alt_text?: string;
  title?: string;
  /** Bytes received at the upload URL; undefined until the upload POST arrives. */
  bytes?: Buffer;
  completed: boolean;
  channel_id?: string;
  initial_comment?: string;
  thread_ts?: string;
}

/** A POST to a response_url served by the fake (`fake.responseUrl(id)`): slash commands and clicks answer there. */
export interface FakeSlackResponse {
  id: string;
  /** The JSON body: text, blocks, response_type, replace_original, delete_original. */
  body: Record<string, unknown>;
  /** HTTP status answered (200, or 400 invalid_blocks, or a status queued with failNextResponse). */
  status: number;
  at: Date;
}

export interface FakeSlackOptions {
  /** The one bot token accepted. Default: any `xoxb-` token. */
  token?: string;
  users?: FakeSlackUser[];
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /**
   * Check blocks and views against the Block Kit schema and answer `invalid_blocks` /
   * `invalid_arguments` like Slack does. Default true: a test can't pass with a payload Slack
   * would refuse.
   */
  validateBlocks?: boolean;
  /** Enforce Slack's pacing (slack-pacing.ts): 429 + Retry-After when a bucket is empty. Default off. */
  pacing?: SlackPacingLimits;
  /** Hold every Web API answer this long (benchmarks: a real Slack answers in ~100 ms). */
  latencyMs?: number;
}

/** A custom answer for one method; return undefined to fall through to the built-in behaviour. */
export type FakeSlackHandler = (args: Record<string, unknown>) => Record<string, unknown> | undefined;

/** Thrown inside a handler to answer `{ok: false, error}`. */
class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** Fields Slack takes as JSON-encoded strings in form bodies. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'];
const TS_EPOCH = 1_700_000_000;

interface Waiter {
  check: () => boolean;
  fail: (reason: string) => void;
}

export class FakeSlack {
  readonly calls: FakeSlackCall[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly messages: FakeSlackMessage[] = [];
  readonly ephemerals: FakeSlackEphemeral[] = [];
  /** Last published Home tab per user id. */
  readonly homeViews = new Map<string, Record<string, unknown>>();
  /** Every modal opened, pushed or updated, in order. */
  readonly modals: Array<Record<string, unknown>> = [];
  /** The current state of each open view by id (views.update checks the id and the hash). */
  readonly views = new Map<string, Record<string, unknown>>();
  private hashCounter = 0;
  readonly files = new Map<string, FakeSlackFile>();
  /** Every POST to a response_url of this fake, in arrival order. */
  readonly responses: FakeSlackResponse[] = [];
  /** Channel and user group members (conversations.members, usergroups.users.list). */
  readonly membership = new FakeSlackMembership();

  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;

  private origin = '';
  private tsCounter = 0;
  private idCounter = 0;
  private readonly rateLimits = new Map<string, { remaining: number; retryAfter: number }>();
  private readonly delays = new Map<string, { remaining: number; ms: number }>();
  private readonly failures = new Map<string, Array<{ error: string; extra: Record<string, unknown> }>>();
  private readonly overrides = new Map<string, FakeSlackHandler>();
  private readonly waiters = new Set<Waiter>();
  private readonly responseFailures: number[] = [];
  private responseDrops = 0;
  private readonly validate: boolean;
  /** The pacing buckets, when `pacing` is on (its `rejected` counts the 429s). */
  readonly pacing?: SlackPacing;

  constructor(
    private readonly server: Server,
    private readonly options: FakeSlackOptions = {},
  ) {
    // The team test payloads (test/helpers/slack-requests.ts) come from: the installed workspace.
    this.teamId = options.teamId ?? 'T0TEST';
    this.botUserId = options.botUserId ?? 'U0HANDOFFBOT';
    this.botId = options.botId ?? 'B0HANDOFF';
    this.appId = options.appId ?? 'A0HANDOFF';
    this.validate = options.validateBlocks ?? true;
    if (options.pacing) this.pacing = new SlackPacing(options.pacing);
    for (const u of options.users ?? []) this.addUser(u);
  }

  /** Web API base for WebClient's `slackApiUrl` (and SLACK_API_URL), ending in `/api/`. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  /** @internal called once the server listens. */
  setOrigin(origin: string): void {
    this.origin = origin;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  callsOf(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  lastCall(method: string): FakeSlackCall | undefined {
    return this.callsOf(method).at(-1);
  }

  /**
   * Resolve with the first `count` calls of `method` once they have arrived. By default only
   * successful calls count, so a rate-limited attempt doesn't satisfy "the card was posted";
   * pass `{ includeFailed: true }` to count attempts.
   */
  waitFor(method: string, count = 1, timeoutMs = 5000, opts: { includeFailed?: boolean } = {}): Promise<FakeSlackCall[]> {
    const matching = () => this.callsOf(method).filter((c) => opts.includeFailed || c.ok);
    return this.waitUntil(matching, count, timeoutMs, (reason, got) => {
      const seen = this.calls.map((c) => `${c.method}${c.ok ? '' : `(${c.error})`}`).join(', ') || 'none';
      return `fake Slack: ${reason} waiting for ${count} ${method} call(s), got ${got}. Calls: ${seen}`;
    });
  }

  /** Resolve with the first `count` items of `matching()` once there are that many (checked on every call). */
  private waitUntil<T>(
    matching: () => T[],
    count: number,
    timeoutMs: number,
    describe: (reason: string, got: number) => string,
  ): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = matching();
          if (found.length < count) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(found.slice(0, count));
          return true;
        },
        fail: (reason) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(new Error(describe(reason, matching().length)));
        },
      };
      const timer = setTimeout(() => waiter.fail(`timed out after ${timeoutMs}ms`), timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** The next `n` calls of `method` get HTTP 429, `Retry-After: retryAfterSeconds`, `{ok:false,error:'ratelimited'}`. */
  rateLimitNext(method: string, n = 1, retryAfterSeconds = 1): void {
    this.rateLimits.set(method, { remaining: n, retryAfter: retryAfterSeconds });
  }

  /** The next `n` calls of `method` take effect at once but are answered only after `ms`. */
  delayNext(method: string, ms: number, n = 1): void {
    this.delays.set(method, { remaining: n, ms });
  }

  /** The next `n` calls of `method` answer `{ok:false, error, ...extra}` (HTTP 200, as Slack does). */
  failNext(method: string, error: string, n = 1, extra: Record<string, unknown> = {}): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < n; i++) queue.push({ error, extra });
    this.failures.set(method, queue);
  }

  /** Replace the answer for a method (until reset); return undefined from the handler to use the default. */
  respondWith(method: string, handler: FakeSlackHandler): void {
    this.overrides.set(method, handler);
  }

  /** A message that exists before the test (e.g. a card posted by an earlier run). */
  seedMessage(channel: string, fields: Partial<Omit<FakeSlackMessage, 'channel' | 'updates'>> = {}): FakeSlackMessage {
    const message: FakeSlackMessage = { channel, ts: fields.ts ?? this.nextTs(), updates: 0, ...fields };
    this.messages.push(message);
    return message;
  }

  message(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Top-level messages of a channel (thread replies excluded), in posting order. */
  channelMessages(channel: string): FakeSlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts));
  }

  threadReplies(channel: string, threadTs: string): FakeSlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs);
  }

  /** A response_url to put in a slash command or interaction payload; what the app posts there lands in `responses`. */
  responseUrl(id = 'r1'): string {
    return `${this.origin}/response/${encodeURIComponent(id)}`;
  }

  responsesTo(id: string): FakeSlackResponse[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolve with the first `count` accepted (2xx) POSTs to response_url `id`. */
  waitForResponses(id: string, count = 1, timeoutMs = 5000): Promise<FakeSlackResponse[]> {
    const matching = () => this.responsesTo(id).filter((r) => r.status < 300);
    return this.waitUntil(
      matching,
      count,
      timeoutMs,
      (reason, got) => `fake Slack: ${reason} waiting for ${count} response(s) to ${id}, got ${got}`,
    );
  }

  /** The next `n` response_url POSTs (any id) get HTTP `status` and are not kept as delivered. */
  failNextResponse(n = 1, status = 500): void {
    for (let i = 0; i < n; i++) this.responseFailures.push(status);
  }

  /**
   * The next `n` response_url POSTs take effect (kept as delivered, status 200) but the connection
   * is then dropped without an answer: the sender sees a network error and can't know it landed.
   */
  dropNextResponse(n = 1): void {
    this.responseDrops += n;
  }

  /** Forget calls, state and knobs; users stay. */
  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.modals.length = 0;
    this.views.clear();
    this.homeViews.clear();
    this.files.clear();
    this.responses.length = 0;
    this.responseFailures.length = 0;
    this.responseDrops = 0;
    this.rateLimits.clear();
    this.delays.clear();
    this.failures.clear();
    this.overrides.clear();
  }

  async close(): Promise<void> {
    for (const w of [...this.waiters]) w.fail('closed');
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- request handling ----------------------------------------------------------------------

  /** @internal */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(url.pathname);
    if (upload) return this.receiveUpload(upload[1] ?? '', req, body, res);
    const hook = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (hook) return this.receiveResponse(decodeURIComponent(hook[1] ?? ''), req, body, res);
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!api) return send(res, 404, { ok: false, error: 'not_found' });
    const method = api[1] ?? '';

    const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    Object.assign(args, await parseArgs(req, body));
    for (const field of JSON_FIELDS) {
      const v = args[field];
      if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
        try {
          args[field] = JSON.parse(v);
        } catch {
          // leave the raw string: the handler answers invalid_arguments / invalid_blocks
        }
      }
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;

    const { status, response, headers } = this.answer(method, args, token);
    // The call has taken effect (message stored); the answer may be held back to let a test
    // kill the caller between Slack's effect and the caller learning about it.
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const delay = this.delays.get(method);
    if (delay && delay.remaining > 0) {
      delay.remaining -= 1;
      await new Promise((r) => setTimeout(r, delay.ms));
    }
    this.record({
      method,
      args,
      token,
      status,
      ok: response.ok === true,
      error: typeof response.error === 'string' ? response.error : undefined,
      response,
      at: new Date(),
    });
    send(res, status, response, headers);
  }

  private answer(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
  ): { status: number; response: Record<string, unknown>; headers?: Record<string, string> } {
    if (!token) return { status: 200, response: { ok: false, error: 'not_authed' } };
    const tokenOk = this.options.token ? token === this.options.token : token.startsWith('xoxb-');
    if (!tokenOk) return { status: 200, response: { ok: false, error: 'invalid_auth' } };

    const paced = this.pacing?.check(method, args);
    if (paced !== undefined) {
      return { status: 429, response: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(paced) } };
    }
    const limit = this.rateLimits.get(method);
    if (limit && limit.remaining > 0) {
      limit.remaining -= 1;
      return { status: 429, response: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(limit.retryAfter) } };
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) return { status: 200, response: { ok: false, error: failure.error, ...failure.extra } };

    try {
      const custom = this.overrides.get(method)?.(args);
      if (custom) return { status: 200, response: { ok: true, ...custom } };
      const handler = this.handlers[method] ?? this.membership.handlers[method];
      if (!handler) return { status: 200, response: { ok: false, error: 'unknown_method', req_method: method } };
      return { status: 200, response: { ok: true, ...handler(args) } };
    } catch (err) {
      if (err instanceof SlackApiError) return { status: 200, response: { ok: false, error: err.error, ...err.extra } };
      if (err instanceof MembershipError) return { status: 200, response: { ok: false, error: err.error } };
      throw err;
    }
  }

  private record(call: FakeSlackCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) w.check();
  }

  /**
   * Like Slack's response_url: takes JSON (or a form with a `payload` field) and answers 200 "ok";
   * 400 "invalid_blocks" for blocks Slack would refuse; or a status queued with failNextResponse.
   * Also recorded as a `response_url` call, so waitFor('response_url') works.
   */
  private async receiveResponse(id: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'method_not_allowed');
    let parsed: Record<string, unknown>;
    try {
      const args = await parseArgs(req, body);
      parsed = typeof args.payload === 'string' ? (JSON.parse(args.payload) as Record<string, unknown>) : args;
    } catch {
      return sendText(res, 400, 'invalid_payload');
    }
    let status = this.responseFailures.shift() ?? 200;
    if (status === 200 && parsed.blocks !== undefined && this.validate) {
      if (!Array.isArray(parsed.blocks) || validateMessageBlocks(parsed.blocks).length) status = 400;
    }
    const ok = status < 300;
    const at = new Date();
    this.responses.push({ id, body: parsed, status, at });
    this.record({ method: 'response_url', args: parsed, status, ok, ...(ok ? {} : { error: 'response_failed' }), response: { ok }, at });
    if (ok && this.responseDrops > 0) {
      this.responseDrops -= 1;
      res.destroy(); // delivered, but the caller never hears back
      return;
    }
    sendText(res, status, ok ? 'ok' : status === 400 ? 'invalid_blocks' : 'error');
  }

  private receiveUpload(fileId: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> | void {
    const file = this.files.get(fileId);
    if (!file) return sendText(res, 404, 'file not found');
    return uploadBytes(req, body).then((bytes) => {
      file.bytes = bytes;
      sendText(res, 200, `OK - ${bytes.length}`);
    });
  }

  // --- helpers for handlers ------------------------------------------------------------------

  /** Like Slack's: wall-clock seconds and microseconds, unique and increasing within the fake. */
  private nextTs(): string {
    const nowMicros = Date.now() * 1000;
    this.tsCounter = Math.max(this.tsCounter + 1, nowMicros);
    return `${Math.floor(this.tsCounter / 1_000_000)}.${String(this.tsCounter % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${String(this.idCounter).padStart(9, '0')}`;
  }

  /** Slack accepts a user id as a chat.postMessage channel and posts to the DM. */
  private resolveChannel(channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? `D${channel.slice(1)}` : channel;
  }

  private checkBlocks(blocks: unknown): void {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
    if (!this.validate) return;
    const errors = validateMessageBlocks(blocks);
    if (errors.length)
      throw new SlackApiError('invalid_blocks', { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
  }

  private checkView(view: unknown, kind: 'home' | 'modal'): Record<string, unknown> {
    if (typeof view !== 'object' || view === null || Array.isArray(view))
      throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
    if (this.validate) {
      const errors = kind === 'home' ? validateHomeView(view) : validateModalView(view);
      if (errors.length)
        throw new SlackApiError('invalid_arguments', { response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
    }
    return view as Record<string, unknown>;
  }

  private botMessage(m: FakeSlackMessage): Record<string, unknown> {
    return {
      type: 'message',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      text: m.text ?? '',
      ts: m.ts,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: this.botUserId } : {}),
      ...(m.metadata ? { metadata: m.metadata } : {}),
      ...(m.updates ? { edited: { user: this.botId, ts: m.ts } } : {}),
      bot_profile: {
        id: this.botId,
        app_id: this.appId,
        name: 'handoff',
        team_id: this.teamId,
        deleted: false,
        updated: TS_EPOCH,
      },
    };
  }

  private viewObject(view: Record<string, unknown>, id = this.nextId('V')): Record<string, unknown> {
    this.hashCounter += 1;
    return {
      id,
      team_id: this.teamId,
      app_id: this.appId,
      bot_id: this.botId,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...view,
      state: { values: {} },
      hash: `${TS_EPOCH}.${this.hashCounter}`,
      root_view_id: id,
      previous_view_id: null,
    };
  }

  private readonly handlers: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({
      url: 'https://fake-workspace.slack.com/',
      team: 'Fake Workspace',
      user: 'handoff',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      if (args.text === undefined && args.blocks === undefined && args.attachments === undefined)
        throw new SlackApiError('no_text');
      this.checkBlocks(args.blocks);
      const m: FakeSlackMessage = {
        channel: this.resolveChannel(channel),
        ts: this.nextTs(),
        text: optString(args, 'text'),
        blocks: args.blocks as unknown[] | undefined,
        attachments: args.attachments as unknown[] | undefined,
        thread_ts: optString(args, 'thread_ts'),
        metadata: args.metadata,
        updates: 0,
      };
      this.messages.push(m);
      return { channel: m.channel, ts: m.ts, message: this.botMessage(m) };
    },

    'chat.update': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      const ts = requireString(args, 'ts', 'message_not_found');
      const m = this.message(channel, ts);
      if (!m) throw new SlackApiError('message_not_found');
      if (args.text === undefined && args.blocks === undefined && args.attachments === undefined)
        throw new SlackApiError('no_text');
      this.checkBlocks(args.blocks);
      if (args.text !== undefined) m.text = optString(args, 'text');
      if (args.blocks !== undefined) m.blocks = args.blocks as unknown[];
      if (args.attachments !== undefined) m.attachments = args.attachments as unknown[];
      if (args.metadata !== undefined) m.metadata = args.metadata;
      m.updates += 1;
      return { channel, ts, text: m.text ?? '', message: this.botMessage(m) };
    },

    'chat.postEphemeral': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      const user = requireString(args, 'user', 'user_not_in_channel');
      if (args.text === undefined && args.blocks === undefined && args.attachments === undefined)
        throw new SlackApiError('no_text');
      this.checkBlocks(args.blocks);
      const message_ts = this.nextTs();
      this.ephemerals.push({
        channel,
        user,
        message_ts,
        text: optString(args, 'text'),
        blocks: args.blocks as unknown[] | undefined,
        thread_ts: optString(args, 'thread_ts'),
      });
      return { message_ts };
    },

    'chat.getPermalink': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      const ts = requireString(args, 'message_ts', 'message_not_found');
      const m = this.message(channel, ts);
      if (!m) throw new SlackApiError('message_not_found');
      const base = `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
      const thread = m.thread_ts && m.thread_ts !== ts ? `?thread_ts=${m.thread_ts}&cid=${channel}` : '';
      return { channel, permalink: base + thread };
    },

    'users.info': (args) => {
      const user = this.users.get(requireString(args, 'user', 'user_not_found'));
      if (!user) throw new SlackApiError('user_not_found');
      return { user: this.userObject(user) };
    },

    'users.lookupByEmail': (args) => {
      const email = requireString(args, 'email', 'users_not_found').toLowerCase();
      const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email);
      if (!user) throw new SlackApiError('users_not_found');
      return { user: this.userObject(user) };
    },

    'conversations.open': (args) => {
      if (typeof args.channel === 'string') return { channel: { id: args.channel } };
      const users = requireString(args, 'users', 'users_list_not_supplied')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (!users.length) throw new SlackApiError('users_list_not_supplied');
      for (const u of users) if (!/^[UW][A-Z0-9]+$/.test(u)) throw new SlackApiError('user_not_found');
      const id =
        users.length === 1 ? this.resolveChannel(users[0] ?? '') : `G${users.map((u) => u.slice(1)).join('')}`.slice(0, 21);
      const existing = this.messages.some((m) => m.channel === id);
      return { no_op: existing, already_open: existing, channel: { id } };
    },

    /** Top-level messages of a channel, newest first, from `oldest`; metadata only when asked for. */
    'conversations.history': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      const oldest = Number(args.oldest ?? 0);
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const messages = this.messages
        .filter((m) => m.channel === channel && !m.thread_ts && Number(m.ts) >= oldest)
        .sort((a, b) => Number(b.ts) - Number(a.ts))
        .slice(0, Number(args.limit ?? 100))
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      return { messages, has_more: false, pin_count: 0 };
    },

    /** A thread: its parent and replies, oldest first, from `oldest`; metadata only when asked for. */
    'conversations.replies': (args) => {
      const channel = requireString(args, 'channel', 'channel_not_found');
      const ts = requireString(args, 'ts', 'thread_not_found');
      if (!this.message(channel, ts)) throw new SlackApiError('thread_not_found');
      const oldest = Number(args.oldest ?? 0);
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const messages = this.messages
        .filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts) && (m.ts === ts || Number(m.ts) >= oldest))
        .sort((a, b) => Number(a.ts) - Number(b.ts))
        .slice(0, Number(args.limit ?? 100))
        .map((m) => ({ type: 'message', ts: m.ts, thread_ts: ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      return { messages, has_more: false };
    },

    'conversations.info': (args) => {
      const id = requireString(args, 'channel', 'channel_not_found');
      return {
        channel: {
          id,
          name: id.toLowerCase(),
          is_channel: id.startsWith('C'),
          is_im: id.startsWith('D'),
          is_private: id.startsWith('G'),
          is_member: true,
          is_archived: false,
        },
      };
    },

    'views.publish': (args) => {
      const user = requireString(args, 'user_id', 'invalid_arguments');
      const view = this.viewObject(this.checkView(args.view, 'home'));
      this.homeViews.set(user, view);
      return { view };
    },

    'views.open': (args) => {
      requireString(args, 'trigger_id', 'invalid_arguments');
      const view = this.viewObject(this.checkView(args.view, 'modal'));
      this.modals.push(view);
      this.views.set(view.id as string, view);
      return { view };
    },

    'views.push': (args) => {
      requireString(args, 'trigger_id', 'invalid_arguments');
      const view = this.viewObject(this.checkView(args.view, 'modal'));
      this.modals.push(view);
      this.views.set(view.id as string, view);
      return { view };
    },

    // Like Slack: the view must exist (not_found), and a hash that is not the view's current one
    // means someone updated it meanwhile (hash_conflict). The view keeps its id, gets a new hash.
    'views.update': (args) => {
      const viewId = optString(args, 'view_id');
      const id = viewId ?? optString(args, 'external_id');
      if (!id) throw new SlackApiError('invalid_arguments');
      const raw = this.checkView(args.view, (args.view as { type?: string } | undefined)?.type === 'home' ? 'home' : 'modal');
      if (viewId && raw.type === 'modal') {
        const current = this.views.get(viewId);
        if (!current) throw new SlackApiError('not_found');
        const hash = optString(args, 'hash');
        if (hash && hash !== current.hash) throw new SlackApiError('hash_conflict');
      }
      const view = this.viewObject(raw, viewId);
      this.modals.push(view);
      if (viewId) this.views.set(viewId, view);
      return { view };
    },

    'files.getUploadURLExternal': (args) => {
      const filename = requireString(args, 'filename', 'invalid_arguments');
      const length = Number(args.length);
      if (!Number.isInteger(length) || length <= 0) throw new SlackApiError('invalid_arguments');
      const id = this.nextId('F');
      this.files.set(id, { id, filename, length, alt_text: optString(args, 'alt_text'), completed: false });
      return { upload_url: `${this.origin}/upload/v1/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (args) => {
      const list = args.files;
      if (!Array.isArray(list) || list.length === 0) throw new SlackApiError('invalid_arguments');
      const channel = optString(args, 'channel_id');
      const done: FakeSlackFile[] = [];
      for (const entry of list as Array<{ id?: string; title?: string }>) {
        const file = entry?.id ? this.files.get(entry.id) : undefined;
        if (!file?.bytes) throw new SlackApiError('file_not_found');
        file.title = entry.title ?? file.filename;
        file.completed = true;
        file.channel_id = channel;
        file.initial_comment = optString(args, 'initial_comment');
        file.thread_ts = optString(args, 'thread_ts');
        done.push(file);
      }
      if (channel) {
        // Slack shares the files as a message in the channel (or thread).
        this.messages.push({
          channel,
          ts: this.nextTs(),
          text: optString(args, 'initial_comment') ?? '',
          thread_ts: optString(args, 'thread_ts'),
          files: done.map((f) => f.id),
          updates: 0,
        });
      }
      return {
        files: done.map((f) => ({
          id: f.id,
          created: TS_EPOCH,
          timestamp: TS_EPOCH,
          name: f.filename,
          title: f.title,
          mimetype: '',
          filetype: '',
          user: this.botUserId,
          user_team: this.teamId,
          size: f.bytes?.length ?? 0,
          is_external: false,
          is_public: Boolean(channel?.startsWith('C')),
          channels: channel ? [channel] : [],
          url_private: `https://files.fake-workspace.slack.com/files-pri/${this.teamId}-${f.id}/${encodeURIComponent(f.filename)}`,
          permalink: `https://fake-workspace.slack.com/files/${this.botUserId}/${f.id}/${encodeURIComponent(f.filename)}`,
        })),
      };
    },
  };

  private userObject(u: FakeSlackUser): Record<string, unknown> {
    const realName = u.real_name ?? u.name ?? u.id;
    return {
      id: u.id,
      team_id: this.teamId,
      name: u.name ?? u.id.toLowerCase(),
      deleted: u.deleted ?? false,
      real_name: realName,
      tz: u.tz ?? 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      is_bot: u.is_bot ?? false,
      is_admin: false,
      is_owner: false,
      is_app_user: false,
      updated: TS_EPOCH,
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: u.name ?? '',
        display_name_normalized: u.name ?? '',
        ...(u.email ? { email: u.email } : {}),
        image_48: 'https://fake-workspace.slack.com/avatar48.png',
        team: this.teamId,
      },
    };
  }
}

/** Start a fake on an ephemeral port. Close it in afterAll/afterEach. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  let fake: FakeSlack | undefined;
  const server = createServer((req, res) => {
    fake?.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
    });
  });
  fake = new FakeSlack(server, options);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  fake.setOrigin(`http://127.0.0.1:${port}`);
  return fake;
}

// --- HTTP plumbing -----------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Multipart parsing borrowed from the platform's own Request/FormData (Node 20 has both). */
async function formData(req: IncomingMessage, body: Buffer): Promise<FormData> {
  return new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: new Uint8Array(body),
  }).formData();
}

async function parseArgs(req: IncomingMessage, body: Buffer): Promise<Record<string, unknown>> {
  if (body.length === 0) return {};
  const type = contentType(req);
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  if (type === 'multipart/form-data') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of await formData(req, body)) out[k] = typeof v === 'string' ? v : Buffer.from(await v.arrayBuffer());
    return out;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

/** The uploaded file: a multipart file part (WebClient's filesUploadV2), a form field, or the raw body. */
async function uploadBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const type = contentType(req);
  if (type === 'multipart/form-data') {
    const entries = [...(await formData(req, body)).values()];
    const file = entries.find((v) => typeof v !== 'string');
    if (file && typeof file !== 'string') return Buffer.from(await file.arrayBuffer());
    const text = entries.find((v) => typeof v === 'string');
    return Buffer.from(typeof text === 'string' ? text : '');
  }
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(body.toString('utf8'));
    return Buffer.from(params.get('body') ?? params.get('file') ?? params.get('content') ?? '');
  }
  return body;
}

function send(res: ServerResponse, status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function optString(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
}

function requireString(args: Record<string, unknown>, key: string, error: string): string {
  const v = optString(args, key);
  if (v === undefined) throw new SlackApiError(error);
  return v;
}
