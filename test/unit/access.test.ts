import { describe, expect, it } from 'vitest';
import { attemptIn } from '../../src/access/middleware.js';
import { attemptOf, refusalText } from '../../src/access/refusal.js';
import { ActionId } from '../../src/slack/ids.js';

describe('attemptIn: who asks for what', () => {
  it('reads a button click, a slash command, a modal and the Home tab', () => {
    expect(
      attemptIn({ type: 'block_actions', user: { id: 'U1', team_id: 'T1' }, actions: [{ action_id: ActionId.claim }] }),
    ).toMatchObject({ kind: 'action', userId: 'U1', teamId: 'T1', id: ActionId.claim });
    expect(attemptIn({ command: '/order', user_id: 'U2', team_id: 'T2' })).toMatchObject({ kind: 'command', userId: 'U2', teamId: 'T2', id: '/order' });
    expect(attemptIn({ type: 'view_submission', user: { id: 'U3' }, team: { id: 'T3' } })).toMatchObject({ kind: 'view', teamId: 'T3' });
    expect(attemptIn({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U4' } })).toMatchObject({ kind: 'home', userId: 'U4' });
  });

  it("lets through events that are nobody's action", () => {
    expect(attemptIn({ type: 'event_callback', event: { type: 'member_joined_channel', user: 'U5' } })).toBeUndefined();
    expect(attemptIn({ type: 'event_callback', event: { type: 'message', subtype: 'bot_message' } })).toBeUndefined();
  });
});

describe('refusal text', () => {
  it('names who may act and what was tried', () => {
    expect(refusalText('members of #escalations', attemptOf('action', ActionId.claim))).toBe(
      ':no_entry: Only members of #escalations can claim escalations.',
    );
    expect(refusalText('members of <!subteam^S1>', attemptOf('command', '/order'))).toContain('can look up orders');
    expect(refusalText('members of #escalations', attemptOf('action', ActionId.label), true)).toContain('another workspace');
  });
});
