// The escalation domain on its own: platform events in, stored state and typed outcomes out, on
// the run's real PostgreSQL and the Shopify fake. No Slack: nothing here renders or posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.js';
import { expectEcho } from '../../../src/escalations/echoes.js';
import { Enricher } from '../../../src/escalations/enrich.js';
import { EscalationService } from '../../../src/escalations/service.js';
import { createLogger } from '../../../src/logger.js';
import type { Customer, PlatformEvent } from '../../../src/platforms/types.js';
import { createShopifyClient } from '../../../src/shopify/client.js';
import { type FakeShopify, startFakeShopify } from '../../fakes/shopify.js';
import { testDb } from '../../helpers/db.js';

const log = createLogger('silent');
const rules = { urgentKeywords: ['refund', 'fraud'], vipTotalSpent: 1000, lowRatingThreshold: 2 };
let db: Db;
let shopify: FakeShopify;
let service: EscalationService;
let seq = 0;

const conv = () => `dom_${Date.now()}_${++seq}`;
const key = () => `unit-delivery-${Date.now()}-${++seq}:0`;
const at = new Date('2026-11-02T10:00:00Z');
const ada: Customer = { name: 'Ada Lovelace', email: 'ada.domain@example.com' };

function escalated(conversationId: string, fields: Partial<Extract<PlatformEvent, { kind: 'escalated' }>> = {}): PlatformEvent {
  return { kind: 'escalated', conversationId, occurredAt: at, customer: ada, lastMessage: 'Where is my order?', reason: 'Bot gave up', ...fields };
}

const row = (platform: string, conversationId: string) =>
  db.escalation.findUniqueOrThrow({ where: { platform_conversationId: { platform, conversationId } } });
const audits = (escalationId: string) => db.auditEntry.findMany({ where: { escalationId }, orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  db = testDb();
  shopify = await startFakeShopify();
  shopify.addCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: ada.email as string, amountSpent: '2500.00' });
  const client = createShopifyClient(shopify.config());
  service = new EscalationService({ db, enricher: new Enricher(client), rules });
});

afterAll(async () => {
  await db?.$disconnect();
  await shopify?.close();
});

describe('escalating', () => {
  it('stores a new escalation enriched from Shopify and says "escalated"', async () => {
    const c = conv();
    const outcome = await service.handle('oscarchat', escalated(c), log, key());
    const esc = await row('oscarchat', c);
    expect(outcome).toEqual({ kind: 'escalated', escalationId: esc.id });
    expect(esc).toMatchObject({ status: 'open', vip: true, priority: 'high', reason: 'Bot gave up', escalationCount: 1 });
    expect((esc.shopify as { status: string }).status).toBe('found');
    expect((await audits(esc.id)).map((a) => a.action)).toEqual(['escalated']);
  });

  it('applies one event once: the same key returns the first outcome and writes nothing again', async () => {
    const c = conv();
    const k = key();
    const first = await service.handle('oscarchat', escalated(c), log, k);
    const again = await service.handle('oscarchat', escalated(c, { reason: 'changed' }), log, k);
    expect(again).toEqual(first);
    const esc = await row('oscarchat', c);
    expect(esc.escalationCount).toBe(1);
    expect(esc.reason).toBe('Bot gave up');
    expect(await audits(esc.id)).toHaveLength(1);
  });

  it('a second escalation of the conversation is a re-escalation that reopens a resolved one', async () => {
    const c = conv();
    await service.handle('oscarchat', escalated(c), log, key());
    await service.handle('oscarchat', { kind: 'resolved', conversationId: c, occurredAt: at, resolvedBy: { name: 'Kim' } }, log, key());
    const outcome = await service.handle('oscarchat', escalated(c, { reason: 'Still broken' }), log, key());
    const esc = await row('oscarchat', c);
    expect(outcome).toEqual({ kind: 're_escalated', escalationId: esc.id, count: 2, reason: 'Still broken' });
    expect(esc).toMatchObject({ status: 'open', escalationCount: 2, reason: 'Still broken', resolvedAt: null });
  });

  it('escalates a customer message with an urgent keyword, and only a customer message', async () => {
    const c = conv();
    const agent = await service.handle('onwebchat', { kind: 'message', conversationId: c, occurredAt: at, customer: ada, author: 'agent', text: 'refund?' }, log, key());
    expect(agent).toEqual({ kind: 'none' });
    const outcome = await service.handle('onwebchat', { kind: 'message', conversationId: c, occurredAt: at, customer: ada, author: 'customer', text: 'I want a REFUND' }, log, key());
    const esc = await row('onwebchat', c);
    expect(outcome).toEqual({ kind: 'escalated', escalationId: esc.id });
    expect(esc.reason).toBe('Urgent keywords: refund');
    expect(esc.priority).toBe('urgent');
  });

  it('escalates a low rating at high priority and ignores a good one', async () => {
    const c = conv();
    const good = await service.handle('onwebchat', { kind: 'rated', conversationId: c, occurredAt: at, customer: {}, rating: 5, scale: 5 }, log, key());
    expect(good).toEqual({ kind: 'none' });
    const bad = await service.handle('onwebchat', { kind: 'rated', conversationId: c, occurredAt: at, customer: {}, rating: 1, scale: 5 }, log, key());
    expect(bad.kind).toBe('escalated');
    expect(await row('onwebchat', c)).toMatchObject({ reason: 'Low rating: 1/5', priority: 'high' });
  });
});

describe('changes on the platform', () => {
  it('an assignment is "platform-assigned" with the agent name; the same agent again, or our own echo, is nothing', async () => {
    const c = conv();
    await service.handle('oscarchat', escalated(c), log, key());
    const assigned = { kind: 'assigned' as const, conversationId: c, occurredAt: at, assignee: { id: 'ag_1', name: 'Jonas' } };
    const outcome = await service.handle('oscarchat', assigned, log, key());
    const esc = await row('oscarchat', c);
    expect(outcome).toEqual({ kind: 'platform_assigned', escalationId: esc.id, platform: 'oscarchat', agentName: 'Jonas' });
    expect(esc).toMatchObject({ platformAgentId: 'ag_1', assigneeName: 'Jonas' });
    expect(await service.handle('oscarchat', assigned, log, key())).toEqual({ kind: 'none' });

    await expectEcho(db, esc.id, 'assigned', 'ag_2');
    const echo = await service.handle('oscarchat', { ...assigned, assignee: { id: 'ag_2', name: 'Us' } }, log, key());
    expect(echo).toEqual({ kind: 'none' });
    expect((await row('oscarchat', c)).platformAgentId).toBe('ag_1');
  });

  it('a resolution is "platform-resolved" by name, once; a retried job gets the same outcome back', async () => {
    const c = conv();
    await service.handle('shopguide', escalated(c), log, key());
    const k = key();
    const resolved = { kind: 'resolved' as const, conversationId: c, occurredAt: at, resolvedBy: { email: 'kim@example.com' }, labels: ['billing'] };
    const outcome = await service.handle('shopguide', resolved, log, k);
    const esc = await row('shopguide', c);
    expect(outcome).toEqual({ kind: 'platform_resolved', escalationId: esc.id, platform: 'shopguide', by: 'kim@example.com' });
    expect(esc).toMatchObject({ status: 'resolved', resolvedBy: 'kim@example.com', labels: ['billing'] });
    expect(await service.handle('shopguide', resolved, log, k)).toEqual(outcome);
    expect(await service.handle('shopguide', resolved, log, key())).toEqual({ kind: 'none' });
  });

  it('a customer writing after resolution reopens it; a message on an open one only updates it', async () => {
    const c = conv();
    await service.handle('oscarchat', escalated(c), log, key());
    const msg = (text: string) => ({ kind: 'message' as const, conversationId: c, occurredAt: at, customer: ada, author: 'customer' as const, text });
    const esc = await row('oscarchat', c);
    const updated = await service.handle('oscarchat', msg('any news?'), log, key());
    // The message rides along for the thread mirror (src/slack/present/escalation.ts).
    expect(updated).toMatchObject({ kind: 'updated', escalationId: esc.id, message: { event: { text: 'any news?' } } });
    expect((await row('oscarchat', c)).lastMessage).toBe('any news?');

    await service.handle('oscarchat', { kind: 'resolved', conversationId: c, occurredAt: at }, log, key());
    const k = key();
    const reopened = await service.handle('oscarchat', msg('it broke again'), log, k);
    expect(reopened).toEqual({ kind: 'reopened_by_customer', escalationId: esc.id, platform: 'oscarchat', message: { event: msg('it broke again'), key: `event:${k}` } });
    expect(await row('oscarchat', c)).toMatchObject({ status: 'open', resolvedAt: null });
    // A retried job gets the same outcome from the audit row (the message was mirrored the first time).
    expect(await service.handle('oscarchat', msg('it broke again'), log, k)).toEqual({ kind: 'reopened_by_customer', escalationId: esc.id, platform: 'oscarchat' });
  });

  it("an agent's first message on the platform records the first reply and changes the card; later ones do not", async () => {
    const c = conv();
    await service.handle('oscarchat', escalated(c), log, key());
    const esc = await row('oscarchat', c);
    const reply = (text: string, occurredAt: Date) =>
      ({ kind: 'message' as const, conversationId: c, occurredAt, customer: ada, author: 'agent' as const, text });
    const first = await service.handle('oscarchat', reply('Looking into it', at), log, key());
    // The first-reply clock (src/sla) stops: the presenter re-renders the card before mirroring the message.
    expect(first).toMatchObject({ kind: 'message', escalationId: esc.id, cardChanged: true, message: { event: { text: 'Looking into it' } } });
    expect((await row('oscarchat', c)).firstAgentReplyAt).toEqual(at);
    const later = await service.handle('oscarchat', reply('Found it', new Date(at.getTime() + 60_000)), log, key());
    expect(later).toMatchObject({ kind: 'message', cardChanged: false });
    expect((await row('oscarchat', c)).firstAgentReplyAt).toEqual(at);
  });

  it('contact details fill in the customer on an existing escalation; unknown conversations are nothing', async () => {
    const c = conv();
    await service.handle('chatdata', escalated(c, { customer: { platformId: `lead_${c}` } }), log, key());
    const contact = { kind: 'contact' as const, conversationId: 'not-known', occurredAt: at, customer: { platformId: `lead_${c}`, email: ada.email, name: 'Ada' } };
    const outcome = await service.handle('chatdata', contact, log);
    const esc = await row('chatdata', c);
    expect(outcome).toEqual({ kind: 'updated', escalationId: esc.id });
    expect(esc).toMatchObject({ customerEmail: ada.email, customerName: 'Ada' });
    expect((esc.shopify as { status: string }).status).toBe('found');
    const stranger = { ...contact, customer: { platformId: 'nobody' } };
    expect(await service.handle('chatdata', stranger, log)).toEqual({ kind: 'none' });
  });
});
