// onWebChat payloads -> PlatformEvents. Shapes per docs/platforms.md (onWebChat):
// {"event": "...", "siteid": 1234, "created_at": "<ISO>", chat?, message?, visitor?, offline_message?}.
// onWebChat has no API handoff can call, so everything the card shows comes from these payloads.
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { headerValue } from '../shared/headers.js';
import {
  compact,
  customer,
  firstOf,
  isRecord,
  optEmail,
  optId,
  optInstant,
  optList,
  optNumber,
  optObject,
  optRecord,
  optStringList,
  optText,
} from '../shared/parse.js';
import type { Customer, PersonRef, PlatformEvent, TranscriptLine } from '../types.js';

/** onWebChat ratings are 1-5 stars. */
export const OWC_RATING_SCALE = 5;

const person = optObject({ id: optId, name: optText, email: optEmail });

const visitorSchema = optObject({
  id: optId,
  name: optText,
  email: optEmail,
  phone: optText,
  notes: optText,
  country: optText,
  page_url: optText,
  custom_fields: optRecord,
});

const lineSchema = z.looseObject({
  author: optText,
  name: optText,
  text: z.union([z.string(), z.number()]).transform(String),
  created_at: optText,
});

const chatSchema = optObject({
  id: optId,
  agent: person,
  department: optText,
  transcript: optList(lineSchema),
  labels: optStringList,
  rating: optNumber,
  comment: optText,
  message: optText,
  first_message: optText,
  closed_by: person,
});

const payloadSchema = z.looseObject({
  event: optText,
  siteid: optId,
  created_at: optInstant,
  chat: chatSchema,
  chat_id: optId,
  agent: person,
  visitor: visitorSchema,
  message: optObject({ id: optId, author: optText, text: optText, created_at: optText }),
  offline_message: optObject({
    id: optId,
    name: optText,
    email: optEmail,
    phone: optText,
    message: optText,
    department: optText,
    page_url: optText,
    created_at: optInstant,
  }),
  rating: optNumber,
  comment: optText,
  labels: optStringList,
});

type Payload = z.infer<typeof payloadSchema>;

/** The event name: the signed body's own field first, the unsigned header as a fallback. */
export function owcEventType(body: Record<string, unknown>, headers: IncomingHttpHeaders): string {
  const own = body.event;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  return headerValue(headers, 'X-OWC-Event') ?? '';
}

/** Offline messages have no chat; their conversation id is namespaced so it never meets a chat id. */
export function offlineConversationId(offlineMessageId: string): string {
  return `offline-${offlineMessageId}`;
}

export function parseOnWebChat(body: unknown, headers: IncomingHttpHeaders = {}): PlatformEvent[] {
  if (!isRecord(body)) return [];
  const type = owcEventType(body, headers);
  const p = payloadSchema.parse(body);
  const occurredAt = p.created_at ?? new Date();

  if (type === 'offline_message.created') {
    const om = p.offline_message;
    if (om?.id === undefined) return [];
    return [
      {
        kind: 'escalated',
        conversationId: offlineConversationId(om.id),
        occurredAt: om.created_at ?? occurredAt,
        customer: customer({
          name: firstOf(om.name, p.visitor?.name),
          email: firstOf(om.email, p.visitor?.email),
          // Typed by the visitor (offline form, pre-chat form): onWebChat has no customer accounts.
          emailVerified: false,
          phone: firstOf(om.phone, p.visitor?.phone),
          platformId: p.visitor?.id,
          attributes: { department: om.department, page_url: om.page_url ?? p.visitor?.page_url },
        }),
        ...compact({
          lastMessage: om.message,
          // Nobody was online to take the chat: a person must follow up.
          reason: om.department ? `Offline message (${om.department})` : 'Offline message',
        }),
      },
    ];
  }

  const conversationId = firstOf(p.chat?.id, p.chat_id);
  if (conversationId === undefined) return [];
  const base = { conversationId, occurredAt };

  switch (type) {
    case 'chat.created':
      return [
        {
          ...base,
          kind: 'conversation_started',
          customer: toCustomer(p),
          ...compact({ text: firstOf(p.chat?.first_message, p.chat?.message, p.message?.text) }),
        },
      ];
    case 'message.created': {
      const text = p.message?.text;
      if (text === undefined) return [];
      return [{ ...base, kind: 'message', customer: toCustomer(p), author: authorOf(p.message?.author), text }];
    }
    case 'chat.assigned':
      return [{ ...base, kind: 'assigned', assignee: toPerson(firstOf(p.agent, p.chat?.agent)) }];
    case 'chat.closed': {
      const transcript = p.chat?.transcript?.map(
        (l): TranscriptLine => compact({ author: authorOf(l.author), text: l.text, at: l.created_at }),
      );
      const labels = firstOf(p.chat?.labels, p.labels);
      const closer = firstOf(p.chat?.closed_by, p.agent, p.chat?.agent);
      return [
        {
          ...base,
          kind: 'resolved',
          ...compact({
            resolvedBy: closer ? toPerson(closer) : undefined,
            transcript: transcript && transcript.length > 0 ? transcript : undefined,
            labels: labels && labels.length > 0 ? labels : undefined,
          }),
        },
      ];
    }
    case 'chat.rated': {
      const rating = firstOf(p.chat?.rating, p.rating);
      if (rating === undefined) return [];
      return [
        {
          ...base,
          kind: 'rated',
          customer: toCustomer(p),
          rating,
          scale: OWC_RATING_SCALE,
          ...compact({ comment: firstOf(p.chat?.comment, p.comment) }),
        },
      ];
    }
    case 'visitor.updated':
      // An agent filled in the visitor's details during a chat: the card can now show who it is.
      return [{ ...base, kind: 'contact', customer: toCustomer(p) }];
    default:
      return [];
  }
}

function toCustomer(p: Payload): Customer {
  const v = p.visitor;
  if (!v) return {};
  return customer({
    name: v.name,
    email: v.email,
    emailVerified: false,
    phone: v.phone,
    platformId: v.id,
    attributes: { ...(v.custom_fields ?? {}), country: v.country, page_url: v.page_url, notes: v.notes },
  });
}

function toPerson(p: { id?: string; name?: string; email?: string } | undefined): PersonRef {
  return p ? compact({ id: p.id, name: p.name, email: p.email }) : {};
}

/** onWebChat tags every message with its author: visitor, agent, ai (the chatbot) or trigger. */
export function authorOf(author: string | undefined): TranscriptLine['author'] {
  switch (author?.toLowerCase()) {
    case 'visitor':
      return 'customer';
    case 'agent':
      return 'agent';
    case 'ai':
    case 'bot':
      return 'bot';
    default:
      // 'trigger' (automated greetings) and anything new onWebChat adds.
      return 'system';
  }
}
