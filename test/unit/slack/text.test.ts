import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  formatDuration,
  formatMoney,
  link,
  mention,
  quote,
  safeUrl,
  truncate,
  truncateMrkdwn,
} from '../../../src/slack/blocks/text.js';
import { threadLine } from '../../../src/slack/blocks/thread.js';
import { BlockId, blockIdWithEscalation, escalationIdFromBlockId } from '../../../src/slack/ids.js';

describe('truncate', () => {
  it('leaves short text alone and cuts long text to max with an ellipsis', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 8).length).toBeLessThanOrEqual(8);
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits a surrogate pair or a grapheme cluster', () => {
    const family = '👩‍👩‍👧‍👦'; // 11 UTF-16 units, one grapheme
    const cut = truncate(`ab${family}${family}`, 14);
    expect(cut).toBe(`ab${family}…`);
    for (let max = 1; max < 30; max++) {
      const t = truncate(`😀😀😀 é${family}x`.repeat(2), max);
      expect(t.length).toBeLessThanOrEqual(max);
      // no lone surrogate halves anywhere
      expect(t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('truncateMrkdwn does not leave half an entity or half a link', () => {
    expect(truncateMrkdwn(`${'a'.repeat(8)}&amp;&amp;`, 12)).toBe('aaaaaaaa…');
    expect(truncateMrkdwn(`see <https://example.com/a|link> now`, 15)).toBe('see…');
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });
});

describe('escaping and links', () => {
  it('escapes the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('<@U1> & <!here>')).toBe('&lt;@U1&gt; &amp; &lt;!here&gt;');
  });

  it('quotes every line and escapes inside the quote', () => {
    expect(quote('a\n> b', 100)).toBe('>a\n>&gt; b');
  });

  it('accepts only http(s) URLs and encodes characters that would end a link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('ftp://x.example/')).toBeUndefined();
    expect(safeUrl('https://x.example/a|b')).toBe('https://x.example/a%7Cb');
    expect(link('https://x.example/', 'a>b')).toBe('<https://x.example/|a&gt;b>');
    expect(link('nope', 'label')).toBe('label');
  });

  it('mentions only real Slack user ids', () => {
    expect(mention('U0ABC123')).toBe('<@U0ABC123>');
    expect(mention('W0ABC123')).toBe('<@W0ABC123>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
    expect(mention(null)).toBe('someone');
  });

  it('formats durations and money', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(50 * 3600_000)).toBe('2d 2h');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatMoney({ amount: '1234.5', currencyCode: 'EUR' })).toBe('€1,234.50');
    expect(formatMoney({ amount: '10', currencyCode: 'XXXX' })).toBe('10.00 XXXX');
  });
});

describe('ids', () => {
  it('round-trips an escalation id through a block_id', () => {
    const id = '3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
    const blockId = blockIdWithEscalation(BlockId.actions, id);
    expect(escalationIdFromBlockId(BlockId.actions, blockId)).toBe(id);
    expect(escalationIdFromBlockId(BlockId.escalationsRow, blockId)).toBeUndefined();
    expect(escalationIdFromBlockId(BlockId.actions, undefined)).toBeUndefined();
  });
});

describe('threadLine', () => {
  it('builds short lines with mentions for Slack ids', () => {
    expect(threadLine.claimed('U0AGENT1')).toBe(':raising_hand: <@U0AGENT1> claimed this');
    expect(threadLine.claimed('U0AGENT1', 4 * 60_000)).toBe(':raising_hand: <@U0AGENT1> claimed this after 4m');
    expect(threadLine.assigned('U0A1', 'U0A2')).toBe(':bust_in_silhouette: <@U0A1> assigned this to <@U0A2>');
    expect(threadLine.assigned('U0A1', 'U0A1')).toContain('to themselves');
    expect(threadLine.labelled('U0A1', ['refund', 'vip'])).toBe(':label: <@U0A1> set labels: `refund`, `vip`');
    expect(threadLine.labelled('U0A1', [])).toContain('_none_');
    expect(threadLine.reEscalated(3, 'again')).toBe(':repeat: Re-escalated (3 times in total): again');
    expect(threadLine.resolved('U0A1')).toContain('resolved this');
    expect(threadLine.reopened('U0A1')).toContain('reopened this');
    expect(threadLine.agentMissing('Oscar Chat', 'U0A1')).toContain('No Oscar Chat agent matches <@U0A1>');
  });

  it('escapes platform and customer content', () => {
    const evil = '<!channel> & <@U0BOSS>';
    const lines = [
      threadLine.escalated('Oscar', evil),
      threadLine.reEscalated(2, evil),
      threadLine.platformAssigned('Oscar', evil),
      threadLine.platformResolved('Oscar', evil),
      threadLine.platformLabelled('Oscar', [evil]),
      threadLine.syncFailed('Oscar', 'assign', evil),
      threadLine.shopifyFailed(evil),
      threadLine.dmFailed('U0A1', evil),
      threadLine.claimed(evil),
    ];
    for (const l of lines) {
      expect(l).not.toContain('<!channel>');
      expect(l).not.toContain('<@U0BOSS>');
    }
    expect(threadLine.syncFailed('Oscar', 'assign', 'x'.repeat(5000)).length).toBeLessThan(400);
  });
});
