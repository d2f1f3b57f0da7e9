// The edge between chat platforms and the platform-neutral domain. An adapter verifies and parses
// one platform's webhooks into PlatformEvents; an optional PlatformApi mirrors actions back.
// Nothing past the queue knows which platform an event came from except through these types.
import type { IncomingHttpHeaders } from 'node:http';
import type { PlatformId } from './list.js';
import type { Priority } from '../vocabulary.js';

export type { PlatformId };

export type { Priority };

export interface Customer {
  name?: string;
  email?: string;
  phone?: string;
  /**
   * false when the platform did not identify the customer: the visitor typed the address (a
   * pre-chat, offline or lead form). The card says "unverified" and VIP is not derived from it.
   */
  emailVerified?: boolean;
  /** The platform's own id for the contact/customer/visitor. */
  platformId?: string;
  /** Free-form attributes the platform sent (plan, total_spent, ...); rules read `plan` and `total_spent`. */
  attributes?: Record<string, unknown>;
}

export interface TranscriptLine {
  author: 'customer' | 'agent' | 'bot' | 'system';
  text: string;
  at?: string;
}

export interface PersonRef {
  id?: string;
  name?: string;
  email?: string;
}

interface EventBase {
  conversationId: string;
  occurredAt: Date;
  /** Deep link to the conversation on the platform, when the payload carries one. */
  conversationUrl?: string;
}

/** The platform (or its bot) asked for a human. */
export interface EscalatedEvent extends EventBase {
  kind: 'escalated';
  customer: Customer;
  lastMessage?: string;
  reason?: string;
  /** Priority the platform itself declared, if any; rules may still raise it. */
  priority?: Priority;
  /** The platform itself flagged the customer as VIP / high value. */
  vip?: boolean;
  transcript?: TranscriptLine[];
  labels?: string[];
}

/** A message in a conversation: rules may escalate it, and a customer message reopens a resolved one. */
export interface MessageEvent extends EventBase {
  kind: 'message';
  customer: Customer;
  author: TranscriptLine['author'];
  text: string;
}

/** A conversation started: rules may escalate it (e.g. VIP customer). */
export interface ConversationStartedEvent extends EventBase {
  kind: 'conversation_started';
  customer: Customer;
  text?: string;
}

/** A customer rated the conversation; at or below the threshold it escalates. */
export interface RatedEvent extends EventBase {
  kind: 'rated';
  customer: Customer;
  /** Normalized to the platform's scale maximum `scale` (e.g. 5). */
  rating: number;
  scale: number;
  comment?: string;
}

/** Assigned on the platform side. */
export interface AssignedEvent extends EventBase {
  kind: 'assigned';
  assignee: PersonRef;
}

/** Resolved/closed on the platform side. */
export interface ResolvedEvent extends EventBase {
  kind: 'resolved';
  resolvedBy?: PersonRef;
  transcript?: TranscriptLine[];
  labels?: string[];
}

/** Contact details arrived for an existing conversation (e.g. a lead form). */
export interface ContactEvent extends EventBase {
  kind: 'contact';
  customer: Customer;
}

export type PlatformEvent =
  | EscalatedEvent
  | MessageEvent
  | ConversationStartedEvent
  | RatedEvent
  | AssignedEvent
  | ResolvedEvent
  | ContactEvent;

export type PlatformEventKind = PlatformEvent['kind'];

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface WebhookEnvelope {
  /** The platform's event name (header or body), e.g. `bot.escalated`. */
  eventType: string;
  /** The platform's delivery/event id, if it sends one; else the caller falls back to a body hash. */
  deliveryId?: string;
}

/** What a platform lets handoff do through its API. The card shows only these controls. */
export interface PlatformCapabilities {
  assign: boolean;
  label: boolean;
  resolve: boolean;
  reopen: boolean;
  note: boolean;
  /** Can send a message to the customer: the card gets a Reply button. */
  send: boolean;
}

export const NO_CAPABILITIES: PlatformCapabilities = {
  assign: false,
  label: false,
  resolve: false,
  reopen: false,
  note: false,
  send: false,
};

export interface PlatformAdapter {
  readonly id: PlatformId;
  readonly displayName: string;
  readonly capabilities: PlatformCapabilities;
  /**
   * Check the signature over the raw bytes, constant time, against each configured secret
   * (comma-separated rotation). Checks a timestamp window where the scheme has one.
   */
  verify(raw: Buffer, headers: IncomingHttpHeaders, now?: Date): VerifyResult;
  /** Event type and delivery id from headers and/or the parsed body. Throws only on non-objects. */
  envelope(body: unknown, headers: IncomingHttpHeaders): WebhookEnvelope;
  /** Pure: payload -> zero or more events. Unknown types give []. Tolerant of missing optional fields. */
  parse(body: unknown, headers: IncomingHttpHeaders): PlatformEvent[];
  /** Link to the conversation for agents (platform dashboard or the payload's own URL). */
  conversationUrl(conversationId: string): string | undefined;
}

/** An agent on the platform side, for matching Slack users by email. */
export interface PlatformAgent {
  id: string;
  name?: string;
  email?: string;
}

/** Mirrors actions into the platform. Methods exist only where capabilities say so. */
export interface PlatformApi {
  assign?(conversationId: string, agentId: string): Promise<void>;
  addLabels?(conversationId: string, labels: string[]): Promise<void>;
  resolve?(conversationId: string): Promise<void>;
  reopen?(conversationId: string): Promise<void>;
  /** A private note visible to agents, never to the customer. */
  note?(conversationId: string, text: string, context?: { customerId?: string }): Promise<SentMessage | undefined>;
  /** A message to the customer (capability `send`). Never retried inside the call: it may have landed. */
  sendMessage?(conversationId: string, text: string): Promise<SentMessage>;
  /** The conversation's latest messages, oldest first: to check whether an uncertain send landed. */
  recentMessages?(conversationId: string): Promise<PlatformMessage[]>;
  listAgents?(): Promise<PlatformAgent[]>;
  /** Email etc. for a customer the webhook referenced only by id (ShopGuide). */
  lookupCustomer?(conversationId: string, platformCustomerId?: string): Promise<{ name?: string; email?: string } | undefined>;
  /** The platform's own summary for the weekly report. */
  report?(since: Date, until: Date): Promise<PlatformReportSummary>;
}

/** What the platform answered to a message handoff sent. */
export interface SentMessage {
  id?: string;
}

export interface PlatformMessage {
  id?: string;
  content: string;
  /** The platform's own type (Oscar: incoming | outgoing | activity). */
  messageType?: string;
  private: boolean;
}

export interface PlatformReportSummary {
  conversations?: number;
  botResolutionRate?: number;
  avgFirstResponseSeconds?: number;
  avgResolutionSeconds?: number;
  csat?: number;
}
