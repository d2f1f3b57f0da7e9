// What one person sees in the sandbox's channel: threads under their card, ephemerals only for
// their user, response_url answers replacing or deleting the message they came from.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Ack, channelTimeline, type ResponseOrigin } from '../../../src/sandbox/timeline.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack.js';

let fake: FakeSlack;
const origins = new Map<string, ResponseOrigin>();
const acks: Ack[] = [];
const respond = (id: string, body: Record<string, unknown>, status = 200) =>
  fake.responses.push({ id, body, status, at: new Date() });
const view = (user: string) => channelTimeline(fake, 'C1', user, origins, acks);

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  origins.clear();
  acks.length = 0;
});

describe('channelTimeline', () => {
  it('puts thread replies under their message and marks edited messages', () => {
    const card = fake.seedMessage('C1', { ts: '100.000001', text: 'card' });
    card.updates = 1;
    fake.seedMessage('C1', { ts: '101.000001', text: 'claimed', thread_ts: '100.000001' });
    fake.seedMessage('C2', { ts: '102.000001', text: 'elsewhere' });
    const items = view('U1');
    expect(items.map((i) => i.key)).toEqual(['m:100.000001']);
    expect(items[0]?.edited).toBe(true);
    expect(items[0]?.replies?.map((r) => r.text)).toEqual(['claimed']);
  });

  it('shows an ephemeral message and a command ack to their user only', () => {
    fake.ephemerals.push({ channel: 'C1', user: 'U1', message_ts: '100.000002', text: 'only you' });
    acks.push({ user: 'U2', channel: 'C1', at: 100_000, text: 'Looking up…' });
    expect(view('U1').map((i) => [i.kind, i.text])).toEqual([['ephemeral', 'only you']]);
    expect(view('U2').map((i) => [i.kind, i.text])).toEqual([['ephemeral', 'Looking up…']]);
  });

  it('adds response_url answers: ephemeral for the user, in_channel for everyone', () => {
    origins.set('r1', { user: 'U1', channel: 'C1' });
    respond('r1', { response_type: 'ephemeral', text: 'order #1042' });
    respond('r1', { response_type: 'in_channel', text: 'shared' });
    respond('r1', { text: 'refused' }, 400);
    expect(view('U1').map((i) => i.text)).toEqual(['order #1042', 'shared']);
    expect(view('U2').map((i) => [i.kind, i.text])).toEqual([['message', 'shared']]);
  });

  it('applies replace_original and delete_original to the message the click came from', () => {
    origins.set('first', { user: 'U1', channel: 'C1' });
    respond('first', { response_type: 'ephemeral', text: 'pick a customer' });
    origins.set('pick', { user: 'U1', channel: 'C1', origin: 'r:0' });
    respond('pick', { response_type: 'ephemeral', replace_original: true, text: 'Maria Keller' });
    expect(view('U1').map((i) => [i.key, i.text, i.edited])).toEqual([['r:0', 'Maria Keller', true]]);

    origins.set('share', { user: 'U1', channel: 'C1', origin: 'r:0' });
    respond('share', { delete_original: true });
    expect(view('U1')).toEqual([]);
  });
});
