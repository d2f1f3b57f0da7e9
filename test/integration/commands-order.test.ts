// /order end to end: Slack-signed slash commands to /slack/events, the real queue and worker,
// the fake Shopify (real Admin API documents) and answers caught at the fake Slack's response_url.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CommandActionId } from '../../src/commands/ids.js';
import { ActionId } from '../../src/slack/ids.js';
import { expectValidBlocks } from '../helpers/blockkit.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { clickEphemeral, elementsWith, slashCommand, textOf } from './commands-helpers.js';

let h: Harness;
let johnId: number;

beforeAll(async () => {
  // C0SUPPORT1 (where these tests ask) may receive shared answers; C0ELSEWHERE may not.
  h = await startHarness({ env: { SLACK_SHARE_CHANNELS: 'C0SUPPORT1' } });
  const maria = h.shopify.addCustomer({
    firstName: 'Maria',
    lastName: 'Keller',
    email: 'maria.keller@example.com',
    tags: ['wholesale'],
  });
  h.shopify.addOrder({
    customerId: maria.id,
    name: '#1001',
    createdAt: '2025-03-04T10:00:00Z',
    lineItems: [
      { title: 'Linen duvet', quantity: 2, price: '640.25' },
      { title: 'Pillowcase <set>', quantity: 1, price: '30.00' },
    ],
    shipping: '12.00',
    tax: '5.00',
    shippingAddress: { city: 'Lyon', country: 'France' },
    fulfillments: [
      { status: 'SUCCESS', tracking: [{ number: '1Z999AA10123456784', url: 'https://track.example.com/1Z999', company: 'UPS' }] },
    ],
  });
  for (let i = 2; i <= 7; i++) {
    h.shopify.addOrder({
      customerId: maria.id,
      name: `#100${i}`,
      createdAt: `2025-03-1${i}T10:00:00Z`,
      financialStatus: i === 7 ? 'REFUNDED' : 'PAID',
    });
  }
  const john = h.shopify.addCustomer({ firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com' });
  johnId = john.id;
  h.shopify.addOrder({ customerId: john.id, name: '#2001', createdAt: '2025-04-01T10:00:00Z' });
  h.shopify.addCustomer({ firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@example.com' });
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(async () => {
  await h.shopify.up();
  h.shopify.clearFaults();
});

async function answerTo(text: string) {
  const cmd = await slashCommand(h, '/order', text);
  expect(cmd.status).toBe(200);
  const [answer] = await h.slack.waitForResponses(cmd.responseId, 1, 8000);
  return { cmd, answer: answer!, body: answer!.body, text: textOf(answer!.body.blocks) };
}

describe('/order', () => {
  it('acks at once, then answers an order number privately with the whole order', async () => {
    const { cmd, answer, body, text } = await answerTo('#1001');
    expect(cmd.ack.response_type).toBe('ephemeral');
    expect(cmd.ack.text).toMatch(/Looking up/);
    expect(cmd.ackMs).toBeLessThan(3000);
    expect(cmd.ackAt.getTime()).toBeLessThanOrEqual(answer.at.getTime());

    expect(body.response_type).toBe('ephemeral');
    expectValidBlocks(body.blocks);
    expect(text).toContain('#1001');
    expect(text).toContain('2025-03-04');
    expect(text).toContain('Open'); // status
    expect(text).toContain('Paid');
    expect(text).toContain('Fulfilled');
    expect(text).toContain('2 × Linen duvet');
    expect(text).toContain('1 × Pillowcase &lt;set&gt;'); // Shopify text is escaped, never markup
    expect(text).toContain('$1,327.50'); // 2×640.25 + 30 + 12 shipping + 5 tax
    expect(text).toContain('Lyon, France');
    expect(text).toContain('<https://track.example.com/1Z999|1Z999AA10123456784>');
    expect(text).toContain('UPS');
    expect(text).toContain('Maria Keller');
    expect(text).toMatch(/7 orders · lifetime \$/);
    expect(elementsWith(body.blocks, ActionId.orderShare).map((e) => e.value)).toEqual(['order:#1001']);
  });

  it('takes the number without #', async () => {
    const { text } = await answerTo('1001');
    expect(text).toContain('Linen duvet');
  });

  it("answers an email with that customer's latest orders, newest first", async () => {
    // Slack may wrap an email as a mailto link.
    const { body, text } = await answerTo('<mailto:Maria.Keller@example.com|Maria.Keller@example.com>');
    expectValidBlocks(body.blocks);
    expect(text).toContain('Maria Keller');
    expect(text).toContain('wholesale');
    const shown = [...text.matchAll(/#100(\d)/g)].map((m) => Number(m[1]));
    expect(shown).toEqual([7, 6, 5, 4, 3]);
    expect(text).toContain('Refunded');
    expect(text).toContain('5 most recent of 7 orders');
    expect(elementsWith(body.blocks, ActionId.orderShare)[0]?.value).toMatch(/^customer:\d+$/);
  });

  it('answers a name matching one customer with their orders', async () => {
    const { text } = await answerTo('maria keller');
    expect(text).toContain('maria.keller@example.com');
    expect(text).toContain('#1007');
  });

  it('lists several matching customers to pick from, and a pick replaces the list with that customer', async () => {
    const { body, text } = await answerTo('Smith');
    expectValidBlocks(body.blocks);
    expect(text).toContain('John Smith');
    expect(text).toContain('Jane Smith');
    const picks = elementsWith(body.blocks, CommandActionId.orderPickCustomer).map((e) => e.value);
    expect(picks).toHaveLength(2);
    expect(picks).toContain(`customer:${johnId}`);

    const click = await clickEphemeral(h, { action_id: CommandActionId.orderPickCustomer, value: `customer:${johnId}` });
    expect(click.status).toBe(200);
    const [picked] = await h.slack.waitForResponses(click.responseId);
    expect(picked!.body.replace_original).toBe(true);
    expect(picked!.body.response_type).toBe('ephemeral');
    expectValidBlocks(picked!.body.blocks);
    const shown = textOf(picked!.body.blocks);
    expect(shown).toContain('John Smith');
    expect(shown).toContain('#2001');
    expect(shown).not.toContain('Jane');
  });

  it('says clearly when nothing is found', async () => {
    expect((await answerTo('#9999')).text).toContain('No order *#9999* in Shopify');
    expect((await answerTo('nobody@example.com')).text).toContain('No Shopify customer with the email *nobody@example.com*');
    expect((await answerTo('Zebulon Quux')).text).toContain('No Shopify customer matches “*Zebulon Quux*”');
  });

  it('says Shopify is down instead of staying silent', async () => {
    await h.shopify.down();
    const { cmd, answer, text } = await answerTo('#1001');
    expect(cmd.ack.text).toMatch(/Looking up/);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(text).toContain("Shopify isn't answering right now");
    expect(text).toContain('#1001');
  });

  it('retries a Shopify blip once and still answers with the order', async () => {
    h.shopify.failNext(1, 503);
    const { text } = await answerTo('#1001');
    expect(text).toContain('Linen duvet');
  });

  it('says Shopify refused when the token lacks access', async () => {
    h.shopify.graphqlErrorNext(1, 'ACCESS_DENIED');
    const { text } = await answerTo('#1001');
    expect(text).toContain('Shopify refused');
    expect(text).toContain('read_orders');
  });

  it('prints usage for no or bad arguments, without a job', async () => {
    for (const text of ['', '   ', 'help', '##', 'x'.repeat(250)]) {
      const cmd = await slashCommand(h, '/order', text);
      expect(cmd.status).toBe(200);
      expect(cmd.ack.response_type).toBe('ephemeral');
      expect(textOf(cmd.ack.blocks)).toContain('/order &lt;order number | email | customer name&gt;');
      expectValidBlocks(cmd.ack.blocks);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.responses.filter((r) => r.id.startsWith('cmd-') && r.body.text === undefined)).toEqual([]);
  });

  it('shares the answer in the channel when asked, and removes the private copy', async () => {
    const { body } = await answerTo('#1001');
    const share = elementsWith(body.blocks, ActionId.orderShare)[0]!;
    const click = await clickEphemeral(h, { action_id: ActionId.orderShare, value: share.value! }, 'U0SHARER1');
    expect(click.status).toBe(200);
    const [posted, deleted] = await h.slack.waitForResponses(click.responseId, 2);
    expect(posted!.body.response_type).toBe('in_channel');
    expect(posted!.body.replace_original).toBe(false);
    expectValidBlocks(posted!.body.blocks);
    const shared = textOf(posted!.body.blocks);
    expect(shared).toContain('Linen duvet');
    expect(shared).toContain('Shared by <@U0SHARER1>');
    expect(elementsWith(posted!.body.blocks, ActionId.orderShare)).toEqual([]);
    expect(deleted!.body).toEqual({ delete_original: true });
  });

  it('offers no Share button outside the share channels, and refuses a share click there', async () => {
    const cmd = await slashCommand(h, '/order', '#1001', 'U0AGENT01', 'C0ELSEWHERE');
    const [answer] = await h.slack.waitForResponses(cmd.responseId);
    expect(textOf(answer!.body.blocks)).toContain('Linen duvet');
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(elementsWith(answer!.body.blocks, ActionId.orderShare)).toEqual([]);
    // A share button from elsewhere (an old answer, a crafted payload) still posts nothing.
    const { body } = await answerTo('#1001');
    const share = elementsWith(body.blocks, ActionId.orderShare)[0]!;
    const click = await clickEphemeral(h, { action_id: ActionId.orderShare, value: share.value! }, 'U0SHARER1', 'C0ELSEWHERE');
    const [refused] = await h.slack.waitForResponses(click.responseId);
    expect(refused!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(refused!.body.text)).toContain('can be shared only in <#C0ESCALATE>, <#C0SUPPORT1>');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.responsesTo(click.responseId).filter((r) => r.body.response_type === 'in_channel')).toEqual([]);
  });

  it('never shares twice when the in-channel post got no answer', async () => {
    const { body } = await answerTo('#1001');
    const share = elementsWith(body.blocks, ActionId.orderShare)[0]!;
    // The post lands at Slack, but the connection drops before the answer: ambiguous for handoff.
    h.slack.dropNextResponse(1);
    const click = await clickEphemeral(h, { action_id: ActionId.orderShare, value: share.value! }, 'U0SHARER2');
    expect(click.status).toBe(200);
    await h.slack.waitForResponses(click.responseId, 1);
    await new Promise((r) => setTimeout(r, 2500)); // longer than the job's retry backoff
    const inChannel = h.slack.responsesTo(click.responseId).filter((r) => r.body.response_type === 'in_channel');
    expect(inChannel).toHaveLength(1);
  });

  it('retries when the response_url fails transiently', async () => {
    h.slack.failNextResponse(1, 500);
    const cmd = await slashCommand(h, '/order', '#1002');
    const [answer] = await h.slack.waitForResponses(cmd.responseId, 1, 8000);
    expect(textOf(answer!.body.blocks)).toContain('#1002');
    expect(h.slack.responsesTo(cmd.responseId).map((r) => r.status)).toEqual([500, 200]);
  });

  it('still answers, in plain text, if Slack refuses the blocks', async () => {
    h.slack.failNextResponse(1, 400);
    const cmd = await slashCommand(h, '/order', '#1003');
    const [answer] = await h.slack.waitForResponses(cmd.responseId, 1, 8000);
    expect(answer!.body.blocks).toBeUndefined();
    expect(answer!.body.text).toContain('Order #1003');
    expect(h.slack.responsesTo(cmd.responseId).map((r) => r.status)).toEqual([400, 200]);
  });
});

describe('/order with the queue down', () => {
  it('says so in the ack instead of accepting work it cannot do', async () => {
    const web = await startHarness({
      role: 'web',
      env: { REDIS_URL: 'redis://127.0.0.1:9' },
      slack: h.slack,
      shopify: h.shopify,
    });
    try {
      const cmd = await slashCommand(web, '/order', '#1001');
      expect(cmd.status).toBe(200);
      expect(cmd.ack.text).toMatch(/can't queue work right now/);
      expect(cmd.ackMs).toBeLessThan(3000);
    } finally {
      await web.stop();
    }
  });
});
