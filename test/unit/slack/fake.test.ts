// The Slack fake answers the real @slack/web-api client the way Slack does, so code under test
// can use an ordinary WebClient pointed at `fake.url`.
import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildEscalationCard } from '../../../src/slack/blocks/card.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';
import { escalation, FULL_CAPS, LABELS } from './escalation-factory.js';

const TOKEN = 'xoxb-test-token';
// WebClient logs Slack's response_metadata warnings at error level; the tests expect those errors.
const quiet: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
let fake: FakeSlack;
let slack: WebClient;

beforeAll(async () => {
  fake = await startFakeSlack({
    token: TOKEN,
    users: [{ id: 'U0AGENT1', name: 'alice', real_name: 'Alice Agent', email: 'alice@example.com' }],
  });
  slack = new WebClient(TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quiet,
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function errorOf(
  p: Promise<unknown>,
): Promise<{ code?: string; retryAfter?: number; data?: { error?: string; errors?: string[] } }> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err as { code?: string; retryAfter?: number; data?: { error?: string } },
  );
}

describe('fake Slack Web API', () => {
  it('answers auth.test with the bot identity', async () => {
    const res = await slack.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: fake.botUserId, team_id: fake.teamId, bot_id: fake.botId });
  });

  it('rejects a wrong or missing token', async () => {
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    expect((await errorOf(wrong.auth.test())).data?.error).toBe('invalid_auth');
    const none = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    expect((await errorOf(none.auth.test())).data?.error).toBe('not_authed');
    expect(fake.calls.map((c) => c.ok)).toEqual([false, false]);
  });

  it('posts a card, records blocks as arrays, and hands out increasing unique ts', async () => {
    const card = buildEscalationCard(escalation(), { platformName: 'Oscar Chat', capabilities: FULL_CAPS, labels: LABELS });
    const first = await slack.chat.postMessage({ channel: 'C0ESCALATE', text: card.text, blocks: card.blocks });
    const reply = await slack.chat.postMessage({ channel: 'C0ESCALATE', text: 'claimed', thread_ts: first.ts });
    expect(first).toMatchObject({ ok: true, channel: 'C0ESCALATE', message: { text: card.text, bot_id: fake.botId } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));

    const [call] = fake.callsOf('chat.postMessage');
    expect(call?.args.blocks).toEqual(card.blocks);
    expect(call?.token).toBe(TOKEN);
    expect(fake.channelMessages('C0ESCALATE')).toHaveLength(1);
    expect(fake.threadReplies('C0ESCALATE', first.ts as string).map((m) => m.text)).toEqual(['claimed']);
  });

  it('updates a posted message and refuses an unknown one', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0ESCALATE', text: 'v1' });
    const updated = await slack.chat.update({
      channel: 'C0ESCALATE',
      ts: posted.ts as string,
      text: 'v2',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'v2' } }],
    });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(fake.message('C0ESCALATE', posted.ts as string)).toMatchObject({ text: 'v2', updates: 1 });
    expect((await errorOf(slack.chat.update({ channel: 'C0ESCALATE', ts: '1.000001', text: 'x' }))).data?.error).toBe(
      'message_not_found',
    );
  });

  it('answers invalid_blocks for blocks Slack would refuse', async () => {
    const err = await errorOf(
      slack.chat.postMessage({
        channel: 'C1',
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }),
    );
    expect(err.data?.error).toBe('invalid_blocks');
    expect(err.data?.errors?.join()).toMatch(/150 characters/);
  });

  it('ephemeral messages, permalinks, users and DMs', async () => {
    const eph = await slack.chat.postEphemeral({ channel: 'C1', user: 'U0AGENT1', text: 'already claimed by <@U0AGENT2>' });
    expect(eph.message_ts).toBeTruthy();
    expect(fake.ephemerals[0]).toMatchObject({ channel: 'C1', user: 'U0AGENT1' });

    const posted = await slack.chat.postMessage({ channel: 'C1', text: 'card' });
    const link = await slack.chat.getPermalink({ channel: 'C1', message_ts: posted.ts as string });
    expect(link.permalink).toBe(`https://fake-workspace.slack.com/archives/C1/p${(posted.ts as string).replace('.', '')}`);

    const info = await slack.users.info({ user: 'U0AGENT1' });
    expect(info.user).toMatchObject({
      id: 'U0AGENT1',
      name: 'alice',
      real_name: 'Alice Agent',
      profile: { email: 'alice@example.com' },
    });
    expect((await errorOf(slack.users.info({ user: 'U0NOBODY' }))).data?.error).toBe('user_not_found');

    const dm = await slack.conversations.open({ users: 'U0AGENT1' });
    expect(dm.channel?.id).toBe('D0AGENT1');
    await slack.chat.postMessage({ channel: dm.channel?.id as string, text: 'you were assigned' });
    expect(fake.channelMessages('D0AGENT1')).toHaveLength(1);
  });

  it('publishes the Home tab and opens modals, validating the views', async () => {
    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Your queue' } }],
    };
    const res = await slack.views.publish({ user_id: 'U0AGENT1', view: home });
    expect(res.view).toMatchObject({ type: 'home', id: expect.stringMatching(/^V/) });
    expect(fake.homeViews.get('U0AGENT1')?.blocks).toEqual(home.blocks);

    await slack.views.open({
      trigger_id: '123.456',
      view: { type: 'modal', title: { type: 'plain_text', text: 'Note' }, blocks: home.blocks },
    });
    expect(fake.modals).toHaveLength(1);
    const bad = await errorOf(
      slack.views.open({
        trigger_id: '1',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(30) }, blocks: home.blocks },
      }),
    );
    expect(bad.data?.error).toBe('invalid_arguments');
  });

  it('takes a file through filesUploadV2 (get URL, upload bytes, complete)', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const res = await slack.filesUploadV2({
      channel_id: 'C0REPORT',
      file: png,
      filename: 'chart.png',
      title: 'Weekly',
      initial_comment: 'Weekly report',
    });
    expect(res.ok).toBe(true);
    const [file] = [...fake.files.values()];
    expect(file).toMatchObject({
      filename: 'chart.png',
      length: png.length,
      completed: true,
      channel_id: 'C0REPORT',
      title: 'Weekly',
    });
    expect(file?.bytes?.equals(png)).toBe(true);
    expect(fake.channelMessages('C0REPORT')[0]).toMatchObject({ text: 'Weekly report', files: [file?.id] });
    expect(fake.callsOf('files.completeUploadExternal')[0]?.args.files).toEqual([{ id: file?.id, title: 'Weekly' }]);
  });

  it('rate limits with 429 + Retry-After, which WebClient surfaces as retryAfter', async () => {
    fake.rateLimitNext('chat.postMessage', 1, 7);
    const err = await errorOf(slack.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);
    expect(fake.callsOf('chat.postMessage')[0]).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });
    // only the next n calls are limited
    await expect(slack.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('fails the next n calls with a chosen error', async () => {
    fake.failNext('chat.update', 'cant_update_message', 2);
    const posted = await slack.chat.postMessage({ channel: 'C1', text: 'x' });
    for (let i = 0; i < 2; i++)
      expect((await errorOf(slack.chat.update({ channel: 'C1', ts: posted.ts as string, text: 'y' }))).data?.error).toBe(
        'cant_update_message',
      );
    await expect(slack.chat.update({ channel: 'C1', ts: posted.ts as string, text: 'y' })).resolves.toMatchObject({ ok: true });
  });

  it('waitFor resolves on successful calls and times out with what it saw', async () => {
    const waiting = fake.waitFor('chat.postMessage', 2, 2000);
    fake.rateLimitNext('chat.postMessage', 1, 1);
    await errorOf(slack.chat.postMessage({ channel: 'C1', text: 'a' }));
    await slack.chat.postMessage({ channel: 'C1', text: 'b' });
    await slack.chat.postMessage({ channel: 'C1', text: 'c' });
    expect((await waiting).map((c) => c.args.text)).toEqual(['b', 'c']);
    await expect(fake.waitFor('views.publish', 1, 50)).rejects.toThrow(
      /timed out after 50ms .* got 0\. Calls: chat\.postMessage\(ratelimited\)/,
    );
  });

  it('accepts JSON bodies too, and custom answers per method', async () => {
    fake.respondWith('users.info', (args) => (args.user === 'U0CUSTOM' ? { user: { id: 'U0CUSTOM', profile: {} } } : undefined));
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.lastCall('chat.postMessage')?.args.blocks).toEqual([{ type: 'divider' }]);
    await expect(slack.users.info({ user: 'U0CUSTOM' })).resolves.toMatchObject({ user: { id: 'U0CUSTOM' } });
    expect((await errorOf(slack.apiCall('nope.method'))).data?.error).toBe('unknown_method');
  });
});
