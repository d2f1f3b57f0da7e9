// The generic webhook: any chatbot platform that can send the generic escalation shape (docs/platforms.md). There is no
// API behind it, so the card offers no platform actions.
import type { IncomingHttpHeaders } from 'node:http';
import { envelopeObject, stringField } from '../shared/envelope.js';
import { NO_CAPABILITIES, type PlatformAdapter, type WebhookEnvelope } from '../types.js';
import { genericEventType, parseGeneric } from './parse.js';
import { verifyGeneric } from './verify.js';
import type { GenericConfig } from './index.js';

export const DISPLAY_NAME = 'Generic webhook';

export function createGenericAdapter(cfg: Pick<GenericConfig, 'secrets'>): PlatformAdapter {
  return {
    id: 'generic',
    displayName: DISPLAY_NAME,
    capabilities: NO_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyGeneric(cfg.secrets, raw, headers, now),
    envelope(body: unknown): WebhookEnvelope {
      const obj = envelopeObject(body, 'generic webhook');
      return { eventType: genericEventType(obj), deliveryId: genericDeliveryId(obj) };
    },
    parse: (body: unknown) => parseGeneric(body),
    conversationUrl: (_conversationId: string) => undefined,
  };
}

/**
 * An explicit event id when the sender includes one; else the generic guide's idempotency key (docs/platforms.md), event +
 * conversationId + timestamp (all inside the signed body), which survives a retry that
 * re-serializes the JSON differently. Neither: undefined, and the caller hashes the body.
 */
export function genericDeliveryId(body: Record<string, unknown>): string | undefined {
  const explicit = stringField(body, 'id') ?? stringField(body, 'eventId') ?? stringField(body, 'event_id');
  if (explicit) return explicit;
  const data = body.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const conversationId = stringField(d, 'conversationId') ?? stringField(d, 'conversation_id');
  const timestamp = stringField(body, 'timestamp');
  const event = genericEventType(body);
  if (!conversationId || !timestamp || !event) return undefined;
  return `${event}:${conversationId}:${timestamp}`;
}
