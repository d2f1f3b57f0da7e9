// The 'command.escalations' job: read one page of the open queue and answer the /escalations
// command through its response_url. The command itself is acked at once (see listeners.ts).
import type { Job } from 'bullmq';
import type { Container } from '../container.js';
import type { Logger } from '../logger.js';
import type { JobData } from '../queue/catalog.js';
import { escalationsMessage, MESSAGE_ROWS } from './blocks/escalations-list.js';
import { openQueue } from './open-escalations.js';
import { postToResponseUrl } from './respond.js';
import { isLastAttempt } from '../queue/attempts.js';

type EscalationsJobData = JobData<'command.escalations'>;

export const QUEUE_UNREADABLE = ":warning: handoff can't read the escalation queue right now. Please try again in a minute.";

export async function answerEscalations(
  c: Pick<Container, 'db' | 'cards' | 'config'>,
  data: EscalationsJobData,
  job: Pick<Job, 'attemptsMade' | 'opts'>,
  log: Logger,
): Promise<void> {
  const post = (body: Parameters<typeof postToResponseUrl>[1]) =>
    postToResponseUrl(data.responseUrl, body, { slackApiUrl: c.config.slack.apiUrl });
  let page: Awaited<ReturnType<typeof openQueue>>;
  try {
    page = await openQueue(c.db, data.filter, data.userId, MESSAGE_ROWS);
  } catch (err) {
    // Retried once; after that the user is told, never left without an answer.
    if (!isLastAttempt(job)) throw err;
    log.error({ err: (err as Error).message, command: '/escalations' }, 'could not read the queue; telling the user');
    await post({ response_type: 'ephemeral', text: QUEUE_UNREADABLE });
    return;
  }
  const ctx = { now: new Date(), platformName: (p: string) => c.cards.platformName(p) };
  const m = escalationsMessage(page, data.filter, ctx, { showUsage: data.showUsage });
  await post({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
}

export function escalationsJobHandler(c: Pick<Container, 'db' | 'cards' | 'config'>) {
  return (data: EscalationsJobData, ctx: { job: Job; log: Logger }) => answerEscalations(c, data, ctx.job, ctx.log);
}
