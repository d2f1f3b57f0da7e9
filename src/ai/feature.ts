// AI as a feature (OPENAI_API_KEY only; without it nothing here runs and nothing AI shows):
// - triage: when a card is published for an escalation without triage, a triage job is queued
//   (once: the job id is the escalation id), behind the card work and by the card's priority;
//   over the per-minute budget or with the circuit open it is skipped and the card has no AI part;
// - suggested labels: the card's buttons apply one through the Label action (audited, mirrored);
// - drafted replies for the Reply modal (drafts.ts), handed to the conversation feature.
import type { Prisma } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { Feature } from '../features/index.js';
import { AiClient } from './client.js';
import { DraftService } from './drafts.js';
import { AiGuard } from './guard.js';
import { registerSuggestedLabelListener } from './label-listener.js';
import { TriageClient } from './triage.js';

/**
 * BullMQ priority of a triage job in the events queue (lower first; webhook deliveries carry none
 * and run before). The card render it ends with is the card lane's 'cosmetic' (src/slack/card-jobs.ts).
 */
const TRIAGE_PRIORITY: Record<string, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

export const aiFeature: Feature = {
  name: 'ai',
  setup(c) {
    const cfg = c.config.openai;
    if (!cfg) return;
    const guard = new AiGuard(c.producerRedis, {
      prefix: c.config.queuePrefix,
      ...(c.tuning.aiBudgetPerMinute ? { budgetPerMinute: c.tuning.aiBudgetPerMinute } : {}),
      ...(c.tuning.aiCircuitFailures ? { failures: c.tuning.aiCircuitFailures } : {}),
      ...(c.tuning.aiCircuitOpenMs ? { circuitOpenMs: c.tuning.aiCircuitOpenMs } : {}),
    });
    const triage = new TriageClient(cfg, { guard, labels: c.config.labels });
    // A person is waiting on a draft: a short timeout and one quick retry, no queue.
    c.replyDrafts = new DraftService({ db: c.db, ai: new AiClient(cfg, guard, { timeoutMs: 8000, maxRetries: 1 }), logger: c.logger });

    c.cards.onPublished(async (esc) => {
      if (esc.triage || esc.status === 'resolved') return;
      const priority = esc.vip ? 1 : (TRIAGE_PRIORITY[esc.priority] ?? 3);
      await c.producer.enqueue('escalation.triage', { escalationId: esc.id }, { jobId: `triage-${esc.id}`, priority });
    });

    c.handlers['escalation.triage'] = async ({ escalationId }, { job, log }) => {
      const esc = await c.db.escalation.findUnique({ where: { id: escalationId } });
      if (!esc || esc.triage) return 'skipped';
      // Stored, so a re-render or a re-publish never asks again.
      const skip = async (reason: string) => {
        await c.db.escalation.update({ where: { id: escalationId }, data: { triage: { skipped: reason } } });
        return `skipped: ${reason}`;
      };
      if (await guard.circuitOpen()) return skip('circuit open');
      const important = esc.vip || esc.priority === 'urgent' || esc.priority === 'high';
      if (!(await guard.takeTriage(important))) return skip('over budget');
      let result: Awaited<ReturnType<TriageClient['triage']>>;
      try {
        result = await triage.triage(esc);
      } catch (err) {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (err instanceof RetryableError && !last && !(await guard.circuitOpen())) throw err;
        log.warn({ escalationId, err: (err as Error).message }, 'no triage for this escalation');
        return skip('failed');
      }
      await c.db.escalation.update({ where: { id: escalationId }, data: { triage: result as unknown as Prisma.InputJsonValue } });
      // A cosmetic refresh: in a backlog it waits behind clicks and new cards (the card lane).
      await c.cards.request(escalationId, 'cosmetic', log);
      return result.category;
    };
  },
  listeners(app, c) {
    if (!c.config.openai) return;
    registerSuggestedLabelListener(app, { producer: c.producer, logger: c.logger });
  },
};
