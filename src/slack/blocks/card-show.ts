// How much of each piece of user content the card shows (raw characters, before escaping).
export const SHOW = {
  name: 120,
  email: 200,
  phone: 40,
  reason: 400,
  lastMessage: 700,
  transcriptLines: 5,
  transcriptLine: 240,
  orders: 5,
  tags: 300,
  triage: 700,
  error: 300,
  fallbackReason: 100,
} as const;
