// The example values in .env.example look valid on purpose (so the file documents each format),
// which is exactly why a copied-but-unedited .env must be refused: it would boot "healthy" and
// never receive or post anything. Matched by the example's own values, not by guessing.

/** The .env.example value of each setting a real deployment must replace. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'xoxb-your-bot-token',
  SLACK_SIGNING_SECRET: 'your-signing-secret',
  SLACK_ESCALATION_CHANNEL: 'C0123456789',
  SLACK_REPORT_CHANNEL: 'C0123456789',
  SHOPIFY_SHOP: 'your-store.myshopify.com',
  SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_your_admin_api_token',
};

/** Problems for every setting still holding its .env.example placeholder. */
export function placeholderProblems(env: Record<string, unknown>): Array<{ key: string; message: string }> {
  return Object.entries(PLACEHOLDERS)
    .filter(([key, example]) => typeof env[key] === 'string' && (env[key] as string).trim() === example)
    .map(([key]) => ({ key, message: 'is still the example value from .env.example; put your real value in .env' }));
}
