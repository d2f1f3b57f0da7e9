// Assign, label, resolve/reopen and release from the card: the right Oscar Chat call, one
// chat.update per action, a thread line, an audit row, and the assignee's DM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { eventually } from '../helpers/harness.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

let k: Kit;

beforeAll(async () => {
  k = await startKit();
});

afterAll(async () => {
  await k?.stop();
});

const notes = (esc: Parameters<Kit['oscarCalls']>[0]) =>
  k.oscarCalls(esc, 'messages').map((c) => (c.body as { content: string }).content);

describe('assign', () => {
  it('assigns the picked user on Oscar, claims for them if unclaimed, and DMs them a link to the card', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'assign', { assignee: USERS.bob.id });
    await eventually(() => k.updates(esc) === 1 && k.thread(esc).length === 1 && notes(esc).length === 1);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_bob' }]);
    expect(notes(esc)).toEqual(['Assigned in Slack to Bob Roe by Jane Doe']);

    const text = k.cardText(esc);
    expect(text).toContain('Assigned to <@U0BOB>');
    expect(text).toContain('Claimed by <@U0BOB>'); // assigning an unclaimed escalation claims it for the assignee
    expect(k.thread(esc)[0]).toContain('<@U0JANE> assigned this to <@U0BOB>');

    const dm = await eventually(() => k.h.slack.messages.find((m) => m.channel === 'D0BOB'));
    expect(dm.text).toContain('<@U0JANE> assigned you an escalation');
    expect(dm.text).toContain(`https://fake-workspace.slack.com/archives/C0ESCALATE/p${esc.slackTs?.replace('.', '')}`);
    expect(await k.row(esc)).toMatchObject({ assigneeSlackId: 'U0BOB', claimedBySlackId: 'U0BOB', platformAgentId: 'ag_bob' });
  });

  it('keeps an existing claim when assigning to someone else', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'claim');
    await eventually(() => k.updates(esc) === 1 && notes(esc).length === 1);
    await k.click(USERS.jane.id, esc, 'assign', { assignee: USERS.kim.id });
    await eventually(() => k.updates(esc) === 2 && notes(esc).length === 2);
    expect(k.oscarCalls(esc, 'assignments').map((c) => c.body)).toEqual([{ assignee_id: 'ag_jane' }, { assignee_id: 'ag_kim' }]);
    expect(await k.row(esc)).toMatchObject({ claimedBySlackId: 'U0JANE', assigneeSlackId: 'U0KIM', platformAgentId: 'ag_kim' });
  });
});

describe('label', () => {
  it('adds the picked labels on Oscar and shows them on the card', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'label', { labels: ['refund', 'vip'] });
    await eventually(() => k.updates(esc) === 1 && notes(esc).length === 1 && k.thread(esc).length === 1);
    expect(k.oscarCalls(esc, 'labels').map((c) => c.body)).toEqual([{ labels: ['refund', 'vip'] }]);
    expect(notes(esc)).toEqual(['Labels set in Slack by Jane Doe: refund, vip']);
    expect(k.cardText(esc)).toContain(':label: refund, vip');
    expect(k.thread(esc)[0]).toContain('set labels: `refund`, `vip`');
    expect(k.oscar.conversations.get(esc.conversationId)?.labels).toEqual(['refund', 'vip']);

    // Removing one: the card follows; Oscar can only add, so no labels call, just the note.
    await k.click(USERS.jane.id, esc, 'label', { labels: ['vip'] });
    await eventually(() => k.updates(esc) === 2 && notes(esc).length === 2);
    expect(k.oscarCalls(esc, 'labels')).toHaveLength(1);
    expect((await k.row(esc)).labels).toEqual(['vip']);
  });

  it('refuses a label outside ESCALATION_LABELS', async () => {
    const esc = await k.escalate();
    await k.click(USERS.kim.id, esc, 'label', { labels: ['refund', 'made-up'] });
    const msg = await eventually(() => k.h.slack.ephemerals.find((e) => e.user === USERS.kim.id && e.text?.includes('made-up')));
    expect(msg.text).toContain("aren't in the configured set");
    await settle(200);
    expect(k.oscarCalls(esc)).toHaveLength(0);
    expect(k.updates(esc)).toBe(0);
  });
});

describe('resolve and reopen', () => {
  it('toggles the status on Oscar; the resolved card collapses to a summary with Reopen', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'resolve');
    await eventually(() => k.updates(esc) === 1 && notes(esc).length === 1);
    expect(k.oscarCalls(esc, 'toggle_status').map((c) => c.body)).toEqual([{ status: 'resolved' }]);
    expect(notes(esc)).toEqual(['Resolved in Slack by Jane Doe']);
    const blocks = k.card(esc).blocks as Array<{ block_id?: string; text?: { text: string } }>;
    expect(blocks).toHaveLength(2);
    expect(blocks[0]?.text?.text).toMatch(/^✅ \*Resolved\* by <@U0JANE> · Maria Keller \(Oscar Chat\) · resolved in \d+s$/);
    expect(k.cardText(esc)).toContain(ActionId.reopen);
    expect(k.cardText(esc)).not.toContain(ActionId.claim);

    await k.click(USERS.bob.id, esc, 'reopen');
    await eventually(() => k.updates(esc) === 2 && notes(esc).length === 2 && k.thread(esc).length === 2);
    expect(k.oscarCalls(esc, 'toggle_status').map((c) => c.body)).toEqual([{ status: 'resolved' }, { status: 'open' }]);
    expect(notes(esc)[1]).toBe('Reopened in Slack by Bob Roe');
    expect(k.cardText(esc)).toContain(ActionId.claim);
    expect(k.thread(esc)).toEqual([
      expect.stringContaining('<@U0JANE> resolved this'),
      expect.stringContaining('<@U0BOB> reopened this'),
    ]);
    expect(await k.row(esc)).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null });
    expect(k.oscar.conversations.get(esc.conversationId)?.status).toBe('open');
  });

  it('tells a second resolver who resolved it first', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'resolve');
    await eventually(() => k.updates(esc) === 1);
    await k.click(USERS.kim.id, esc, 'resolve');
    const msg = await eventually(() => k.h.slack.ephemerals.find((e) => e.user === USERS.kim.id && e.text?.includes('resolved')));
    expect(msg.text).toBe('This escalation is already resolved by <@U0JANE>.');
    await settle(200);
    expect(k.oscarCalls(esc, 'toggle_status')).toHaveLength(1);
  });
});

describe('release', () => {
  it('only the claimer can release; the card offers Claim again', async () => {
    const esc = await k.escalate();
    await k.click(USERS.jane.id, esc, 'claim');
    await eventually(() => k.updates(esc) === 1);
    await k.click(USERS.bob.id, esc, 'release');
    const refusal = await eventually(() =>
      k.h.slack.ephemerals.find((e) => e.user === USERS.bob.id && e.text?.includes('release')),
    );
    expect(refusal.text).toContain('Only <@U0JANE> can release');

    await k.click(USERS.jane.id, esc, 'release');
    await eventually(() => k.updates(esc) === 2 && notes(esc).length === 2);
    expect(notes(esc)[1]).toBe('Claim released in Slack by Jane Doe');
    expect(k.cardText(esc)).toContain(ActionId.claim);
    expect(k.cardText(esc)).toContain('Unclaimed');
    expect(await k.row(esc)).toMatchObject({ claimedBySlackId: null, status: 'open' });
  });
});
