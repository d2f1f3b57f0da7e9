import { describe, expect, it } from 'vitest';
import { luhnValid, NAME_PLACEHOLDER, redact, refillName } from '../../../src/ai/redact.js';

describe('redact: what leaves for the model', () => {
  it('masks emails, phone numbers, card numbers and street addresses; keeps order numbers and dates', () => {
    const text = [
      'Hi, I am Maria Keller, write to maria.keller@example.com or m.k+shop@mail.co.uk.',
      'Call me on +49 170 1234567 or (555) 123-4567.',
      'My card 4111 1111 1111 1111 was charged twice for order #1042 on 2026-11-20.',
      'Ship to 221B Baker Street, London NW1 6XE, or Hauptstraße 5, or 12 rue de la Paix.',
      'Tracking 1Z999AA10123456784 says nothing.',
    ].join(' ');
    const out = redact(text, { customerName: 'Maria Keller' });
    for (const leaked of ['maria.keller@example.com', 'm.k+shop', '170 1234567', '123-4567', '4111', 'Baker', 'Hauptstraße 5', 'rue de la Paix', 'NW1 6XE', 'Maria', 'Keller']) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('[email]');
    expect(out).toContain('[phone]');
    expect(out).toContain('[card number]');
    expect(out).toContain('[address]');
    expect(out).toContain(NAME_PLACEHOLDER);
    expect(out).toContain('#1042');
    expect(out).toContain('2026-11-20');
    expect(out).toContain('1Z999AA10123456784');
  });

  it('a long number that fails the Luhn check is not a card (an order or tracking number stays)', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(redact('card 4111 1111 1111 1111')).toBe('card [card number]');
    expect(redact('parcel 4111111111111112345')).toBe('parcel 4111111111111112345');
  });

  it('masks values known to be the customer’s wherever they appear, and name parts as whole words only', () => {
    expect(redact('reach me at 0171/99 88 77', { known: ['0171/99 88 77'] })).toBe('reach me at [personal data]');
    expect(redact('Keller here; the kellerman box', { customerName: 'Maria Keller' })).toBe(`${NAME_PLACEHOLDER} here; the kellerman box`);
  });

  it('refills the placeholder with the first name', () => {
    expect(refillName(`Hi ${NAME_PLACEHOLDER}, your parcel is on its way.`, 'Maria Keller')).toBe('Hi Maria, your parcel is on its way.');
    expect(refillName(`Hallo ${NAME_PLACEHOLDER}, danke.`, null)).toBe('Hallo, danke.');
  });
});
