// Platforms send escalation reasons either as sentences ("Customer asked for a human") or as
// machine codes ("customer_requested_human"). People see words: known codes get a phrase, other
// codes lose their underscores. Applied where reasons are shown (cards, threads, queue, report),
// so rows stored before this change read the same way.

const PHRASES: Readonly<Record<string, string>> = {
  customer_requested_human: 'Customer asked for a human',
  customer_requested: 'Customer asked for an agent',
  customer_request: 'Customer asked for an agent',
  human_requested: 'Customer asked for a human',
  low_confidence: 'Bot was not confident in its answer',
  bot_low_confidence: 'Bot was not confident in its answer',
  complex_technical_issue: 'Complex technical issue',
  negative_sentiment: 'Customer is unhappy',
  general_inquiry: 'General question',
};

/** A code is one token of letters/digits joined by _ (or -), e.g. low_confidence, HUMAN_HANDOFF. */
const CODE = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+$/;

export function reasonInWords(reason: string): string {
  const text = reason.trim();
  if (!CODE.test(text)) return text;
  const known = PHRASES[text.toLowerCase().replace(/-/g, '_')];
  if (known) return known;
  const words = text.replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
