// The card's suggested-label buttons: one click adds that label through the card's own Label
// action (the `slack.action` job, with `addLabels` so labels set meanwhile are kept), so it is
// applied once, audited, mirrored to the platform and shown on the card exactly like a label
// picked in the menu.
import type { App } from '@slack/bolt';
import type { ActionJobData } from '../actions/jobs.js';
import { jobIdFor, requestKeyOf } from '../actions/keys.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queue/producer.js';
import { ActionId, BlockId, escalationIdFromBlockId } from '../slack/ids.js';
import { ephemeral } from '../slack/present/action-texts.js';

const SUGGESTED = new RegExp(`^${ActionId.suggestedLabel}(:\\d+)?$`);

export function registerSuggestedLabelListener(app: App, deps: { producer: Producer; logger: Logger }): void {
  app.action(SUGGESTED, async ({ ack, body, respond }) => {
    await ack();
    const b = body as {
      user?: { id?: string };
      actions?: Array<{ action_id?: string; action_ts?: string; block_id?: string; value?: string }>;
      channel?: { id?: string };
      response_url?: string;
    };
    const a = b.actions?.[0];
    const escalationId = escalationIdFromBlockId(BlockId.aiLabels, a?.block_id);
    const userId = b.user?.id;
    if (!a?.value || !a.action_id || !a.action_ts || !escalationId || !userId) return;
    const job: ActionJobData = {
      action: 'label',
      escalationId,
      userId,
      requestKey: requestKeyOf(a.action_ts, userId, a.action_id),
      addLabels: [a.value],
      ...(b.channel?.id ? { channelId: b.channel.id } : {}),
      ...(b.response_url ? { responseUrl: b.response_url } : {}),
    };
    try {
      await deps.producer.enqueue('slack.action', job, { jobId: jobIdFor('act', job.requestKey) });
    } catch (err) {
      deps.logger.error({ err: (err as Error).message }, 'could not queue a suggested label');
      await respond({ response_type: 'ephemeral', replace_original: false, text: ephemeral.notQueued() }).catch(() => undefined);
    }
  });
}
