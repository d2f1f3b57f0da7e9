// Oscar Chat API client against the stateful Oscar fake: paths, methods, bodies, auth, state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { findAgentByEmail } from '../../../src/platforms/agents.js';
import { createOscarApi } from '../../../src/platforms/oscarchat/api.js';
import type { PlatformApi } from '../../../src/platforms/types.js';
import { type OscarFake, startOscarFake } from '../../fakes/oscar.js';

const KEY = 'oscar_test_key_9f8e7d';
const WS = 'ws_01TEST';

let fake: OscarFake;
let api: Required<PlatformApi>;

beforeEach(async () => {
  fake = await startOscarFake({ apiKey: KEY, workspaceId: WS });
  fake.agents = [
    { id: 'ag_1', name: 'Ada', email: 'Ada@Example.com' },
    { id: 'ag_2', name: 'Bo', email: 'bo@example.com' },
  ];
  fake.conversation('conv_1', { contact: { id: 'ct_1', name: 'Casey Buyer', email: 'casey@example.com' } });
  api = createOscarApi(
    { apiKey: KEY, workspaceId: WS, apiUrl: fake.url },
    { timeoutMs: 500, retryBaseMs: 10, rateLimit: false },
  ) as Required<PlatformApi>;
});

afterEach(async () => {
  await fake.close();
});

function lastCall() {
  const call = fake.calls.at(-1);
  expect(call?.headers.authorization).toBe(`Bearer ${KEY}`);
  return call;
}

describe('Oscar Chat API', () => {
  it('assign posts assignee_id to /assignments and the conversation is assigned', async () => {
    await api.assign('conv_1', 'ag_2');
    expect(lastCall()).toMatchObject({
      method: 'POST',
      path: '/conversations/conv_1/assignments',
      body: { assignee_id: 'ag_2' },
    });
    expect(fake.conversations.get('conv_1')?.assignee).toMatchObject({ id: 'ag_2', name: 'Bo' });
  });

  it('assign to an unknown agent is a PermanentError with the platform message', async () => {
    const err = await api.assign('conv_1', 'ag_404').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toBe('Oscar Chat POST /conversations/conv_1/assignments answered 422: Assignee not found');
  });

  it('addLabels posts the labels, which merge with existing ones', async () => {
    fake.conversation('conv_1', { labels: ['vip'] });
    await api.addLabels('conv_1', ['refund', 'vip']);
    expect(lastCall()).toMatchObject({
      method: 'POST',
      path: '/conversations/conv_1/labels',
      body: { labels: ['refund', 'vip'] },
    });
    expect(fake.conversations.get('conv_1')?.labels).toEqual(['vip', 'refund']);
  });

  it('addLabels with nothing to add makes no call', async () => {
    await api.addLabels('conv_1', []);
    expect(fake.calls).toHaveLength(0);
  });

  it('note is a private activity message', async () => {
    await api.note('conv_1', 'Claimed in Slack by @ada');
    expect(lastCall()).toMatchObject({
      method: 'POST',
      path: '/conversations/conv_1/messages',
      body: { content: 'Claimed in Slack by @ada', message_type: 'activity', private: true },
    });
    expect(fake.conversations.get('conv_1')?.messages[0]).toMatchObject({ private: true, message_type: 'activity' });
  });

  it('sendMessage is a public outgoing message, sent once even on a 5xx; recentMessages reads them back', async () => {
    const sent = await api.sendMessage('conv_1', 'Your parcel left today');
    expect(lastCall()).toMatchObject({
      method: 'POST',
      path: '/conversations/conv_1/messages',
      body: { content: 'Your parcel left today', message_type: 'outgoing', private: false },
    });
    expect(sent.id).toMatch(/^msg_/);
    // A 5xx may hide a delivered message: no in-call retry, the caller looks before sending again.
    fake.failNext(1, 503);
    await expect(api.sendMessage('conv_1', 'again')).rejects.toBeInstanceOf(RetryableError);
    expect(fake.calls.filter((c) => c.path.endsWith('/messages'))).toHaveLength(2);
    expect(await api.recentMessages('conv_1')).toEqual([
      { id: sent.id, content: 'Your parcel left today', messageType: 'outgoing', private: false },
    ]);
  });

  it('resolve and reopen toggle the status', async () => {
    await api.resolve('conv_1');
    expect(lastCall()).toMatchObject({
      method: 'POST',
      path: '/conversations/conv_1/toggle_status',
      body: { status: 'resolved' },
    });
    expect(fake.conversations.get('conv_1')?.status).toBe('resolved');
    await api.reopen('conv_1');
    expect(lastCall()).toMatchObject({ body: { status: 'open' } });
    expect(fake.conversations.get('conv_1')?.status).toBe('open');
  });

  it('ids are path-encoded', async () => {
    fake.conversation('a/b c');
    await api.resolve('a/b c');
    expect(fake.conversations.get('a/b c')?.status).toBe('resolved');
  });

  it('listAgents reads the workspace agents and caches them', async () => {
    const agents = await api.listAgents();
    expect(agents).toEqual([
      { id: 'ag_1', name: 'Ada', email: 'Ada@Example.com' },
      { id: 'ag_2', name: 'Bo', email: 'bo@example.com' },
    ]);
    expect(lastCall()).toMatchObject({ method: 'GET', path: `/workspaces/${WS}/agents` });
    await api.listAgents();
    await Promise.all([api.listAgents(), api.listAgents()]);
    expect(fake.calls).toHaveLength(1);
  });

  it('listAgents refreshes after the TTL and does not cache failures', async () => {
    let now = 0;
    const short = createOscarApi(
      { apiKey: KEY, workspaceId: WS, apiUrl: fake.url },
      { timeoutMs: 500, retries: 0, rateLimit: false, agentsTtlMs: 1_000, now: () => now },
    ) as Required<PlatformApi>;
    fake.failNext(1, 500);
    await expect(short.listAgents()).rejects.toBeInstanceOf(RetryableError);
    expect(await short.listAgents()).toHaveLength(2);
    fake.agents = [{ id: 'ag_3', email: 'cy@example.com' }];
    expect(await short.listAgents()).toHaveLength(2);
    now = 1_001;
    expect(await short.listAgents()).toEqual([{ id: 'ag_3', email: 'cy@example.com' }]);
    expect(fake.calls).toHaveLength(3);
  });

  it('findAgentByEmail matches case-insensitively', () => {
    const agents = [{ id: 'ag_1', email: 'Ada@Example.com' }, { id: 'ag_2' }];
    expect(findAgentByEmail(agents, ' ada@example.COM ')?.id).toBe('ag_1');
    expect(findAgentByEmail(agents, 'nobody@example.com')).toBeUndefined();
    expect(findAgentByEmail(agents, undefined)).toBeUndefined();
  });

  it('lookupCustomer reads the contact of the conversation', async () => {
    expect(await api.lookupCustomer('conv_1')).toEqual({ name: 'Casey Buyer', email: 'casey@example.com' });
    expect(lastCall()).toMatchObject({
      method: 'GET',
      path: '/conversations/conv_1',
      query: { include: 'messages,contact,assignee' },
    });
  });

  it('lookupCustomer of an unknown conversation is undefined', async () => {
    expect(await api.lookupCustomer('conv_missing')).toBeUndefined();
  });

  it('report sends unix seconds and maps the summary', async () => {
    const since = new Date('2026-01-05T00:00:00Z');
    const until = new Date('2026-01-12T00:00:00Z');
    expect(await api.report(since, until)).toEqual({
      conversations: 42,
      avgFirstResponseSeconds: 95,
      avgResolutionSeconds: 3600,
      botResolutionRate: 0.72,
      csat: 4.6,
    });
    expect(lastCall()).toMatchObject({
      method: 'GET',
      path: `/workspaces/${WS}/reports/summary`,
      query: { since: '1767571200', until: '1768176000', type: 'account' },
    });
  });

  it('report tolerates string numbers and percentages', async () => {
    fake.report = { conversations_count: '7', bot_resolution_rate: 64, csat_survey_score: null };
    expect(await api.report(new Date(0), new Date(1_000))).toEqual({
      conversations: 7,
      avgFirstResponseSeconds: undefined,
      avgResolutionSeconds: undefined,
      botResolutionRate: 0.64,
      csat: undefined,
    });
  });

  it('a wrong key is a PermanentError that does not contain either key', async () => {
    const wrong = createOscarApi({ apiKey: 'bad_key_xyz', workspaceId: WS, apiUrl: fake.url }, { rateLimit: false });
    const err = await wrong.resolve?.('conv_1').then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(PermanentError);
    expect(err?.message).toContain('401');
    expect(err?.message).not.toContain('bad_key_xyz');
    expect(err?.message).not.toContain(KEY);
  });

  it('404, 429 and outages are classified', async () => {
    await expect(api.resolve('conv_missing')).rejects.toBeInstanceOf(PermanentError);

    fake.failNext(1, 429, 5);
    const throttled = await api.note('conv_1', 'x').catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RetryableError);
    expect((throttled as RetryableError).retryAfterMs).toBe(5_000);

    fake.failNext(1, 503);
    await api.assign('conv_1', 'ag_1');
    expect(fake.conversations.get('conv_1')?.assignee?.id).toBe('ag_1');

    fake.down();
    const started = Date.now();
    await expect(api.resolve('conv_1')).rejects.toBeInstanceOf(RetryableError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
