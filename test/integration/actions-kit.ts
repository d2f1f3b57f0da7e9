// Shared set-up for the Slack actions integration tests: the real handoff (HTTP, Bolt, workers)
// on PostgreSQL + Redis, with Slack, Shopify and Oscar Chat as local HTTP fakes, and helpers that
// post Slack-signed block_actions for a card's controls.
import { randomUUID } from 'node:crypto';
import type { Tuning } from '../../src/container.js';
import type { Db, Escalation } from '../../src/db/client.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../../src/slack/ids.js';
import { type OscarFake, type RecordedCall, startOscarFake } from '../fakes/oscar.js';
import type { FakeSlackMessage } from '../fakes/slack.js';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, type Harness, SIGNING_SECRET, startHarness } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest, type SignedRequest } from '../helpers/slack-requests.js';

export const USERS = {
  jane: { id: 'U0JANE', name: 'jane', real_name: 'Jane Doe', email: 'jane@keller-home.example' },
  bob: { id: 'U0BOB', name: 'bob', real_name: 'Bob Roe', email: 'Bob@Keller-Home.example' },
  kim: { id: 'U0KIM', name: 'kim', real_name: 'Kim Lee', email: 'kim@keller-home.example' },
  /** No Oscar agent has this email. */
  nora: { id: 'U0NORA', name: 'nora', real_name: 'Nora Nomatch', email: 'nora@elsewhere.example' },
} as const;

export const AGENTS = [
  { id: 'ag_jane', name: 'Jane D.', email: 'jane@keller-home.example' },
  { id: 'ag_bob', name: 'Bob R.', email: 'bob@keller-home.example' },
  { id: 'ag_kim', name: 'Kim L.', email: 'kim@keller-home.example' },
  { id: 'ag_jonas', name: 'Jonas Brandt', email: 'jonas@keller-home.example' },
];

export type Control = 'claim' | 'release' | 'assign' | 'label' | 'resolve' | 'reopen';

export interface Kit {
  h: Harness;
  oscar: OscarFake;
  db: Db;
  /** A fresh Oscar conversation escalated through the webhook, with its card posted. */
  escalate(): Promise<Escalation>;
  /** A Slack-signed click on one of the card's controls (not sent). */
  clickRequest(
    user: string,
    esc: Escalation,
    control: Control,
    extra?: { assignee?: string; labels?: string[]; responseUrl?: string },
  ): SignedRequest;
  click(
    user: string,
    esc: Escalation,
    control: Control,
    extra?: { assignee?: string; labels?: string[]; responseUrl?: string },
  ): Promise<Response>;
  card(esc: Escalation): FakeSlackMessage;
  cardText(esc: Escalation): string;
  updates(esc: Escalation): number;
  thread(esc: Escalation): string[];
  oscarCalls(esc: Escalation, sub?: string): RecordedCall[];
  row(esc: Escalation): Promise<Escalation>;
  stop(): Promise<void>;
}

let seq = 0;

export async function startKit(
  opts: { backoffBaseMs?: number; tuning?: Tuning; env?: Record<string, string> } = {},
): Promise<Kit> {
  const oscar = await startOscarFake({ apiKey: 'oscar-test-key', workspaceId: 'ws_test' });
  oscar.agents = AGENTS.map((a) => ({ ...a }));
  const h = await startHarness({
    env: { OSCAR_API_URL: oscar.url, ...opts.env },
    // Test files share one database: a short "stranded" age would let this harness's sweeper take
    // other files' in-flight deliveries (and theirs ours), posting cards to the wrong fake Slack.
    tuning: { backoffBaseMs: opts.backoffBaseMs ?? 20, strandedAfterMs: 10 * 60_000, ...opts.tuning },
  });
  for (const u of Object.values(USERS)) h.slack.addUser({ ...u });
  const db = testDb();

  const controls: Record<Control, string> = {
    claim: ActionId.claim,
    release: ActionId.release,
    assign: ActionId.assign,
    label: ActionId.label,
    resolve: ActionId.resolve,
    reopen: ActionId.reopen,
  };

  const kit: Kit = {
    h,
    oscar,
    db,
    async escalate() {
      // Seeded and posted through handoff's own card publisher rather than a webhook: the webhook
      // pipeline has its own tests, and these only need a stored escalation with a posted card.
      seq += 1;
      const conversationId = `conv_act_${randomUUID()}`;
      oscar.conversation(conversationId, {
        contact: { id: `ct_${seq}`, name: 'Maria Keller', email: 'maria.keller@example.com' },
      });
      const esc = await db.escalation.create({
        data: {
          platform: 'oscarchat',
          conversationId,
          conversationUrl: `https://app.oscarchat.ai/conversations/${conversationId}`,
          reason: 'customer_requested_human',
          customerName: 'Maria Keller',
          customerEmail: 'maria.keller@example.com',
          platformCustomerId: `ct_${seq}`,
          lastMessage: 'I was charged twice and I want a refund',
        },
      });
      return h.running.container.cards.publish(esc.id);
    },
    clickRequest(user, esc, control, extra = {}) {
      const blockId = blockIdWithEscalation(BlockId.actions, esc.id);
      const element: Record<string, unknown> & { action_id: string } =
        control === 'assign'
          ? { action_id: controls.assign, block_id: blockId, type: 'users_select', selected_user: extra.assignee }
          : control === 'label'
            ? {
                action_id: controls.label,
                block_id: blockId,
                type: 'multi_static_select',
                selected_options: (extra.labels ?? []).map((l) => ({ text: { type: 'plain_text', text: l }, value: l })),
              }
            : { action_id: controls[control], block_id: blockId, type: 'button', value: esc.id };
      const payload = blockActionPayload({
        userId: user,
        channel: ESCALATION_CHANNEL,
        messageTs: esc.slackTs as string,
        action: element,
        responseUrl: extra.responseUrl ?? h.slack.responseUrl(),
      });
      return interactionRequest(SIGNING_SECRET, payload);
    },
    click(user, esc, control, extra) {
      return h.post('/slack/events', kit.clickRequest(user, esc, control, extra));
    },
    card(esc) {
      const m = h.slack.message(ESCALATION_CHANNEL, esc.slackTs as string);
      if (!m) throw new Error(`no card ${esc.slackTs}`);
      return m;
    },
    cardText: (esc) => JSON.stringify(kit.card(esc).blocks ?? []),
    updates: (esc) => kit.card(esc).updates,
    thread: (esc) => h.slack.threadReplies(ESCALATION_CHANNEL, esc.slackTs as string).map((m) => m.text ?? ''),
    oscarCalls: (esc, sub) => oscar.calls.filter((c) => c.path.startsWith(`/conversations/${esc.conversationId}/${sub ?? ''}`)),
    row: (esc) => db.escalation.findUniqueOrThrow({ where: { id: esc.id } }),
    async stop() {
      await h?.stop();
      await oscar?.close();
      await db?.$disconnect();
    },
  };
  return kit;
}

/** Let in-flight jobs run, for tests that assert nothing more happens. */
export const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
