import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobIdFor, requestKeyOf } from '../../../src/actions/keys.js';
import { toActionJob } from '../../../src/slack/clicks.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../../../src/slack/ids.js';
import { contractPath } from '../../helpers/contracts.js';
import { blockActionPayload } from '../../helpers/slack-requests.js';

const ID = '3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const blockId = blockIdWithEscalation(BlockId.actions, ID);

function payload(action: Record<string, unknown> & { action_id: string }) {
  return blockActionPayload({
    userId: 'U0JANE',
    channel: 'C0ESCALATE',
    messageTs: '1700000000.000100',
    action,
    responseUrl: 'https://hooks.slack.com/actions/T/1/x',
  });
}

describe('toActionJob', () => {
  it('reads a button: escalation id from the value, the click identity from action_ts', () => {
    const body = payload({ action_id: ActionId.claim, value: ID, action_ts: '1700000001.123456' });
    expect(toActionJob('claim', body)).toEqual({
      action: 'claim',
      escalationId: ID,
      userId: 'U0JANE',
      requestKey: `1700000001.123456:U0JANE:${ActionId.claim}`,
      channelId: 'C0ESCALATE',
      responseUrl: 'https://hooks.slack.com/actions/T/1/x',
    });
  });

  it('reads the users_select: escalation id from the block_id, the picked user as assignee', () => {
    const body = payload({ action_id: ActionId.assign, type: 'users_select', block_id: blockId, selected_user: 'U0BOB' });
    expect(toActionJob('assign', body)).toMatchObject({ escalationId: ID, assigneeId: 'U0BOB' });
  });

  it('reads the labels multi-select, including an empty selection', () => {
    const opt = (v: string) => ({ text: { type: 'plain_text', text: v }, value: v });
    const body = payload({
      action_id: ActionId.label,
      type: 'multi_static_select',
      block_id: blockId,
      selected_options: [opt('refund'), opt('vip')],
    });
    expect(toActionJob('label', body)?.labels).toEqual(['refund', 'vip']);
    const none = payload({ action_id: ActionId.label, type: 'multi_static_select', block_id: blockId, selected_options: [] });
    expect(toActionJob('label', none)?.labels).toEqual([]);
  });

  it('ignores payloads that do not name an escalation, or a cleared user picker', () => {
    expect(toActionJob('claim', payload({ action_id: ActionId.claim, value: 'not-a-uuid' }))).toBeUndefined();
    expect(toActionJob('claim', payload({ action_id: ActionId.claim, block_id: 'actions' }))).toBeUndefined();
    expect(
      toActionJob('assign', payload({ action_id: ActionId.assign, type: 'users_select', block_id: blockId })),
    ).toBeUndefined();
    expect(toActionJob('claim', { type: 'block_actions' })).toBeUndefined();
    expect(toActionJob('claim', null)).toBeUndefined();
  });

  it("reads Slack's own block_actions fixture shape (channel from container when channel is absent)", () => {
    const fixture = JSON.parse(readFileSync(contractPath('slack/fixtures/bolt-python/test_block_actions.json'), 'utf8')) as {
      body: Record<string, unknown> & { actions: Array<Record<string, unknown>> };
    };
    const body = {
      ...fixture.body,
      channel: undefined,
      actions: [{ ...fixture.body.actions[0], action_id: ActionId.resolve, value: ID }],
    };
    expect(toActionJob('resolve', body)).toMatchObject({
      escalationId: ID,
      userId: 'W111',
      channelId: 'C111',
      requestKey: `1596530385.194939:W111:${ActionId.resolve}`,
    });
  });
});

describe('job ids', () => {
  it('are stable per click, distinct per click and free of ":" (BullMQ rejects it)', () => {
    const a = requestKeyOf('1.1', 'U1', ActionId.claim);
    const b = requestKeyOf('1.2', 'U1', ActionId.claim);
    expect(jobIdFor('act', a)).toBe(jobIdFor('act', a));
    expect(jobIdFor('act', a)).not.toBe(jobIdFor('act', b));
    expect(jobIdFor('act', a)).not.toBe(jobIdFor('sync', a));
    expect(jobIdFor('act', a)).not.toContain(':');
  });
});
