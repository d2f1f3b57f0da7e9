// Asking for a card render: one pending render per escalation (BullMQ deduplication), at the
// priority of the most urgent reason anyone asked for it.
import { Job } from 'bullmq';
import type { Producer } from '../queue/producer.js';
import { CARD_LANE, type CardLane } from './card-jobs.js';

export class CardRenders {
  constructor(private readonly producer: Producer) {}

  async request(escalationId: string, lane: CardLane): Promise<void> {
    const priority = CARD_LANE[lane];
    const jobId = await this.producer.enqueue(
      'card.render',
      { escalationId },
      {
        priority,
        // Pending renders of one card collapse into one; a request while one is running is kept
        // (latest only) and runs right after it, so the last state always reaches Slack.
        deduplication: { id: `card-${escalationId}`, keepLastIfActive: true },
      },
    );
    if (!jobId || lane === 'cosmetic') return;
    // Deduplicated into a render that waits at a lower priority (say, a cosmetic refresh when an
    // agent then clicks): move it up.
    const job = await Job.fromId(this.producer.queues.slack, jobId);
    if (job && job.priority > priority && ['prioritized', 'waiting'].includes(await job.getState())) {
      await job.changePriority({ priority });
    }
  }
}
