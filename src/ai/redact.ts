// What customer text looks like before it leaves for OpenAI: emails, phone numbers, card-like
// numbers (Luhn-valid, 13-19 digits) and street addresses are replaced by a tag; the customer's
// name (whole, or any part of it) by a placeholder the draft is re-filled with afterwards.
// Pure functions: the unit tests feed them every shape the README promises to mask.

export const NAME_PLACEHOLDER = '[CUSTOMER_NAME]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// A run of digits with the separators people type in card and phone numbers.
const DIGIT_RUN = /(?<![\p{L}\p{N}#])(?:\+|00)?\(?\d[\d\s().\-/]{5,}\d(?![\p{L}\p{N}])/gu;
// A house number next to a street word, in the languages the shops' customers write in:
// "221B Baker Street", "12 rue de la Paix", "Hauptstraße 5", "Calle Mayor 3", "Via Roma 10".
const STREET_WORDS =
  'street|st\\.?|avenue|ave\\.?|road|rd\\.?|boulevard|blvd\\.?|lane|ln\\.?|drive|dr\\.?|way|court|ct\\.?|place|pl\\.?|square|sq\\.?|terrace|parkway|highway|hwy';
const NUMBER_FIRST = new RegExp(
  `\\b\\d{1,5}[a-z]?,?\\s+(?:[\\p{L}'.-]+\\s+){0,4}(?:${STREET_WORDS})\\b`,
  'giu',
);
const STREET_SUFFIX = /\b[\p{L}-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|laan|straat|vej|gatan|gata)\s+\d{1,5}\s?[a-z]?\b/giu;
const STREET_FIRST = /\b(?:rue|avenue|boulevard|chemin|calle|avenida|via|viale|piazza|rua|ulica)\s+(?:[\p{L}'.-]+\s+){0,4}?\d{1,5}\b|\b\d{1,5},?\s+(?:rue|avenue|boulevard|chemin|calle|avenida|via|viale|piazza|rua)(?:\s+[\p{L}'-]+){1,4}/giu;
const POSTCODE_UK = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/g;

/** Luhn checksum over the digits of a card-like number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function maskDigitRun(run: string): string {
  const digits = run.replace(/\D/g, '');
  if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return '[card number]';
  // ISO dates and times are facts the draft may need, not phone numbers.
  if (/^\d{4}-\d{2}-\d{2}$/.test(run.trim())) return run;
  if (digits.length >= 7 && digits.length <= 15) return '[phone]';
  return run;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface RedactOptions {
  /** The customer's name as the platform or Shopify gave it. */
  customerName?: string | null;
  /** Values known to be the customer's (stored email, phone): masked wherever they appear. */
  known?: Array<string | null | undefined>;
}

/** Customer text with personal data masked, ready to leave for the model. */
export function redact(text: string, opts: RedactOptions = {}): string {
  let out = text;
  for (const value of opts.known ?? []) {
    if (value && value.trim().length >= 4) out = out.replace(new RegExp(escapeRegExp(value.trim()), 'gi'), '[personal data]');
  }
  out = out.replace(EMAIL, '[email]');
  out = out.replace(NUMBER_FIRST, '[address]').replace(STREET_SUFFIX, '[address]').replace(STREET_FIRST, '[address]');
  out = out.replace(POSTCODE_UK, '[postcode]');
  out = out.replace(DIGIT_RUN, maskDigitRun);
  return replaceName(out, opts.customerName);
}

/** The customer's full name first, then each part of it of 3+ letters, as whole words. */
function replaceName(text: string, name: string | null | undefined): string {
  const full = name?.trim();
  if (!full) return text;
  const parts = [full, ...full.split(/\s+/).filter((p) => p.length >= 3)];
  let out = text;
  for (const p of parts) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`, 'giu'), NAME_PLACEHOLDER);
  }
  return out.replace(new RegExp(`${escapeRegExp(NAME_PLACEHOLDER)}(?:\\s+${escapeRegExp(NAME_PLACEHOLDER)})+`, 'g'), NAME_PLACEHOLDER);
}

/** The model's text with the placeholder turned back into how the agent would address the customer. */
export function refillName(text: string, name: string | null | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return text.split(NAME_PLACEHOLDER).join(first || '').replace(/ +([,.!?])/g, '$1').replace(/ {2,}/g, ' ');
}
