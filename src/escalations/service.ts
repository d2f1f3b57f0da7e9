// The escalation domain: turns platform-neutral events into stored escalation state and says what
// happened as an EscalationOutcome. It never sees a platform's payload, only PlatformEvents, and
// never talks to Slack: src/slack/present/escalation.ts shows the outcome.
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { PlatformEvent, PlatformId } from '../platforms/types.js';
import { onAssigned, onContact, onMessage, onResolved } from './changes.js';
import type { Enricher } from './enrich.js';
import { type CustomerDirectory, escalate } from './escalate.js';
import { appliedBefore, type EscalationOutcome } from './outcomes.js';
import { isLowRating, isVip, type RuleConfig } from './rules.js';

export type { CustomerDirectory, EscalationOutcome };

export interface EscalationServiceDeps {
  db: Db;
  enricher: Enricher;
  rules: RuleConfig;
  directory?: CustomerDirectory;
}

export class EscalationService {
  constructor(private readonly deps: EscalationServiceDeps) {}

  /**
   * Apply one platform event. `eventKey` names it (delivery id + position): the state change and
   * its audit row are written together under that key, so a retried job (say, after Slack failed)
   * does not apply the change twice; it gets the first run's outcome back, to finish the Slack side.
   */
  async handle(platform: PlatformId, event: PlatformEvent, log: Logger, eventKey?: string): Promise<EscalationOutcome> {
    const { deps } = this;
    const key = eventKey ? `event:${eventKey}` : undefined;
    const replayed = key ? await appliedBefore(deps.db, platform, key, log) : undefined;
    if (replayed) return replayed;
    switch (event.kind) {
      case 'escalated':
        return escalate(deps, platform, { ...event, declaredPriority: event.priority, platformVip: event.vip }, log, key);
      case 'message':
        return onMessage(deps, platform, event, log, key);
      case 'conversation_started': {
        // A conversation alone escalates only for a VIP (by the platform's own attributes).
        if (!isVip(event.customer, undefined, deps.rules)) return { kind: 'none' };
        return escalate(deps, platform, { ...event, lastMessage: event.text, reason: 'VIP customer started a conversation' }, log, key);
      }
      case 'rated': {
        if (!isLowRating(event.rating, event.scale, deps.rules)) return { kind: 'none' };
        const reason = `Low rating: ${event.rating}/${event.scale}`;
        return escalate(deps, platform, { ...event, lastMessage: event.comment, reason, declaredPriority: 'high' }, log, key);
      }
      case 'assigned':
        return onAssigned(deps, platform, event, key);
      case 'resolved':
        return onResolved(deps, platform, event, key);
      case 'contact':
        return onContact(deps, platform, event, log);
    }
  }
}
