// The generic escalation shape (docs/platforms.md, Generic webhook):
// {"event": "conversation.escalated", "timestamp": "<ISO>", "data": {conversationId, customerId,
//  customerEmail, customerName?, messages: [{role, content}], metadata: {agentConfidence,
//  escalationReason, detectedIntent, sessionDurationSeconds}}}.
// Senders vary, so snake_case spellings and a nested `customer` object are accepted too.
import { z } from 'zod';
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
  optNumber,
  optObject,
  optRecord,
  optText,
  roleToAuthor,
  toPriority,
} from '../shared/parse.js';
import type { EscalatedEvent, PlatformEvent, Priority, TranscriptLine } from '../types.js';

/** Below this bot confidence the escalation is treated as high priority (the guide's own cut-off, docs/platforms.md). */
export const LOW_CONFIDENCE = 0.3;

const dataSchema = z.looseObject({
  conversationId: optId,
  conversation_id: optId,
  customerId: optId,
  customer_id: optId,
  customerEmail: optEmail,
  customer_email: optEmail,
  customerName: optText,
  customer_name: optText,
  customerPhone: optText,
  customer: optObject({ id: optId, name: optText, email: optEmail, phone: optText, attributes: optRecord }),
  messages: optList(
    z.looseObject({
      role: optText,
      content: z.union([z.string(), z.number()]).transform(String),
      timestamp: optText,
    }),
  ),
  priority: optText,
  conversationUrl: optText,
  url: optText,
  metadata: optObject({
    agentConfidence: optNumber,
    escalationReason: optText,
    detectedIntent: optText,
    sessionDurationSeconds: optNumber,
  }),
});

const payloadSchema = z.looseObject({
  event: optText,
  type: optText,
  timestamp: optInstant,
  data: dataSchema.catch({}),
});

type Data = z.infer<typeof dataSchema>;

export function genericEventType(body: Record<string, unknown>): string {
  for (const key of ['event', 'type']) {
    const v = body[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return '';
}

export function parseGeneric(body: unknown): PlatformEvent[] {
  if (!isRecord(body)) return [];
  if (genericEventType(body) !== 'conversation.escalated') return [];
  const p = payloadSchema.parse(body);
  const d = p.data;
  const conversationId = firstOf(d.conversationId, d.conversation_id);
  if (conversationId === undefined) return [];

  const transcript: TranscriptLine[] = (d.messages ?? [])
    .filter((m) => m.content.trim() !== '')
    .map((m) => compact({ author: roleToAuthor(m.role), text: m.content, at: m.timestamp }));
  const meta = d.metadata;
  const lowConfidence = meta?.agentConfidence !== undefined && meta.agentConfidence < LOW_CONFIDENCE;
  const labels = [meta?.detectedIntent, lowConfidence ? 'low-confidence' : undefined].filter((l): l is string => l !== undefined);

  const event: EscalatedEvent = {
    kind: 'escalated',
    conversationId,
    occurredAt: p.timestamp ?? new Date(),
    customer: customer({
      name: firstOf(d.customerName, d.customer_name, d.customer?.name),
      email: firstOf(d.customerEmail, d.customer_email, d.customer?.email),
      phone: firstOf(d.customerPhone, d.customer?.phone),
      platformId: firstOf(d.customerId, d.customer_id, d.customer?.id),
      attributes: d.customer?.attributes,
    }),
    ...compact({
      conversationUrl: firstOf(d.conversationUrl, d.url),
      lastMessage: lastCustomerText(transcript),
      // Kept as the sender's code (e.g. customer_requested) so reports group by it.
      reason: firstOf(meta?.escalationReason, meta?.detectedIntent),
      priority: priorityOf(d, lowConfidence),
      transcript: transcript.length > 0 ? transcript : undefined,
      labels: labels.length > 0 ? labels : undefined,
    }),
  };
  return [event];
}

// A priority the sender states wins; otherwise the guide's rule of thumb (docs/platforms.md): a frustrated customer or
// a bot that was unsure of itself needs a person soon. Nothing said: the rules decide.
function priorityOf(d: Data, lowConfidence: boolean): Priority | undefined {
  const stated = toPriority(d.priority);
  if (stated) return stated;
  if (lowConfidence || d.metadata?.escalationReason === 'customer_frustrated') return 'high';
  return undefined;
}
