// Echo expectations in PostgreSQL: each one is used up by exactly one webhook, and a stale one
// can't hide a real change for longer than its time to live.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { consumeEcho, ECHO_TTL_MS, expectEcho, forgetEcho } from '../../src/escalations/echoes.js';
import { testDb } from '../helpers/db.js';

let db: Db;
let escalationId: string;

beforeAll(async () => {
  db = testDb();
  const esc = await db.escalation.create({ data: { platform: 'oscarchat', conversationId: `conv_echo_${randomUUID()}` } });
  escalationId = esc.id;
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('platform echoes', () => {
  it('one expectation absorbs one webhook, even when two workers see it at once', async () => {
    await expectEcho(db, escalationId, 'assigned', 'ag_1');
    const seen = await Promise.all([
      consumeEcho(db, escalationId, 'assigned', 'ag_1'),
      consumeEcho(db, escalationId, 'assigned', 'ag_1'),
    ]);
    expect(seen.sort()).toEqual([false, true]);
    expect(await consumeEcho(db, escalationId, 'assigned', 'ag_1')).toBe(false);
  });

  it('matches on kind and value only', async () => {
    await expectEcho(db, escalationId, 'resolved');
    expect(await consumeEcho(db, escalationId, 'assigned', 'ag_2')).toBe(false);
    expect(await consumeEcho(db, escalationId, 'resolved')).toBe(true);
  });

  it('a forgotten or expired expectation does not swallow a real change', async () => {
    const id = await expectEcho(db, escalationId, 'assigned', 'ag_3');
    await forgetEcho(db, id);
    expect(await consumeEcho(db, escalationId, 'assigned', 'ag_3')).toBe(false);

    const longAgo = new Date(Date.now() - ECHO_TTL_MS - 1000);
    await expectEcho(db, escalationId, 'assigned', 'ag_4', longAgo);
    expect(await consumeEcho(db, escalationId, 'assigned', 'ag_4')).toBe(false);
    expect(await db.platformEcho.count({ where: { escalationId } })).toBe(0);
  });
});
