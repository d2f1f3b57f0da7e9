// The weekly report's AI lines from the database: drafts by outcome (created in the week) and
// suggested labels accepted (on the week's escalations), read by the report's own loader.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/db/client.js';
import { buildReportMessage } from '../../src/reports/blocks.js';
import { loadReportRows } from '../../src/reports/load.js';
import { computeWeeklyMetrics } from '../../src/reports/metrics.js';
import { reportAsText } from '../../src/reports/text.js';
import { testDatabaseUrl, testDb } from '../helpers/db.js';

const db = testDb();
const pool = createPool(testDatabaseUrl());
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
});

// A week no other test writes to.
const WEEK = '2021-W10';
const IN_WEEK = new Date('2021-03-10T12:00:00Z');
const BEFORE = new Date('2021-03-01T12:00:00Z');

describe('weekly report: AI assist', () => {
  it('counts drafts sent unchanged, edited and discarded, and suggested labels accepted', async () => {
    const esc = (labels: string[], suggestedLabels: string[] | undefined, at = IN_WEEK) =>
      db.escalation.create({
        data: {
          platform: 'generic',
          conversationId: `ai_report_${randomUUID()}`,
          labels,
          firstEscalatedAt: at,
          triage: suggestedLabels ? { summary: 's', category: 'other', suggestedPriority: 'normal', sentiment: 'neutral', suggestedLabels } : undefined,
        },
      });
    const a = await esc(['refund'], ['refund', 'shipping']);
    const b = await esc(['shipping', 'damaged'], ['damaged']);
    await esc([], undefined);
    const outcomes = ['sent_unchanged', 'sent_unchanged', 'sent_edited', 'discarded', 'shown'];
    for (const outcome of outcomes) {
      await db.aiDraft.create({ data: { escalationId: a.id, text: 'draft', inputHash: 'h', outcome, createdAt: IN_WEEK } });
    }
    // Last week's draft is last week's.
    await db.aiDraft.create({ data: { escalationId: b.id, text: 'draft', inputHash: 'h', outcome: 'sent_edited', createdAt: BEFORE } });

    const rows = await loadReportRows(pool, WEEK, 'UTC');
    const m = computeWeeklyMetrics({ week: WEEK, timezone: 'UTC', slaClaimMinutes: 15, ...rows });
    expect(m.ai).toEqual({
      drafts: { total: 5, sentUnchanged: 2, sentEdited: 1, notSent: 2 },
      labels: { suggested: 3, accepted: 2 },
    });
    const text = reportAsText(buildReportMessage(m, null, [], { timezone: 'UTC' }));
    expect(text).toContain('Drafted replies: 5 · sent unchanged 2 (40%) · edited 1 (20%) · discarded 2 (40%)');
    expect(text).toContain('Suggested labels: 2 of 3 accepted (67%)');
  });

  it('a week without AI has no AI lines', () => {
    const m = computeWeeklyMetrics({ week: '2021-W11', timezone: 'UTC', slaClaimMinutes: 15, escalations: [], audit: [], drafts: [] });
    expect(m.ai).toBeUndefined();
  });
});
