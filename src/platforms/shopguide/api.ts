// ShopGuide REST API (docs/platforms.md, from its "API & Webhooks" page): resolve/reopen, tags and notes through
// PUT /conversations/{id}, customer notes, customer lookup and the analytics summary.
// The seed lists endpoints but few bodies; every assumption is marked ASSUMED and kept here.
//   - Auth: `Authorization: Bearer <key>` (its "Common Headers").
//   - Status values: `resolved` closes (the batch example's {"status": "resolved"} and
//     conversation.completed's resolution_status), `active` reopens (the SDK example lists
//     conversations with status 'active').
//   - Tags: PUT is a replace, so adding labels reads the conversation's tags first and sends the
//     union (ASSUMED; sending only the new tags could wipe the ones set on the platform).
//   - Notes: POST /customers/{id}/notes {"note", "conversation_id"} when the customer is known
//     (ASSUMED body), else PUT /conversations/{id} {"notes": "..."} (its "Add notes or tags").
//   - Analytics: GET /analytics/summary?start_date=<ISO>&end_date=<ISO> (ASSUMED names; the documentation
//     only says "Date range filtering").
// No agent API is documented, so there is no assign and no listAgents.
import { asNumber, asRecord, asText, type HttpDeps, type HttpTuning, isNotFound, JsonHttpClient } from '../http.js';
import type { PlatformApi, PlatformReportSummary } from '../types.js';
import type { ShopGuideConfig } from './index.js';

export type ShopGuideApiConfig = Pick<ShopGuideConfig, 'apiKey' | 'apiUrl'>;

export type ShopGuideApiDeps = HttpDeps & HttpTuning;

/** The seed documents limits without numbers; a modest budget well above handoff's needs. */
export const SHOPGUIDE_RATE_BUDGET = { requests: 120, perMs: 60_000 };

export const SHOPGUIDE_STATUS = { resolved: 'resolved', reopened: 'active' } as const;

type Person = { name?: string; email?: string };

export function createShopGuideApi(cfg: ShopGuideApiConfig, deps: ShopGuideApiDeps = {}): PlatformApi {
  const http = new JsonHttpClient({
    platform: 'shopguide',
    displayName: 'ShopGuide',
    baseUrl: cfg.apiUrl,
    headers: { Authorization: `Bearer ${cfg.apiKey}` },
    secrets: [cfg.apiKey],
    ...deps,
    rateLimit: deps.rateLimit ?? SHOPGUIDE_RATE_BUDGET,
  });
  const conv = (id: string) => `/conversations/${encodeURIComponent(id)}`;
  const customer = (id: string) => `/customers/${encodeURIComponent(id)}`;

  const getConversation = async (id: string, operation: string) =>
    asRecord(await http.get<unknown>(conv(id), { operation })) ?? {};

  /** A customer record, or undefined when ShopGuide does not know the id. */
  const getCustomer = async (id: string): Promise<Record<string, unknown> | undefined> => {
    try {
      return asRecord(await http.get<unknown>(customer(id), { operation: 'lookup_customer' }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };

  return {
    async resolve(conversationId) {
      await http.put(conv(conversationId), { operation: 'resolve', body: { status: SHOPGUIDE_STATUS.resolved } });
    },

    async reopen(conversationId) {
      await http.put(conv(conversationId), { operation: 'reopen', body: { status: SHOPGUIDE_STATUS.reopened } });
    },

    async addLabels(conversationId, labels) {
      const wanted = labels.map((l) => l.trim()).filter(Boolean);
      if (!wanted.length) return;
      // Read-modify-write: a tag added on the platform between the two calls could be lost, a
      // smaller risk than replacing every tag with ours.
      const current = tagsOf(await getConversation(conversationId, 'get_tags'));
      const merged = [...current];
      for (const t of wanted) if (!merged.includes(t)) merged.push(t);
      if (merged.length === current.length) return; // already there: nothing to send
      await http.put(conv(conversationId), { operation: 'add_labels', body: { tags: merged } });
    },

    async note(conversationId, text, context) {
      const customerId = context?.customerId ?? customerIdOf(await getConversation(conversationId, 'get_customer_id'));
      if (customerId) {
        await http.post(`${customer(customerId)}/notes`, {
          operation: 'note',
          body: { note: text, conversation_id: conversationId },
        });
        return;
      }
      await http.put(conv(conversationId), { operation: 'note', body: { notes: text } });
    },

    async lookupCustomer(conversationId, platformCustomerId) {
      let found: Person | undefined;
      if (platformCustomerId) {
        found = personOf(await getCustomer(platformCustomerId));
        if (found?.email) return found;
      }
      let conversation: Record<string, unknown>;
      try {
        conversation = await getConversation(conversationId, 'lookup_customer');
      } catch (err) {
        if (isNotFound(err)) return found;
        throw err;
      }
      // The conversation may embed the customer ("Customer information") or only reference it.
      const embedded = personOf(asRecord(conversation.customer));
      if (embedded?.email) return embedded;
      const otherId = customerIdOf(conversation);
      if (otherId && otherId !== platformCustomerId) {
        const referenced = personOf(await getCustomer(otherId));
        if (referenced?.email) return referenced;
      }
      return found ?? embedded;
    },

    async report(since, until) {
      const data = asRecord(
        await http.get<unknown>('/analytics/summary', {
          operation: 'report',
          query: { start_date: since.toISOString(), end_date: until.toISOString() },
        }),
      );
      return toSummary(asRecord(data?.metrics) ?? data ?? {});
    },
  };
}

function tagsOf(conversation: Record<string, unknown>): string[] {
  const tags = conversation.tags;
  if (!Array.isArray(tags)) return [];
  // Tags may come as strings or as {name} objects.
  return tags.map((t) => asText(t) ?? asText(asRecord(t)?.name)).filter((t): t is string => !!t);
}

function customerIdOf(conversation: Record<string, unknown>): string | undefined {
  return asText(conversation.customer_id) ?? asText(asRecord(conversation.customer)?.id);
}

function personOf(c: Record<string, unknown> | undefined): Person | undefined {
  if (!c) return undefined;
  const parts = [asText(c.first_name), asText(c.last_name)].filter(Boolean).join(' ');
  const person: Person = {};
  const name = asText(c.name) ?? asText(c.full_name) ?? (parts || undefined);
  const email = asText(c.email);
  if (name) person.name = name;
  if (email) person.email = email;
  return name || email ? person : undefined;
}

/** Field names vary by account and version in the wild; read the likely ones. Rates become 0..1. */
function toSummary(d: Record<string, unknown>): PlatformReportSummary {
  const pick = (...keys: string[]) => keys.map((k) => asNumber(d[k])).find((v) => v !== undefined);
  const rate = pick('ai_resolution_rate', 'bot_resolution_rate', 'automation_rate', 'resolution_rate');
  const summary: PlatformReportSummary = {
    conversations: pick('total_conversations', 'conversations_count', 'conversations'),
    avgFirstResponseSeconds: pick('avg_first_response_time', 'avg_response_time', 'average_response_time'),
    avgResolutionSeconds: pick('avg_resolution_time', 'avg_duration_seconds', 'average_duration_seconds'),
    botResolutionRate: rate !== undefined && rate > 1 ? rate / 100 : rate,
    csat: pick('satisfaction_score', 'avg_satisfaction_score', 'csat'),
  };
  return summary;
}
