// ShopGuide payloads -> PlatformEvents. Every event is {"event", "timestamp", "data": {...}} (seed
// 002). Events carry `customer_id` but no email: it goes into customer.platformId and the worker
// looks the customer up through ShopGuide's API (PlatformApi.lookupCustomer).
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
  optNumber,
  optObject,
  optStringList,
  optText,
  toPriority,
} from '../shared/parse.js';
import type { Customer, PlatformEvent } from '../types.js';

/** ShopGuide's satisfaction ratings are out of 5 (its sample shows 5 and a 4.5 score). */
export const SHOPGUIDE_RATING_SCALE = 5;

const payloadSchema = z.looseObject({
  event: optText,
  timestamp: optInstant,
  data: z
    .looseObject({
      conversation_id: optId,
      customer_id: optId,
      // Not in ShopGuide's samples, but accepted if a delivery includes them.
      customer: optObject({ id: optId, name: optText, email: optEmail, phone: optText }),
      customer_email: optEmail,
      customer_name: optText,
      escalation_reason: optText,
      agent_required: optBool,
      priority: optText,
      cart_value: optNumber,
      purchase_intent: optText,
      recommended_action: optText,
      rating: optNumber,
      feedback_text: optText,
      nps_score: optNumber,
      initial_message: optText,
      page_url: optText,
      device_type: optText,
      resolution_status: optText,
      satisfaction_score: optNumber,
      tags: optStringList,
    })
    .catch({}),
});

type Data = z.infer<typeof payloadSchema>['data'];

export function shopGuideEventType(body: Record<string, unknown>): string {
  const e = body.event;
  return typeof e === 'string' ? e.trim() : '';
}

export function parseShopGuide(body: unknown): PlatformEvent[] {
  if (!isRecord(body)) return [];
  const p = payloadSchema.parse(body);
  const d = p.data;
  const conversationId = d.conversation_id;
  if (conversationId === undefined) return [];
  const base = { conversationId, occurredAt: p.timestamp ?? new Date() };

  switch (p.event) {
    case 'conversation.escalated':
      return [
        {
          ...base,
          kind: 'escalated',
          customer: toCustomer(d),
          ...compact({ reason: d.escalation_reason, priority: toPriority(d.priority) }),
        },
      ];
    case 'customer.high_value_interaction':
      return [
        {
          ...base,
          kind: 'escalated',
          customer: toCustomer(d, { cart_value: d.cart_value, purchase_intent: d.purchase_intent }),
          vip: true,
          reason: highValueReason(d),
          ...compact({ priority: d.purchase_intent?.toLowerCase() === 'high' ? ('high' as const) : undefined }),
        },
      ];
    case 'customer.satisfaction_feedback': {
      if (d.rating === undefined) return [];
      return [
        {
          ...base,
          kind: 'rated',
          customer: toCustomer(d, { nps_score: d.nps_score }),
          rating: d.rating,
          scale: SHOPGUIDE_RATING_SCALE,
          ...compact({ comment: d.feedback_text }),
        },
      ];
    }
    case 'conversation.completed':
      return [{ ...base, kind: 'resolved', ...compact({ labels: d.tags && d.tags.length > 0 ? d.tags : undefined }) }];
    case 'conversation.started':
      return [
        {
          ...base,
          kind: 'conversation_started',
          customer: toCustomer(d, { page_url: d.page_url, device_type: d.device_type }),
          ...compact({ text: d.initial_message }),
        },
      ];
    default:
      return [];
  }
}

function toCustomer(d: Data, attributes: Record<string, unknown> = {}): Customer {
  return customer({
    name: firstOf(d.customer?.name, d.customer_name),
    email: firstOf(d.customer?.email, d.customer_email),
    phone: d.customer?.phone,
    platformId: firstOf(d.customer_id, d.customer?.id),
    attributes,
  });
}

// "High-value interaction: cart 299.99, purchase intent high (priority_follow_up)"
function highValueReason(d: Data): string {
  const parts: string[] = [];
  if (d.cart_value !== undefined) parts.push(`cart ${d.cart_value.toFixed(2)}`);
  if (d.purchase_intent) parts.push(`purchase intent ${d.purchase_intent}`);
  let reason = 'High-value interaction';
  if (parts.length > 0) reason += `: ${parts.join(', ')}`;
  if (d.recommended_action) reason += ` (${d.recommended_action})`;
  return reason;
}
