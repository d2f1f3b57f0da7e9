import { describe, expect, it } from 'vitest';
import { noteText } from '../../../src/actions/notes.js';
import { toPerson } from '../../../src/slack/people.js';
import { assignedDm, ephemeral } from '../../../src/slack/present/action-texts.js';

describe('noteText: the private note on the platform conversation', () => {
  const base = { actorName: 'Jane Doe', platformName: 'Oscar Chat' };
  it.each([
    [{ action: 'claim' as const }, 'Claimed in Slack by Jane Doe'],
    [{ action: 'release' as const }, 'Claim released in Slack by Jane Doe'],
    [{ action: 'assign' as const, assigneeName: 'Bob Roe' }, 'Assigned in Slack to Bob Roe by Jane Doe'],
    [{ action: 'assign' as const, assigneeName: 'Jane Doe' }, 'Assigned in Slack to Jane Doe'],
    [{ action: 'label' as const, labels: ['refund', 'vip'] }, 'Labels set in Slack by Jane Doe: refund, vip'],
    [{ action: 'label' as const, labels: [] }, 'Labels set in Slack by Jane Doe: none'],
    [{ action: 'resolve' as const }, 'Resolved in Slack by Jane Doe'],
    [{ action: 'reopen' as const }, 'Reopened in Slack by Jane Doe'],
  ])('%o', (input, expected) => {
    expect(noteText({ ...base, ...input })).toBe(expected);
  });

  it('names the claimer and says why nothing was assigned when no agent matches', () => {
    expect(noteText({ ...base, action: 'claim', agentMissing: true })).toBe(
      'Claimed in Slack by Jane Doe (no Oscar Chat agent matches their Slack account, so it is not assigned here)',
    );
  });
});

describe('Slack texts', () => {
  it('escape platform and customer text, mention only real user ids', () => {
    expect(ephemeral.alreadyClaimed('U0JANE')).toBe('This escalation is already claimed by <@U0JANE>.');
    expect(ephemeral.syncFailed('claim', 'Oscar Chat', 'answered 422: <b>nope</b>', true)).toBe(
      "Couldn't claim on Oscar Chat: answered 422: &lt;b&gt;nope&lt;/b&gt;. The change is kept in handoff and the card shows the sync as failed.",
    );
    expect(assignedDm('U0JANE', 'Maria <!channel>', 'Oscar Chat', 'https://x.slack.com/archives/C1/p1')).toBe(
      '<@U0JANE> assigned you an escalation: <https://x.slack.com/archives/C1/p1|Maria &lt;!channel&gt; (Oscar Chat)>',
    );
  });
});

describe('toPerson: a users.info user as note name and email', () => {
  it('prefers the real name, trims the email, falls back to the id', () => {
    expect(
      toPerson('U1', { name: 'jd', profile: { real_name: 'Jane Doe', display_name: 'jane', email: ' jane@x.example ' } }),
    ).toEqual({
      id: 'U1',
      name: 'Jane Doe',
      email: 'jane@x.example',
    });
    expect(toPerson('U2', { name: 'bob', profile: { real_name: ' ', display_name: 'Bobby' } })).toEqual({
      id: 'U2',
      name: 'Bobby',
    });
    expect(toPerson('U3', undefined)).toEqual({ id: 'U3', name: 'U3' });
  });
});
