import type { ActionsBlock, Button, HeaderBlock, KnownBlock, MultiStaticSelect, SectionBlock, UsersSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Escalation } from '../../../src/db/client.js';
import { buildEscalationCard, type CardContext, LIMITS } from '../../../src/slack/blocks/card.js';
import { ActionId, BlockId, escalationIdFromBlockId } from '../../../src/slack/ids.js';
import { expectValidBlocks, validateMessageBlocks } from '../../helpers/blockkit.js';
import { escalation, FULL_CAPS, foundSnapshot, json, LABELS, NO_CAPS, order, T0 } from './escalation-factory.js';

const ctx = (over: Partial<CardContext> = {}): CardContext => ({
  platformName: 'Oscar Chat',
  capabilities: FULL_CAPS,
  labels: LABELS,
  now: new Date(T0.getTime() + 7 * 60_000),
  slaClaimMinutes: 15,
  ...over,
});

/** Build and validate: every card in this file must pass the Block Kit checks. */
function card(esc: Escalation, c: CardContext = ctx()) {
  const msg = buildEscalationCard(esc, c);
  expectValidBlocks(msg.blocks);
  checkLimits(msg.blocks);
  return msg;
}

/** Limits re-checked by hand, independent of the schema file. */
function checkLimits(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(10);
    if (b.type === 'actions') {
      for (const el of b.elements) {
        if (el.type === 'button') {
          expect(el.text.text.length).toBeLessThanOrEqual(75);
          expect((el.value ?? '').length).toBeLessThanOrEqual(2000);
        }
        if (el.type === 'multi_static_select') {
          expect((el.options ?? []).length).toBeLessThanOrEqual(100);
          for (const o of el.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
        }
      }
    }
  }
}

function allText(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

function section(blocks: KnownBlock[], id: string): SectionBlock {
  const b = blocks.find((x) => x.block_id === id);
  if (b?.type !== 'section') throw new Error(`no section ${id}`);
  return b;
}

function actions(blocks: KnownBlock[]): ActionsBlock {
  const b = blocks.find((x) => x.type === 'actions');
  if (b?.type !== 'actions') throw new Error('no actions block');
  return b;
}

function element<T>(blocks: KnownBlock[], actionId: string): T | undefined {
  return actions(blocks).elements.find((e) => 'action_id' in e && e.action_id === actionId) as T | undefined;
}

/** Every mrkdwn string in a payload: the only place Slack parses mentions and links. */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

function sectionText(s: SectionBlock): string {
  return [s.text?.text ?? '', ...(s.fields ?? []).map((f) => f.text)].join('\n');
}

describe('buildEscalationCard: open card', () => {
  it('shows platform, priority, reason, customer, last message and the controls', () => {
    const { text, blocks } = card(escalation());
    const header = blocks[0] as HeaderBlock;
    expect(header.type).toBe('header');
    expect(header.text.text).toBe('🟡 Normal · Oscar Chat');
    const summary = sectionText(section(blocks, BlockId.summary));
    expect(summary).toContain('late delivery');
    expect(summary).toContain('Jane Doe');
    expect(summary).toContain('jane@example.com');
    expect(section(blocks, BlockId.message).text?.text).toBe(
      '*Last customer message*\n>Where is my order? It was due last week.',
    );
    expect(sectionText(section(blocks, BlockId.status))).toContain('*Unclaimed* for 7m');

    const ids = actions(blocks).elements.map((e) => ('action_id' in e ? e.action_id : undefined));
    expect(ids).toEqual([ActionId.claim, ActionId.reply, ActionId.assign, ActionId.label, ActionId.resolve, ActionId.openLink]);
    expect(text).toContain('Oscar Chat');
    expect(text).toContain('Jane Doe');
  });

  it('says when the email was typed by the visitor rather than identified by the platform', () => {
    const text = (esc: Parameters<typeof escalation>[0]) => sectionText(section(card(escalation(esc)).blocks, BlockId.summary));
    expect(text({ customerEmailUnverified: true })).toContain('jane@example.com _(unverified: typed by the visitor)_');
    expect(text({})).not.toContain('unverified');
  });

  it("shows a platform's reason code in words, in the card and its fallback text", () => {
    const { text, blocks } = card(escalation({ reason: 'customer_requested_human' }));
    expect(sectionText(section(blocks, BlockId.summary))).toContain('*Reason:* Customer asked for a human');
    expect(text).toContain('Customer asked for a human');
    expect(JSON.stringify(blocks) + text).not.toContain('customer_requested_human');
  });

  it('carries the escalation id in button values and in the actions block_id', () => {
    const esc = escalation();
    const { blocks } = card(esc);
    expect(element<Button>(blocks, ActionId.claim)?.value).toBe(esc.id);
    expect(element<Button>(blocks, ActionId.resolve)?.value).toBe(esc.id);
    expect(escalationIdFromBlockId(BlockId.actions, actions(blocks).block_id)).toBe(esc.id);
    expect(element<Button>(blocks, ActionId.openLink)?.url).toBe(esc.conversationUrl);
  });

  it('marks a VIP urgent escalation in the header and the fallback text', () => {
    const { text, blocks } = card(escalation({ priority: 'urgent', vip: true }));
    expect((blocks[0] as HeaderBlock).text.text).toBe('🔴 Urgent · Oscar Chat · ⭐ VIP');
    expect(text).toMatch(/^🔴 Urgent VIP escalation/);
  });

  it('flags an unclaimed escalation past the claim SLA', () => {
    const { blocks } = card(escalation(), ctx({ now: new Date(T0.getTime() + 20 * 60_000) }));
    expect(sectionText(section(blocks, BlockId.status))).toContain('past the 15m claim SLA');
  });

  it('keeps the fallback text short and free of message bodies and mentions', () => {
    const { text } = card(
      escalation({
        lastMessage: 'SECRET BODY '.repeat(50),
        reason: 'r'.repeat(500),
        claimedBySlackId: 'U0AGENT1',
        status: 'claimed',
      }),
    );
    expect(text).not.toContain('SECRET BODY');
    expect(text).not.toContain('<@');
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toContain(' · claimed · ');
  });
});

describe('buildEscalationCard: Shopify section', () => {
  it('found: orders count, total spent, tags, latest orders and the customer link', () => {
    const { blocks } = card(
      escalation({
        shopify: json(
          foundSnapshot([order(1), order(3, { financialStatus: 'PARTIALLY_REFUNDED', fulfillmentStatus: 'FULFILLED' })]),
        ),
      }),
    );
    const head = section(blocks, BlockId.shopify);
    const headText = sectionText(head);
    expect(headText).toContain('*Orders*\n2');
    expect(headText).toContain('$1,234.50');
    expect(headText).toContain('wholesale, newsletter');
    expect(head.accessory).toMatchObject({
      type: 'button',
      url: 'https://demo.myshopify.com/admin/customers/42',
      action_id: ActionId.openShopify,
    });
    const orders = section(blocks, BlockId.orders).text?.text ?? '';
    // newest first
    expect(orders.indexOf('#1003')).toBeLessThan(orders.indexOf('#1001'));
    expect(orders).toContain(
      '<https://demo.myshopify.com/admin/orders/1003|#1003> · 2026-02-04 · $59.97 · Partially refunded · Fulfilled',
    );
  });

  it('found with no orders says so', () => {
    const { blocks } = card(escalation({ shopify: json(foundSnapshot([])) }));
    expect(section(blocks, BlockId.orders).text?.text).toContain('No orders yet');
  });

  it('found with 50 orders shows the latest few and a count, within the block limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => order(i + 1));
    const { blocks } = card(escalation({ shopify: json(foundSnapshot(many)) }));
    expect(blocks.length).toBeLessThanOrEqual(50);
    const orders = section(blocks, BlockId.orders).text?.text ?? '';
    expect(orders.split('\n').filter((l) => l.startsWith('•'))).toHaveLength(5);
    expect(orders).toContain('+45 more');
  });

  it('not_found names the email', () => {
    const { blocks } = card(
      escalation({ shopify: json({ status: 'not_found', email: 'jane@example.com', fetchedAt: T0.toISOString() }) }),
    );
    expect(section(blocks, BlockId.shopify).text?.text).toBe(':mag: No Shopify customer for jane@example.com');
  });

  it('error says Shopify is unavailable without blocking the card', () => {
    const { blocks } = card(
      escalation({ shopify: json({ status: 'error', error: 'THROTTLED after 3 retries', fetchedAt: T0.toISOString() }) }),
    );
    expect(section(blocks, BlockId.shopify).text?.text).toBe(
      ':warning: Shopify unavailable: THROTTLED after 3 retries (will not block the card)',
    );
    expect(actions(blocks).elements.length).toBeGreaterThan(0);
  });

  it('skipped gives the reason', () => {
    const { blocks } = card(escalation({ shopify: json({ status: 'skipped', reason: 'no email on the conversation' }) }));
    expect(section(blocks, BlockId.shopify).text?.text).toContain('skipped: no email on the conversation');
  });

  it('no snapshot yet: no Shopify section', () => {
    const { blocks } = card(escalation({ shopify: null }));
    expect(blocks.some((b) => b.block_id === BlockId.shopify)).toBe(false);
  });

  it('a malformed snapshot does not break the card', () => {
    for (const bad of [
      { status: 'found' },
      { status: 'weird' },
      [1, 2],
      'text',
      { status: 'found', customer: { tags: 'x' }, orders: [null, 3] },
    ]) {
      card(escalation({ shopify: json(bad) }));
    }
  });
});

describe('buildEscalationCard: claim, assignment and platform sync', () => {
  it('claimed: Release instead of Claim, claimer and time to claim', () => {
    const { blocks } = card(
      escalation({ status: 'claimed', claimedBySlackId: 'U0AGENT1', claimedAt: new Date(T0.getTime() + 4 * 60_000) }),
    );
    expect(element(blocks, ActionId.claim)).toBeUndefined();
    expect(element<Button>(blocks, ActionId.release)?.text.text).toBe('Release');
    expect(sectionText(section(blocks, BlockId.status))).toContain('Claimed by <@U0AGENT1> after 4m');
  });

  it('assigned: picker preselects the assignee and the status names them', () => {
    const { blocks } = card(
      escalation({
        status: 'claimed',
        claimedBySlackId: 'U0AGENT1',
        claimedAt: T0,
        assigneeSlackId: 'U0AGENT2',
        platformSyncState: 'ok',
      }),
    );
    expect(element<UsersSelect>(blocks, ActionId.assign)?.initial_user).toBe('U0AGENT2');
    const status = sectionText(section(blocks, BlockId.status));
    expect(status).toContain('Assigned to <@U0AGENT2>');
    expect(status).toContain('In sync with Oscar Chat');
  });

  it.each([
    ['missing', null, 'Assignment on Oscar Chat missing: no matching agent'],
    ['failed', 'HTTP 500 from Oscar', 'Oscar Chat sync failed: HTTP 500 from Oscar'],
    ['pending', null, 'Oscar Chat sync pending'],
  ])('platform sync %s', (state, error, expected) => {
    const { blocks } = card(escalation({ assigneeSlackId: 'U0AGENT2', platformSyncState: state, platformSyncError: error }));
    expect(sectionText(section(blocks, BlockId.status))).toContain(expected);
  });

  it('an assignee name that is not a Slack id is shown as text, not a mention', () => {
    const { blocks } = card(escalation({ assigneeName: 'Bob <@U999>' }));
    expect(sectionText(section(blocks, BlockId.status))).toContain('Assigned to Bob &lt;@U999&gt;');
    expect(element<UsersSelect>(blocks, ActionId.assign)?.initial_user).toBeUndefined();
  });
});

describe('buildEscalationCard: labels, transcript, triage', () => {
  it('current labels are initial options, even ones not configured', () => {
    const { blocks } = card(escalation({ labels: ['refund', 'from-platform'] }));
    const picker = element<MultiStaticSelect>(blocks, ActionId.label);
    expect(picker?.initial_options?.map((o) => o.value)).toEqual(['refund', 'from-platform']);
    expect(picker?.options?.map((o) => o.value)).toEqual(expect.arrayContaining([...LABELS, 'from-platform']));
    expect(allText(blocks)).toContain(':label: refund, from-platform');
  });

  it('caps options at 100 and skips labels too long to round-trip as a value', () => {
    const labels = [...Array.from({ length: 150 }, (_, i) => `label-${i}`), 'x'.repeat(200)];
    const { blocks } = card(escalation({ labels: ['x'.repeat(200), 'label-149'] }), ctx({ labels }));
    const picker = element<MultiStaticSelect>(blocks, ActionId.label);
    expect(picker?.options).toHaveLength(100);
    expect(picker?.initial_options?.map((o) => o.value)).toEqual(['label-149']);
  });

  it('no labels configured and none set: no label picker (an empty select is invalid)', () => {
    const { blocks } = card(escalation(), ctx({ labels: [] }));
    expect(element(blocks, ActionId.label)).toBeUndefined();
  });

  it('shows the last lines of a transcript', () => {
    const transcript = Array.from({ length: 12 }, (_, i) => ({
      author: i % 2 ? 'bot' : 'customer',
      text: `line ${i}`,
      at: T0.toISOString(),
    }));
    const { blocks } = card(escalation({ transcript: json(transcript) }));
    const t = section(blocks, BlockId.transcript).text?.text ?? '';
    expect(t).toContain('(last 5 of 12)');
    expect(t).toContain('>*Bot:* line 11');
    expect(t).not.toContain('line 6\n');
  });

  it('shows the AI triage summary when present', () => {
    const { blocks } = card(
      escalation({ triage: json({ summary: 'Customer wants a refund for a damaged item.', category: 'refund' }) }),
    );
    expect(section(blocks, BlockId.triage).text?.text).toBe(
      ':robot_face: *AI triage:* Customer wants a refund for a damaged item.',
    );
    expect(card(escalation({ triage: json({ category: 'refund' }) })).blocks.some((b) => b.block_id === BlockId.triage)).toBe(
      false,
    );
  });
});

describe('buildEscalationCard: platforms and links', () => {
  it('a platform without an API keeps claim, labels and resolve in handoff, and offers no assignment', () => {
    const { blocks } = card(escalation({ platform: 'onwebchat' }), ctx({ platformName: 'onWebChat', capabilities: NO_CAPS }));
    const ids = actions(blocks).elements.map((e) => ('action_id' in e ? e.action_id : undefined));
    expect(ids).toEqual(expect.arrayContaining([ActionId.claim, ActionId.label, ActionId.resolve]));
    expect(ids).not.toContain(ActionId.assign);
    expect(allText(blocks)).toContain('onWebChat has no API: changes stay in handoff');
  });

  it('a platform with some capabilities lists what is mirrored', () => {
    const { blocks } = card(
      escalation(),
      ctx({ platformName: 'ShopGuide', capabilities: { ...NO_CAPS, label: true, resolve: true } }),
    );
    expect(allText(blocks)).toContain('Mirrored to ShopGuide: labels, status');
  });

  it('no Open button without a usable conversation URL', () => {
    expect(element(card(escalation({ conversationUrl: null })).blocks, ActionId.openLink)).toBeUndefined();
    expect(element(card(escalation({ conversationUrl: 'javascript:alert(1)' })).blocks, ActionId.openLink)).toBeUndefined();
    expect(element(card(escalation({ conversationUrl: 'not a url' })).blocks, ActionId.openLink)).toBeUndefined();
  });
});

describe('buildEscalationCard: resolved card', () => {
  const resolved = escalation({
    status: 'resolved',
    claimedBySlackId: 'U0AGENT1',
    claimedAt: T0,
    resolvedBy: 'U0AGENT1',
    resolvedAt: new Date(T0.getTime() + 65 * 60_000),
    labels: ['refund'],
    shopify: json(foundSnapshot()),
  });

  it('collapses to one line plus Reopen and Open', () => {
    const { text, blocks } = card(resolved);
    expect(blocks).toHaveLength(2);
    expect(section(blocks, BlockId.resolved).text?.text).toBe(
      '✅ *Resolved* by <@U0AGENT1> · Jane Doe (Oscar Chat) · resolved in 1h 05m · :label: refund',
    );
    expect(actions(blocks).elements.map((e) => ('action_id' in e ? e.action_id : ''))).toEqual([
      ActionId.reopen,
      ActionId.openLink,
    ]);
    expect(element<Button>(blocks, ActionId.reopen)?.value).toBe(resolved.id);
    expect(text).toBe('✅ Resolved · Oscar Chat · Jane Doe');
  });

  it('resolved on the platform by a named agent shows the name as text', () => {
    const { blocks } = card({ ...resolved, resolvedBy: 'Alice (Oscar)', conversationUrl: null });
    expect(section(blocks, BlockId.resolved).text?.text).toContain('by Alice (Oscar)');
    expect(actions(blocks).elements).toHaveLength(1);
  });
});

describe('buildEscalationCard: limits and injection', () => {
  it('very long message, reason, name and error stay within every limit', () => {
    const huge = 'A&<>'.repeat(20_000);
    const msg = card(
      escalation({
        customerName: huge,
        customerEmail: `${'e'.repeat(5000)}@example.com`,
        customerPhone: '9'.repeat(5000),
        reason: huge,
        lastMessage: `${huge}\n${huge}`,
        labels: Array.from({ length: 300 }, (_, i) => `l${i}&`),
        transcript: json(Array.from({ length: 500 }, () => ({ author: 'customer', text: huge }))),
        triage: json({ summary: huge }),
        platformSyncState: 'failed',
        platformSyncError: huge,
        assigneeName: huge,
      }),
      ctx({ platformName: 'P'.repeat(500) }),
    );
    expect(msg.text.length).toBeLessThanOrEqual(200);
    // Cut text never ends inside an entity such as "&am".
    for (const s of JSON.stringify(msg.blocks).match(/&[a-z]*…/g) ?? []) expect(s).toBe('…');
  });

  it('a customer cannot inject mentions, broadcasts or links', () => {
    const evil = '<!channel> hi <@U0BOSS> see <https://evil.example|your bank> & <!subteam^S123>';
    const { text, blocks } = card(
      escalation({
        customerName: evil,
        customerEmail: '<mailto:x@evil.example|jane@example.com>',
        reason: evil,
        lastMessage: `${evil}\n> fake quote`,
        labels: ['<!here>'],
        transcript: json([{ author: 'customer', text: evil }]),
        triage: json({ summary: evil }),
        shopify: json({ status: 'error', error: evil, fetchedAt: T0.toISOString() }),
      }),
    );
    // plain_text (header, options) is never parsed for mentions or links; mrkdwn and text are.
    const rendered = [...mrkdwnTexts(blocks), text].join('\n');
    for (const raw of ['<!channel>', '<@U0BOSS>', '<https://evil.example', '<!subteam', '<mailto:', '<!here>'])
      expect(rendered).not.toContain(raw);
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(rendered).toContain(' &amp; ');
    // user content goes out verbatim so Slack does not auto-link or auto-mention inside it
    expect(section(blocks, BlockId.message).text).toMatchObject({ type: 'mrkdwn', verbatim: true });
    expect(section(blocks, BlockId.message).text?.text).toContain('>&gt; fake quote');
  });

  it('a Shopify order link cannot be broken out of', () => {
    const snap = foundSnapshot([
      order(1, { name: '#1|<!channel>', adminUrl: 'https://demo.myshopify.com/admin/orders/1?x=a|b>c' }),
    ]);
    const orders = section(card(escalation({ shopify: json(snap) })).blocks, BlockId.orders).text?.text ?? '';
    expect(orders).toContain('<https://demo.myshopify.com/admin/orders/1?x=a%7Cb%3Ec|#1|&lt;!channel&gt;>');
  });

  it('stays valid across many generated rows', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const str = () => pick(['', 'x', '😀'.repeat(2000), '<>&'.repeat(1500), 'line\n'.repeat(400), 'Zoë 👩‍👩‍👧‍👦 '.repeat(300)]);
    const snapshots = [
      null,
      foundSnapshot(),
      foundSnapshot([]),
      foundSnapshot(Array.from({ length: 60 }, (_, i) => order(i))),
      { status: 'not_found', email: str(), fetchedAt: '' },
      { status: 'error', error: str(), fetchedAt: '' },
      { status: 'skipped', reason: str() },
    ];
    for (let i = 0; i < 200; i++) {
      const status = pick(['open', 'claimed', 'resolved']);
      card(
        escalation({
          status,
          priority: pick(['low', 'normal', 'high', 'urgent', 'odd']),
          vip: rnd() > 0.5,
          customerName: str() || null,
          customerEmail: str() || null,
          reason: str() || null,
          lastMessage: str() || null,
          labels: rnd() > 0.5 ? [str() || 'a', 'refund'] : [],
          shopify: json(pick(snapshots)),
          transcript: rnd() > 0.5 ? json([{ author: 'customer', text: str() }]) : null,
          triage: rnd() > 0.5 ? json({ summary: str() }) : null,
          claimedBySlackId: status !== 'open' ? 'U0AGENT1' : null,
          claimedAt: status !== 'open' ? T0 : null,
          assigneeSlackId: rnd() > 0.5 ? 'U0AGENT2' : null,
          platformSyncState: pick([null, 'ok', 'missing', 'pending', 'failed', 'unsupported']),
          platformSyncError: str() || null,
          resolvedAt: status === 'resolved' ? new Date(T0.getTime() + 1000) : null,
          resolvedBy: status === 'resolved' ? pick(['U0AGENT1', str() || 'x']) : null,
          conversationUrl: pick([null, 'https://x.example/c/1', `https://x.example/${'p'.repeat(4000)}`]),
        }),
        ctx({ labels: rnd() > 0.3 ? LABELS : [], capabilities: rnd() > 0.5 ? FULL_CAPS : NO_CAPS }),
      );
    }
  });
});

describe('validateMessageBlocks', () => {
  it('accepts a real card and rejects known-bad blocks with readable errors', () => {
    const { blocks } = buildEscalationCard(escalation(), ctx());
    expect(validateMessageBlocks(blocks)).toEqual([]);

    const longButton = [
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }] },
    ];
    expect(validateMessageBlocks(longButton).join('\n')).toMatch(
      /blocks\[0\] \(actions\)\/elements\/0\/text\/text: must NOT have more than 75 characters/,
    );

    const duplicate = [
      { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'a' } },
      { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'b' } },
    ];
    expect(validateMessageBlocks(duplicate)).toEqual(['blocks[1]: block_id "same" already used by blocks[0]']);

    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(validateMessageBlocks(tooMany)).toEqual(['blocks: 51 blocks, a message allows at most 50']);

    expect(validateMessageBlocks([{ type: 'sparkle' }])).toEqual(['blocks[0]: unknown block type "sparkle"']);
    expect(validateMessageBlocks([{ type: 'section', text: { type: 'mrkdwn', text: '' } }]).join()).toMatch(
      /must NOT have fewer than 1 characters/,
    );
    expect(validateMessageBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }]).join()).toMatch(/"plain_text"/);
    expect(validateMessageBlocks([{ type: 'alert', text: { type: 'plain_text', text: 'x' } }]).join()).toMatch(
      /not allowed in a message/,
    );
    expect(validateMessageBlocks([])).toEqual(['blocks: must contain at least one block']);

    const dupAction = [
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x' } },
          { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'y' } },
        ],
      },
    ];
    expect(validateMessageBlocks(dupAction)).toEqual(['blocks[0]: action_id "a" used twice in one block']);
    expect(() => expectValidBlocks(longButton)).toThrow(/invalid Block Kit payload/);
  });

  it('rejects a card whose mutation breaks a limit (so the card tests can fail)', () => {
    const { blocks } = buildEscalationCard(escalation(), ctx());
    const broken = structuredClone(blocks);
    const header = broken[0] as HeaderBlock;
    header.text.text = 'h'.repeat(151);
    expect(validateMessageBlocks(broken).join()).toMatch(
      /blocks\[0\] \(header\)\/text\/text: must NOT have more than 150 characters/,
    );
  });
});
