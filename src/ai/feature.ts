// AI triage as a feature: when a card is published for an escalation without triage, queue a
// triage job (once per escalation: the job id is the escalation id). Without OPENAI_API_KEY the
// feature does nothing at all.
import type { Prisma } from '../db/client.js';
import type { Feature } from '../features/index.js';
import { TriageClient } from './triage.js';

export const aiFeature: Feature = {
  name: 'ai',
  setup(c) {
    const cfg = c.config.openai;
    if (!cfg) return;
    const client = new TriageClient(cfg);
    c.cards.onPublished(async (esc) => {
      if (esc.triage || esc.status === 'resolved') return;
      await c.producer.enqueue('escalation.triage', { escalationId: esc.id }, { jobId: `triage-${esc.id}` });
    });
    c.handlers['escalation.triage'] = async ({ escalationId }, { log }) => {
      const esc = await c.db.escalation.findUnique({ where: { id: escalationId } });
      if (!esc || esc.triage) return 'skipped';
      const triage = await client.triage(esc);
      await c.db.escalation.update({ where: { id: escalationId }, data: { triage: triage as unknown as Prisma.InputJsonValue } });
      await c.cards.publish(escalationId, log);
      return triage.category;
    };
  },
};
