// Jobs of the Slack actions feature (claim, release, assign, label, resolve, reopen).
import { z } from 'zod';
import { retrying } from '../queue/options.js';

export const SLACK_ACTIONS = ['claim', 'release', 'assign', 'label', 'resolve', 'reopen'] as const;
export type SlackAction = (typeof SLACK_ACTIONS)[number];

/** A click as queued: what was done, on which escalation, by whom, and where to answer. */
const clickSchema = z.object({
  action: z.enum(SLACK_ACTIONS),
  escalationId: z.string().uuid(),
  userId: z.string(),
  requestKey: z.string(),
  assigneeId: z.string().optional(),
  labels: z.array(z.string()).optional(),
  /**
   * label only, instead of `labels`: labels to add to whatever the escalation has when the job
   * runs (a suggested label's button), so an edit made meanwhile is kept, not overwritten.
   */
  addLabels: z.array(z.string()).optional(),
  /** Where to send ephemeral feedback (the channel the click came from). */
  channelId: z.string().optional(),
  responseUrl: z.string().optional(),
});

export const actionJobs = {
  /**
   * An agent's click, acked by Bolt and queued. `requestKey` identifies the click (action_ts +
   * user + action id) so a Slack retry or a re-queued job has no second effect. Used by the card's
   * buttons and by the `/escalations` list's Claim button alike.
   */
  'slack.action': {
    queue: 'actions',
    schema: clickSchema,
    options: retrying(5),
  },
  /**
   * Mirror one applied Slack action into the chat platform, when the attempt made right after the
   * click did not get through (platform down, rate limited). Retries with backoff; on the last
   * failure the card shows the sync as failed and the clicker is told why. `done` lists the steps
   * (assign, labels, note, resolve, reopen) already made, so a retry doesn't repeat them.
   */
  'platform.sync': {
    queue: 'actions',
    schema: clickSchema.extend({
      /** Labels this action added (only these are sent: the platforms can't remove labels). */
      labels: z.array(z.string()).optional(),
      done: z.array(z.string()).default([]),
    }),
    options: retrying(10),
  },
} as const;

export type ActionJobData = z.infer<(typeof actionJobs)['slack.action']['schema']>;
export type SyncJobData = z.infer<(typeof actionJobs)['platform.sync']['schema']>;
