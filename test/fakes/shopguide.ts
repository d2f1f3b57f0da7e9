// A stateful fake of the ShopGuide REST API endpoints handoff uses, with the behaviour
// src/platforms/shopguide/api.ts assumes: Bearer auth, `{data: ...}` envelopes,
// `{"error": {"code", "message"}}` errors (the seed's format), PUT replacing tags, notes appended.
import { type FakeReply, type FakeRequest, type JsonFake, reply, startJsonFake } from './oscar.js';

export interface ShopGuideFakeCustomer {
  id: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  notes: Array<{ id: string; note: string; conversation_id?: string }>;
}

export interface ShopGuideFakeConversation {
  id: string;
  customer_id?: string;
  status: string;
  tags: string[];
  /** Notes sent through PUT {"notes": "..."}; each PUT appends one. */
  notes: string[];
}

export interface ShopGuideFake extends JsonFake {
  conversations: Map<string, ShopGuideFakeConversation>;
  customers: Map<string, ShopGuideFakeCustomer>;
  /** What analytics/summary answers (inside `data`). */
  analytics: Record<string, unknown>;
  /** GET /conversations/{id} embeds the customer's name and email (default true). */
  embedCustomer: boolean;
  conversation(id: string, fields?: Partial<Omit<ShopGuideFakeConversation, 'id'>>): ShopGuideFakeConversation;
  customer(id: string, fields?: Partial<Omit<ShopGuideFakeCustomer, 'id'>>): ShopGuideFakeCustomer;
}

export const DEFAULT_SHOPGUIDE_ANALYTICS = {
  total_conversations: 128,
  avg_response_time: 2.4,
  avg_resolution_time: 540,
  ai_resolution_rate: 81.5,
  satisfaction_score: 4.5,
};

const STATUSES = new Set(['active', 'pending', 'resolved', 'closed']);

export async function startShopGuideFake(opts: { apiKey: string }): Promise<ShopGuideFake> {
  const error = (code: string, message: string) => ({ error: { code, message } });
  const fail = (status: number, code: string, message: string): FakeReply => ({ status, body: error(code, message) });
  let nextNote = 1;
  // Assigned once the harness is up; routes only run after that.
  let state: ShopGuideFake;

  const route = (req: FakeRequest): FakeReply => {
    const [root, id, sub, ...rest] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const body = (req.body ?? {}) as Record<string, unknown>;

    if (root === 'analytics' && id === 'summary' && !sub && req.method === 'GET') {
      const { start_date, end_date } = req.query;
      if (!start_date || !end_date || Number.isNaN(Date.parse(start_date)) || Number.isNaN(Date.parse(end_date))) {
        return fail(400, 'INVALID_REQUEST', 'start_date and end_date are required dates');
      }
      return reply.ok({ ...state.analytics, start_date, end_date });
    }

    if (root === 'customers' && id && !rest.length) {
      const customer = state.customers.get(id);
      if (!customer) return fail(404, 'NOT_FOUND', `Customer ${id} not found`);
      customer.notes ??= [];
      if (req.method === 'GET' && !sub) {
        const { notes: _notes, ...fields } = customer;
        return reply.ok(fields);
      }
      if (req.method === 'POST' && sub === 'notes') {
        if (typeof body.note !== 'string' || !body.note) return fail(422, 'INVALID_REQUEST', 'note is required');
        const note = {
          id: `note_${nextNote++}`,
          note: body.note,
          ...(typeof body.conversation_id === 'string' ? { conversation_id: body.conversation_id } : {}),
        };
        customer.notes.push(note);
        return reply.ok(note, 201);
      }
      return fail(404, 'NOT_FOUND', 'No such route');
    }

    if (root === 'conversations' && id && !sub) {
      const c = state.conversations.get(id);
      if (!c) return fail(404, 'NOT_FOUND', `Conversation ${id} not found`);
      c.tags ??= [];
      c.notes ??= [];
      c.status ??= 'active';
      if (req.method === 'GET') return reply.ok(view(c));
      if (req.method === 'PUT') {
        if (body.status !== undefined) {
          if (typeof body.status !== 'string' || !STATUSES.has(body.status)) {
            return fail(422, 'INVALID_REQUEST', 'status must be one of active, pending, resolved, closed');
          }
        }
        if (body.tags !== undefined && (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string'))) {
          return fail(422, 'INVALID_REQUEST', 'tags must be an array of strings');
        }
        if (body.notes !== undefined && typeof body.notes !== 'string') {
          return fail(422, 'INVALID_REQUEST', 'notes must be a string');
        }
        if (typeof body.status === 'string') c.status = body.status;
        if (Array.isArray(body.tags)) c.tags = [...(body.tags as string[])]; // PUT replaces the tag set
        if (typeof body.notes === 'string') c.notes.push(body.notes);
        return reply.ok(view(c));
      }
    }
    return fail(404, 'NOT_FOUND', 'No such route');
  };

  const view = (c: ShopGuideFakeConversation) => {
    const customer = c.customer_id ? state.customers.get(c.customer_id) : undefined;
    return {
      id: c.id,
      customer_id: c.customer_id ?? null,
      status: c.status,
      tags: c.tags,
      notes: c.notes,
      ...(state.embedCustomer && customer ? { customer: { id: customer.id, name: customer.name, email: customer.email } } : {}),
    };
  };

  const harness = await startJsonFake({ apiKey: opts.apiKey, errorBody: error, route });
  state = Object.assign(harness, {
    conversations: new Map<string, ShopGuideFakeConversation>(),
    customers: new Map<string, ShopGuideFakeCustomer>(),
    analytics: { ...DEFAULT_SHOPGUIDE_ANALYTICS } as Record<string, unknown>,
    embedCustomer: true,
    conversation(id: string, fields: Partial<Omit<ShopGuideFakeConversation, 'id'>> = {}) {
      const c = { status: 'active', tags: [], notes: [], ...state.conversations.get(id), ...fields, id };
      state.conversations.set(id, c);
      return c;
    },
    customer(id: string, fields: Partial<Omit<ShopGuideFakeCustomer, 'id'>> = {}) {
      const c = { notes: [], ...state.customers.get(id), ...fields, id };
      state.customers.set(id, c);
      return c;
    },
  });
  return state;
}
