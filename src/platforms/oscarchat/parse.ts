// Oscar Chat payloads -> PlatformEvents. Envelope per docs/platforms.md:
// {"id": "evt_...", "type": "...", "created_at": "<ISO>", "workspace_id": "...", "data": {...}}.
// Only `data.conversation_id` is required; everything else is optional.
import { z } from 'zod';
import {
  compact,
  customer,
  firstOf,
  isRecord,
  optBool,
  optEmail,
  optId,
  optInstant,
  optObject,
  optRecord,
  optText,
  toPriority,
} from '../shared/parse.js';
import type { Customer, PersonRef, PlatformEvent, TranscriptLine } from '../types.js';

const person = optObject({ id: optId, name: optText, email: optEmail });

const contact = optObject({
  id: optId,
  name: optText,
  email: optEmail,
  phone: optText,
  phone_number: optText,
  custom_attributes: optRecord,
  additional_attributes: optRecord,
});

// last_message is a string in Oscar's documentation; some Oscar payloads nest messages as objects.
const messageLike = z
  .union([z.string(), z.looseObject({ content: optText, message_type: optText, private: optBool, sender_type: optText })])
  .optional()
  .catch(undefined);

const envelopeSchema = z.looseObject({
  id: optId,
  type: optText,
  event: optText,
  created_at: optInstant,
  data: z.looseObject({}).catch({}),
});

const dataSchema = z.looseObject({
  conversation_id: optId,
  conversation: optObject({ id: optId }),
  contact,
  last_message: messageLike,
  message: messageLike,
  reason: optText,
  priority: optText,
  assignee: person,
  resolved_by: person,
  resolved_at: optInstant,
});

type OscarData = z.infer<typeof dataSchema>;

export function parseOscar(body: unknown): PlatformEvent[] {
  if (!isRecord(body)) return [];
  const env = envelopeSchema.parse(body);
  const type = env.type ?? env.event ?? '';
  if (!HANDLED.has(type)) return [];

  const data = dataSchema.parse(env.data);
  const conversationId = firstOf(data.conversation_id, data.conversation?.id);
  if (conversationId === undefined) return [];
  const base = { conversationId, occurredAt: env.created_at ?? new Date() };

  switch (type) {
    case 'bot.escalated':
      return [
        {
          ...base,
          kind: 'escalated',
          customer: toCustomer(data),
          ...compact({
            lastMessage: textOf(data.last_message),
            reason: data.reason,
            priority: toPriority(data.priority),
          }),
        },
      ];
    case 'message.created': {
      const text = textOf(data.message);
      if (text === undefined) return [];
      return [{ ...base, kind: 'message', customer: toCustomer(data), author: authorOf(data.message), text }];
    }
    case 'conversation.created':
      return [
        {
          ...base,
          kind: 'conversation_started',
          customer: toCustomer(data),
          ...compact({ text: firstOf(textOf(data.message), textOf(data.last_message)) }),
        },
      ];
    case 'conversation.assigned':
      return [{ ...base, kind: 'assigned', assignee: toPerson(data.assignee) }];
    case 'conversation.resolved':
      return [
        {
          ...base,
          occurredAt: data.resolved_at ?? base.occurredAt,
          kind: 'resolved',
          ...compact({ resolvedBy: data.resolved_by ? toPerson(data.resolved_by) : undefined }),
        },
      ];
    default:
      return [];
  }
}

const HANDLED = new Set([
  'bot.escalated',
  'message.created',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
]);

function toCustomer(data: OscarData): Customer {
  const c = data.contact;
  if (!c) return {};
  const attrs = { ...(c.additional_attributes ?? {}), ...(c.custom_attributes ?? {}) };
  // An email captured as a custom attribute (e.g. from a pre-chat form) is what the visitor typed:
  // used, but unverified.
  const attrEmail = optEmail.parse(attrs.email);
  return customer({
    name: c.name,
    email: firstOf(c.email, attrEmail),
    emailVerified: c.email ? undefined : false,
    phone: firstOf(c.phone, c.phone_number),
    platformId: c.id,
    attributes: Object.keys(attrs).length > 0 ? attrs : undefined,
  });
}

function toPerson(p: { id?: string; name?: string; email?: string } | undefined): PersonRef {
  return p ? compact({ id: p.id, name: p.name, email: p.email }) : {};
}

function textOf(m: z.infer<typeof messageLike>): string | undefined {
  if (m === undefined) return undefined;
  const t = typeof m === 'string' ? m : m.content;
  return t !== undefined && t.trim() !== '' ? t : undefined;
}

// Oscar's message_type: incoming = the contact, outgoing = an agent (or the bot when the sender
// says so), activity = system notes; private messages are internal notes whoever wrote them.
function authorOf(m: z.infer<typeof messageLike>): TranscriptLine['author'] {
  if (m === undefined || typeof m === 'string') return 'customer';
  if (m.private) return 'system';
  const sender = m.sender_type?.toLowerCase();
  switch (m.message_type?.toLowerCase()) {
    case 'incoming':
      return 'customer';
    case 'outgoing':
      return sender === 'bot' || sender === 'agent_bot' ? 'bot' : 'agent';
    case 'template':
      return 'bot';
    case 'activity':
      return 'system';
    default:
      return sender === 'contact' || sender === undefined ? 'customer' : sender.includes('bot') ? 'bot' : 'agent';
  }
}
