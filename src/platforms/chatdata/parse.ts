// Chat Data payloads -> PlatformEvents (docs/platforms.md, Chat Data). Payloads are flat: `event`, `conversation_id`,
// `messages` [{role, content}] (history without the AI's latest answer), `lead` {uuid, name,
// email, phone}. They carry no event time, so occurredAt is the time of parsing.
//
// `notification_email` on live-chat-escalation is the address Chat Data notifies (the business),
// not the customer: it is never used as the customer's email.
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { headerValue } from '../shared/headers.js';
import {
  compact,
  customer,
  firstOf,
  isRecord,
  lastCustomerText,
  optEmail,
  optId,
  optInstant,
  optList,
  optObject,
  optText,
  roleToAuthor,
} from '../shared/parse.js';
import type { Customer, PlatformEvent, TranscriptLine } from '../types.js';

const messageSchema = z.looseObject({
  role: optText,
  content: z.union([z.string(), z.number()]).transform(String),
});

const payloadSchema = z.looseObject({
  event: optText,
  conversation_id: optId,
  chatbot_id: optId,
  chatbot_name: optText,
  chatbot_display_name: optText,
  source: optText,
  messages: optList(messageSchema),
  answer: optObject({ role: optText, content: optText }),
  handling_url: optText,
  conversation_start_time: optInstant,
  lead: optObject({ uuid: optId, name: optText, email: optEmail, phone: optText }),
  // user-online / user-offline put the user's details at the top level.
  uuid: optId,
  name: optText,
  email: optEmail,
  phone: optText,
});

type Payload = z.infer<typeof payloadSchema>;

/** The body's own `event` (signed) first, then the `x-chat-data-topic` header. */
export function chatDataEventType(body: Record<string, unknown>, headers: IncomingHttpHeaders): string {
  const own = body.event;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  return headerValue(headers, 'x-chat-data-topic') ?? '';
}

/**
 * A lead submitted outside a known conversation is keyed by its lead uuid; escalations and chats
 * carry the same uuid in customer.platformId, so the two can be matched.
 */
export function leadConversationId(leadUuid: string): string {
  return `lead-${leadUuid}`;
}

export function parseChatData(body: unknown, headers: IncomingHttpHeaders = {}): PlatformEvent[] {
  if (!isRecord(body)) return [];
  const type = chatDataEventType(body, headers);
  const p = payloadSchema.parse(body);
  const occurredAt = new Date();

  switch (type) {
    case 'live-chat-escalation': {
      if (p.conversation_id === undefined) return [];
      const transcript = toTranscript(p);
      const via = firstOf(p.chatbot_display_name, p.chatbot_name);
      return [
        {
          kind: 'escalated',
          conversationId: p.conversation_id,
          occurredAt,
          customer: toCustomer(p),
          // The visitor pressed the live-chat button: they asked for a person.
          reason: via ? `Customer asked for a live agent (${via})` : 'Customer asked for a live agent',
          ...compact({
            conversationUrl: p.handling_url,
            lastMessage: lastCustomerText(transcript),
            transcript: transcript.length > 0 ? transcript : undefined,
          }),
        },
      ];
    }
    case 'chat': {
      if (p.conversation_id === undefined) return [];
      // The newest customer message is what rules look at; the AI's answer follows it as the
      // bot's message (shown in an escalated conversation's thread, never escalating by itself).
      const text = lastCustomerText(toTranscript(p));
      if (text === undefined) return [];
      const base = { kind: 'message', conversationId: p.conversation_id, occurredAt, customer: toCustomer(p) } as const;
      const answer = p.answer?.content?.trim() ? p.answer.content : undefined;
      return [{ ...base, author: 'customer', text }, ...(answer ? [{ ...base, author: 'bot' as const, text: answer }] : [])];
    }
    case 'lead-submission': {
      const conversationId = firstOf(p.conversation_id, p.lead?.uuid ? leadConversationId(p.lead.uuid) : undefined);
      if (conversationId === undefined) return [];
      return [{ kind: 'contact', conversationId, occurredAt, customer: toCustomer(p) }];
    }
    default:
      // user-online / user-offline: presence, nothing for an agent to do.
      return [];
  }
}

function toTranscript(p: Payload): TranscriptLine[] {
  return (p.messages ?? [])
    .filter((m) => m.content.trim() !== '')
    .map((m) => ({ author: roleToAuthor(m.role), text: m.content }));
}

function toCustomer(p: Payload): Customer {
  return customer({
    name: firstOf(p.lead?.name, p.name),
    email: firstOf(p.lead?.email, p.email),
    // A lead form filled in by the visitor: unverified.
    emailVerified: false,
    phone: firstOf(p.lead?.phone, p.phone),
    platformId: firstOf(p.lead?.uuid, p.uuid),
    attributes: { source: p.source },
  });
}
