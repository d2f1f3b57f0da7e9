// Who may act, through /slack/events with signed payloads: the escalation channel's members (or
// the user group's) act; an outsider, a Slack Connect guest and a non-member of the group are
// refused privately, with nothing changed, nothing sent to the platform or Shopify, and the
// refusal audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/db/client.js';
import { ESCALATION_CHANNEL, eventually, SIGNING_SECRET } from '../helpers/harness.js';
import { eventRequest, interactionRequest } from '../helpers/slack-requests.js';
import { type Control, type Kit, settle, startKit } from './actions-kit.js';
import { homeOpened, slashCommand, textOf } from './commands-helpers.js';

const OUTSIDER = 'U0OUTSIDER';

async function refusalsOf(kit: Kit, userId: string) {
  return kit.db.auditEntry.findMany({ where: { action: 'refused', actorSlackId: userId }, orderBy: { createdAt: 'asc' } });
}

function membershipEvent(event: Record<string, unknown>) {
  return eventRequest(SIGNING_SECRET, {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0HANDOFF',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

describe('who may act: the escalation channel', () => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await startKit();
  }, 60_000);
  afterAll(async () => kit?.stop());

  async function expectUnchanged(esc: Escalation) {
    await settle();
    const row = await kit.row(esc);
    expect(row.status).toBe(esc.status);
    expect(row.claimedBySlackId).toBeNull();
    expect(row.assigneeSlackId).toBeNull();
    expect(row.labels).toEqual(esc.labels);
    expect(kit.oscarCalls(esc)).toHaveLength(0);
  }

  it.each<[Control, string]>([
    ['claim', 'claim escalations'],
    ['assign', 'assign escalations'],
    ['label', 'label escalations'],
    ['resolve', 'resolve escalations'],
  ])("an outsider's %s is refused privately, nothing changes, the refusal is audited", async (control, attempt) => {
    const esc = await kit.escalate();
    const responseId = `refuse-${control}-${Date.now()}`;
    const before = (await refusalsOf(kit, OUTSIDER)).length;
    const res = await kit.click(OUTSIDER, esc, control, {
      assignee: 'U0JANE',
      labels: ['refund'],
      responseUrl: kit.h.slack.responseUrl(responseId),
    });
    expect(res.status).toBe(200);
    const [answer] = await kit.h.slack.waitForResponses(responseId);
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    // The fake's conversations.info names C0ESCALATE "c0escalate".
    expect(answer?.body.text).toContain(`Only members of #${ESCALATION_CHANNEL.toLowerCase()} can ${attempt}`);
    await expectUnchanged(esc);
    expect(kit.h.slack.messages.filter((m) => m.thread_ts === esc.slackTs)).toHaveLength(0);
    const refusals = await refusalsOf(kit, OUTSIDER);
    expect(refusals).toHaveLength(before + 1);
    expect(refusals.at(-1)).toMatchObject({ escalationId: esc.id, source: 'slack', outcome: 'failed' });
    expect(refusals.at(-1)?.detail).toMatchObject({ reason: 'not_agent' });
  });

  it("an outsider's /order is refused in the ack, with no Shopify call", async () => {
    const shopifyBefore = kit.h.shopify.requests.length;
    const r = await slashCommand(kit.h, '/order', 'bob@example.test', OUTSIDER);
    expect(r.status).toBe(200);
    expect(r.ack.response_type).toBe('ephemeral');
    expect(r.ack.text).toContain('can look up orders');
    expect(r.ack.text).not.toContain('bob@example.test');
    await settle();
    expect(kit.h.shopify.requests.length).toBe(shopifyBefore);
    expect(kit.h.slack.responsesTo(r.responseId)).toHaveLength(0);
    const refusal = (await refusalsOf(kit, OUTSIDER)).find((e) => (e.detail as { id?: string }).id === '/order');
    expect(refusal).toMatchObject({ escalationId: null, outcome: 'failed' });
  });

  it("an outsider's /escalations is refused and lists nothing", async () => {
    const r = await slashCommand(kit.h, '/escalations', 'all', OUTSIDER);
    expect(r.ack.text).toContain('can see the escalation queue');
    await settle();
    expect(kit.h.slack.responsesTo(r.responseId)).toHaveLength(0);
  });

  it('a Slack Connect user (another team_id) is refused even as a channel member', async () => {
    const guest = 'U0PARTNER1';
    kit.h.slack.membership.addToChannel(ESCALATION_CHANNEL, guest);
    kit.h.running.container.agents.invalidate();
    const esc = await kit.escalate();
    const req = kit.clickRequest(guest, esc, 'claim');
    const payload = JSON.parse(new URLSearchParams(req.body).get('payload') as string);
    payload.user.team_id = 'T0PARTNER';
    payload.team = { id: 'T0PARTNER', domain: 'partner' };
    const res = await kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload));
    expect(res.status).toBe(200);
    await expectUnchanged(esc);
    const [refusal] = await refusalsOf(kit, guest);
    expect(refusal?.detail).toMatchObject({ reason: 'other_workspace', teamId: 'T0PARTNER' });
  });

  it('a member of the channel still acts', async () => {
    const esc = await kit.escalate();
    expect((await kit.click('U0JANE', esc, 'claim')).status).toBe(200);
    await eventually(async () => (await kit.row(esc)).claimedBySlackId === 'U0JANE');
  });

  it('the Home tab of a non-agent shows no queue', async () => {
    await kit.escalate();
    expect(await homeOpened(kit.h, OUTSIDER)).toBe(200);
    const view = await eventually(() => kit.h.slack.homeViews.get(OUTSIDER));
    const text = textOf(view.blocks);
    expect(text).toContain('Only members of #');
    expect(text).not.toContain('Unclaimed');
    expect(text).not.toContain('Maria Keller');
  });

  it('someone who joins the channel can act after the member_joined_channel event', async () => {
    const newcomer = 'U0NEWCOMER';
    const esc = await kit.escalate();
    await kit.click(newcomer, esc, 'claim');
    await eventually(async () => (await refusalsOf(kit, newcomer)).length === 1);
    kit.h.slack.membership.addToChannel(ESCALATION_CHANNEL, newcomer);
    const joined = membershipEvent({ type: 'member_joined_channel', user: newcomer, channel: ESCALATION_CHANNEL, channel_type: 'C', team: 'T0TEST' });
    expect((await kit.h.post('/slack/events', joined)).status).toBe(200);
    await eventually(async () => {
      await kit.click(newcomer, esc, 'claim');
      await settle(200);
      return (await kit.row(esc)).claimedBySlackId === newcomer;
    });
  });
});

describe('who may act: SLACK_AGENT_USERGROUP', () => {
  const GROUP = 'S0AGENTS01';
  let kit: Kit;
  beforeAll(async () => {
    kit = await startKit({ env: { SLACK_AGENT_USERGROUP: GROUP } });
    kit.h.slack.membership.setGroupMembers(GROUP, ['U0JANE']);
  }, 60_000);
  afterAll(async () => kit?.stop());

  it('a channel member outside the group is refused; added to the group, they act after the refresh', async () => {
    const esc = await kit.escalate();
    const responseId = `group-${Date.now()}`;
    // U0KIM is in the escalation channel (the harness's agents) but not in the group.
    await kit.click('U0KIM', esc, 'claim', { responseUrl: kit.h.slack.responseUrl(responseId) });
    const [answer] = await kit.h.slack.waitForResponses(responseId);
    expect(answer?.body.text).toContain(`Only members of <!subteam^${GROUP}> can claim escalations`);
    await settle();
    expect((await kit.row(esc)).claimedBySlackId).toBeNull();

    kit.h.slack.membership.setGroupMembers(GROUP, ['U0JANE', 'U0KIM']);
    const changed = membershipEvent({
      type: 'subteam_members_changed',
      subteam_id: GROUP,
      team_id: 'T0TEST',
      added_users: ['U0KIM'],
      added_users_count: '1',
      removed_users: [],
      removed_users_count: '0',
      date_previous_update: 1,
      date_update: 2,
      event_ts: `${Date.now() / 1000}`,
    });
    expect((await kit.h.post('/slack/events', changed)).status).toBe(200);
    await eventually(async () => {
      await kit.click('U0KIM', esc, 'claim');
      await settle(200);
      return (await kit.row(esc)).claimedBySlackId === 'U0KIM';
    });
    expect(kit.h.slack.callsOf('usergroups.users.list').length).toBeGreaterThanOrEqual(2);
  });
});
