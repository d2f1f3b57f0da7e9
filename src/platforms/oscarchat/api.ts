// Oscar Chat REST API: mirrors Slack actions (assign, label, note, resolve/reopen) into the
// conversation, sends agents' replies to the customer, lists agents for Slack-user matching, looks up contacts, reads the report summary.
// Endpoints per docs/platforms.md; toggle_status and the agents list are assumed there.
import {
  type HttpDeps,
  type HttpTuning,
  isNotFound,
  JsonHttpClient,
  asNumber as num,
  asRecord as record,
  asText as str,
} from '../http.js';
import type { PlatformAgent, PlatformApi, PlatformMessage, PlatformReportSummary } from '../types.js';
import type { OscarConfig } from './index.js';

export type OscarApiConfig = Pick<OscarConfig, 'apiKey' | 'workspaceId' | 'apiUrl'>;

export interface OscarApiDeps extends HttpDeps, HttpTuning {
  /** How long the agent list is reused. Default 5 min: agents change rarely, claims happen often. */
  agentsTtlMs?: number;
  now?: () => number;
}

/** The seed's documented limit. */
export const OSCAR_RATE_BUDGET = { requests: 300, perMs: 60_000 };

const PLATFORM = 'oscarchat';

export function createOscarApi(cfg: OscarApiConfig, deps: OscarApiDeps = {}): PlatformApi {
  const http = new JsonHttpClient({
    platform: PLATFORM,
    displayName: 'Oscar Chat',
    baseUrl: cfg.apiUrl,
    headers: { Authorization: `Bearer ${cfg.apiKey}` },
    secrets: [cfg.apiKey],
    ...deps,
    rateLimit: deps.rateLimit ?? OSCAR_RATE_BUDGET,
  });
  const conv = (id: string) => `/conversations/${encodeURIComponent(id)}`;
  const ws = `/workspaces/${encodeURIComponent(cfg.workspaceId)}`;
  const now = deps.now ?? Date.now;
  const ttl = deps.agentsTtlMs ?? 5 * 60_000;
  // The in-flight promise is cached too, so a burst of claims makes one request, not many.
  let agents: { at: number; value: Promise<PlatformAgent[]> } | undefined;

  const setStatus = async (id: string, status: 'resolved' | 'open', operation: string) => {
    await http.post(`${conv(id)}/toggle_status`, { operation, body: { status } });
  };

  return {
    async assign(conversationId, agentId) {
      await http.post(`${conv(conversationId)}/assignments`, { operation: 'assign', body: { assignee_id: agentId } });
    },

    async addLabels(conversationId, labels) {
      if (!labels.length) return;
      await http.post(`${conv(conversationId)}/labels`, { operation: 'add_labels', body: { labels } });
    },

    resolve: (conversationId) => setStatus(conversationId, 'resolved', 'resolve'),
    reopen: (conversationId) => setStatus(conversationId, 'open', 'reopen'),

    async note(conversationId, text) {
      // `activity` + private: an internal note agents see in the inbox, never sent to the customer.
      const data = await http.post<unknown>(`${conv(conversationId)}/messages`, {
        operation: 'note',
        body: { content: text, message_type: 'activity', private: true },
        retries: 0,
      });
      return { id: str(record(data)?.id) };
    },

    async sendMessage(conversationId, text) {
      // No in-call retry: a 5xx or a dropped connection may still have delivered it. The caller
      // looks at recentMessages() before trying again.
      const data = await http.post<unknown>(`${conv(conversationId)}/messages`, {
        operation: 'send_message',
        body: { content: text, message_type: 'outgoing', private: false },
        retries: 0,
      });
      return { id: str(record(data)?.id) };
    },

    async recentMessages(conversationId) {
      const data = await http.get<unknown>(conv(conversationId), { operation: 'recent_messages', query: { include: 'messages' } });
      const list = record(data)?.messages;
      return Array.isArray(list) ? list.flatMap(toMessage) : [];
    },

    listAgents() {
      if (agents && now() - agents.at < ttl) return agents.value;
      const value = http.get<unknown>(`${ws}/agents`, { operation: 'list_agents' }).then(toAgents);
      const entry = { at: now(), value };
      agents = entry;
      // A failure must not be cached for five minutes.
      value.catch(() => {
        if (agents === entry) agents = undefined;
      });
      return value;
    },

    async lookupCustomer(conversationId) {
      try {
        const data = await http.get<unknown>(conv(conversationId), {
          operation: 'lookup_customer',
          query: { include: 'messages,contact,assignee' },
        });
        const contact = record(record(data)?.contact);
        if (!contact) return undefined;
        const person = { name: str(contact.name), email: str(contact.email) };
        return person.name || person.email ? person : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    async report(since, until) {
      const data = await http.get<unknown>(`${ws}/reports/summary`, {
        operation: 'report',
        query: { since: unix(since), until: unix(until), type: 'account' },
      });
      return toSummary(record(data) ?? {});
    },
  };
}

function toMessage(item: unknown): PlatformMessage[] {
  const m = record(item);
  if (!m || typeof m.content !== 'string') return [];
  return [{ id: str(m.id), content: m.content, messageType: str(m.message_type), private: m.private === true }];
}

function toAgents(data: unknown): PlatformAgent[] {
  if (!Array.isArray(data)) return [];
  const out: PlatformAgent[] = [];
  for (const item of data) {
    const a = record(item);
    const id = str(a?.id);
    if (!a || !id) continue;
    out.push({ id, name: str(a.name), email: str(a.email) });
  }
  return out;
}

/** docs/platforms.md: times in seconds, bot_resolution_rate a fraction (shown as a percentage), csat 0-5. */
function toSummary(d: Record<string, unknown>): PlatformReportSummary {
  const rate = num(d.bot_resolution_rate);
  return {
    conversations: num(d.conversations_count),
    avgFirstResponseSeconds: num(d.avg_first_response_time),
    avgResolutionSeconds: num(d.avg_resolution_time),
    // Some accounts report a percentage; keep the summary a 0..1 fraction either way.
    botResolutionRate: rate !== undefined && rate > 1 ? rate / 100 : rate,
    csat: num(d.csat_survey_score),
  };
}

function unix(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}
