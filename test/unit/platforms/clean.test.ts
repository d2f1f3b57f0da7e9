import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanText, MAX_TEXT_LENGTH } from '../../../src/platforms/shared/clean.js';

describe('cleanText', () => {
  it('drops NUL and other C0/C1 controls but keeps newlines and tabs', () => {
    expect(cleanText('a\u0000b\u0007c\u0085d\te\nf')).toBe('abcd\te\nf');
    expect(cleanText('line\r\nnext\rlast')).toBe('line\nnext\nlast');
  });

  it('removes whole escape sequences, not just the ESC', () => {
    expect(cleanText('\u001b[31mred\u001b[0m text')).toBe('red text');
    expect(cleanText('\u001b]0;title\u0007after')).toBe('after');
    expect(cleanText('x\u001bMy')).toBe('xy');
  });

  it('removes bidi overrides and isolates that disguise text', () => {
    expect(cleanText('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanText('\u2066a\u2069\u202ab\u202c')).toBe('ab');
  });

  it('keeps ordinary text, accents and emoji as they are', () => {
    const text = 'Où est ma commande #1001? 📦 — 注文';
    expect(cleanText(text)).toBe(text);
  });

  it('replaces lone surrogates and bounds the length without splitting a pair', () => {
    expect(cleanText('a\ud800b')).toBe('a\ufffdb');
    const long = `${'x'.repeat(MAX_TEXT_LENGTH - 1)}😀tail`;
    const cut = cleanText(long);
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH + 1);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff]…$/.test(cut)).toBe(false);
  });
});

describe('cleanDeep', () => {
  it('cleans every string in nested objects and arrays and keeps dates', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const out = cleanDeep({ a: 'x\u0000', b: [{ c: '\u001b[1my' }], at, n: 3 });
    expect(out).toEqual({ a: 'x', b: [{ c: 'y' }], at, n: 3 });
    expect(out.at).toBe(at);
  });
});
