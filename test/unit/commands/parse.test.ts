import { describe, expect, it } from 'vitest';
import { decodeRef, encodeRef } from '../../../src/commands/lookup.js';
import { parseEscalationsCommand, parseOrderCommand, slackPlainText } from '../../../src/commands/parse.js';
import { weekStart } from '../../../src/commands/open-escalations.js';

describe('slackPlainText', () => {
  it('undoes the entities Slack escapes in command text', () => {
    expect(slackPlainText('Smith &amp; Sons &lt;3 &gt;')).toBe('Smith & Sons <3 >');
    // Decoded once: a literal "&amp;lt;" typed by the user stays "&lt;".
    expect(slackPlainText('&amp;lt;')).toBe('&lt;');
  });

  it("keeps what the user sees of Slack's own markup", () => {
    expect(slackPlainText('<mailto:ada@example.com|ada@example.com>')).toBe('ada@example.com');
    expect(slackPlainText('<mailto:ada@example.com>')).toBe('ada@example.com');
    expect(slackPlainText('<https://x.example/a|x.example/a>')).toBe('x.example/a');
    expect(slackPlainText('  Maria \t  Keller ')).toBe('Maria Keller');
  });
});

describe('parseOrderCommand', () => {
  it('classifies order numbers, emails and names', () => {
    expect(parseOrderCommand('#1001')).toMatchObject({ kind: 'lookup', classified: { kind: 'order', value: '#1001' } });
    expect(parseOrderCommand(' 1001 ')).toMatchObject({ kind: 'lookup', classified: { kind: 'order', value: '#1001' } });
    expect(parseOrderCommand('<mailto:Ada@Example.com|Ada@Example.com>')).toMatchObject({
      kind: 'lookup',
      classified: { kind: 'email', value: 'ada@example.com' },
    });
    expect(parseOrderCommand('Maria Keller')).toMatchObject({
      kind: 'lookup',
      query: 'Maria Keller',
      classified: { kind: 'name' },
    });
    expect(parseOrderCommand('Zoë Ødegård')).toMatchObject({ kind: 'lookup', classified: { kind: 'name' } });
  });

  it('asks for usage on empty, help and junk, echoing the input safely', () => {
    for (const text of ['', '   ', 'help', '--help', '?']) expect(parseOrderCommand(text)).toEqual({ kind: 'usage' });
    const junk = parseOrderCommand('#');
    expect(junk.kind).toBe('usage');
    const hostile = parseOrderCommand('&lt;!&gt; `x');
    expect(hostile).toMatchObject({ kind: 'usage' });
    // Shown back escaped and without its backtick, so it can't break out of the code span.
    expect(hostile.kind === 'usage' && hostile.problem).toContain("`&lt;!&gt; 'x`");
    expect(parseOrderCommand('x'.repeat(201))).toMatchObject({
      kind: 'usage',
      problem: expect.stringContaining('201 characters'),
    });
  });
});

describe('parseEscalationsCommand', () => {
  it('defaults to all (and says so) with no argument', () => {
    expect(parseEscalationsCommand('')).toEqual({ kind: 'list', filter: 'all', defaulted: true });
    expect(parseEscalationsCommand(undefined)).toEqual({ kind: 'list', filter: 'all', defaulted: true });
  });

  it('takes mine, unclaimed and all in any case', () => {
    expect(parseEscalationsCommand('MINE')).toEqual({ kind: 'list', filter: 'mine', defaulted: false });
    expect(parseEscalationsCommand(' unclaimed ')).toEqual({ kind: 'list', filter: 'unclaimed', defaulted: false });
    expect(parseEscalationsCommand('all')).toEqual({ kind: 'list', filter: 'all', defaulted: false });
  });

  it('asks for usage otherwise', () => {
    expect(parseEscalationsCommand('help')).toEqual({ kind: 'usage' });
    const bad = parseEscalationsCommand('mine please');
    expect(bad).toMatchObject({ kind: 'usage', problem: expect.stringContaining('`mine please`') });
  });
});

describe('button references', () => {
  it('round-trip orders and customers', () => {
    expect(decodeRef(encodeRef({ kind: 'order', name: '#1001' }))).toEqual({ kind: 'order', name: '#1001' });
    expect(decodeRef(encodeRef({ kind: 'customer', id: '42' }))).toEqual({ kind: 'customer', id: '42' });
  });

  it('reject anything else', () => {
    for (const v of [
      undefined,
      '',
      'order:',
      'customer:abc',
      'customer:gid://shopify/Customer/1',
      'email:a@b.c',
      ':x',
      'nothing',
    ]) {
      expect(decodeRef(v)).toBeUndefined();
    }
  });
});

describe('weekStart', () => {
  it('is Monday 00:00 in the zone', () => {
    // Wednesday 2026-11-18 12:00 UTC.
    const wed = new Date('2026-11-18T12:00:00Z');
    expect(weekStart(wed, 'UTC').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(weekStart(wed, 'America/New_York').toISOString()).toBe('2026-11-16T05:00:00.000Z');
    expect(weekStart(wed, 'Asia/Tokyo').toISOString()).toBe('2026-11-15T15:00:00.000Z');
  });

  it('on Sunday night UTC, Tokyo is already in the next week', () => {
    const sun = new Date('2026-11-22T20:00:00Z');
    expect(weekStart(sun, 'UTC').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(weekStart(sun, 'Asia/Tokyo').toISOString()).toBe('2026-11-22T15:00:00.000Z');
  });

  it('uses the offset in force on Monday across a DST change', () => {
    // Europe/Berlin leaves DST on Sunday 2026-10-25: Monday 10-19 00:00 is still CEST (UTC+2).
    expect(weekStart(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(weekStart(new Date('2026-10-27T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
