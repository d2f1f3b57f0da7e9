// Weekly report build time for a busy week: 10,000 escalations (plus 5,000 the week before, for
// the week-over-week figures) with ~4 audit entries each, in a scratch database. Times the DB
// read, the metrics, the blocks, the chart and the whole build (median of 3 runs each). No Slack
// and no platform APIs: posting is two or three Slack calls on top of this.
//
//   npx tsx bench/report.ts [count=10000]
//
// DATABASE_URL as for the tests. Creates handoff_bench_report_<random> and drops it afterwards.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { withDatabase } from '../scripts/migrate/postgres.js';
import { loadConfig } from '../src/config.js';
import { createPool, type Pool } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { buildReportMessage } from '../src/reports/blocks.js';
import { buildReport } from '../src/reports/build.js';
import { renderWeeklyChart } from '../src/reports/chart.js';
import { loadReportRows } from '../src/reports/load.js';
import { computeWeeklyMetrics } from '../src/reports/metrics.js';
import { weekBefore, weekRange } from '../src/reports/week.js';
import { ALL_PLATFORMS } from '../src/platforms/list.js';
import { parseBusinessHours } from '../src/sla/hours.js';
import { baseEnv } from '../test/helpers/env.js';

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const WEEK = '2026-W44';
const TZ = 'Europe/Berlin';
const RUNS = 3;
const PLATFORMS = ALL_PLATFORMS;
const PRIORITIES = ['urgent', 'high', 'normal', 'normal', 'low'];
const REASONS = ['refund', 'shipping', 'billing', 'product', 'bug', 'Customer asked for a human'];

/** Inserts `count` escalations spread over `week` with claims, resolutions and some reopens. */
async function seed(pool: Pool, week: string, count: number): Promise<number> {
  const { start, end } = weekRange(week, TZ);
  const span = end.getTime() - start.getTime();
  let auditRows = 0;
  for (let offset = 0; offset < count; offset += 1000) {
    const esc: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
    const aud: unknown[][] = [[], [], [], [], []];
    for (let i = offset; i < Math.min(count, offset + 1000); i++) {
      const id = `${week}-${i}-${randomBytes(4).toString('hex')}`;
      const first = start.getTime() + Math.floor((((i * 7919) % count) / count) * span);
      const agent = `U0AGENT${String(i % 40).padStart(2, '0')}`;
      const claim = first + (30 + ((i * 37) % 3600)) * 1000;
      const resolved = i % 5 !== 0 ? first + (600 + ((i * 131) % 86_400)) * 1000 : null;
      for (const [k, v] of [
        id,
        PLATFORMS[i % 5],
        `c-${id}`,
        PRIORITIES[i % 5],
        i % 9 === 0,
        REASONS[i % 6],
        new Date(first),
        new Date(claim),
        agent,
        resolved ? new Date(resolved) : null,
      ].entries())
        esc[k]?.push(v);
      const add = (action: string, at: number, actor: string | null) => {
        for (const [k, v] of [id, action, actor, new Date(at), `${id}-${action}-${at}`].entries()) aud[k]?.push(v);
        auditRows++;
      };
      add('escalated', first, null);
      add('claimed', claim, agent);
      if (i % 11 === 0) add('rejected', claim + 5000, 'U0AGENT99');
      if (resolved) add('resolved', resolved, agent);
      if (resolved && i % 17 === 0) {
        add('reopened', resolved + 60_000, null);
        add('resolved', resolved + 3_600_000, agent);
      }
    }
    // UTC wall-clock times, as Prisma stores them in timestamp(3) columns.
    await pool.query(
      `INSERT INTO "Escalation" (id, platform, "conversationId", priority, vip, reason, "firstEscalatedAt",
         "lastEscalatedAt", "claimedAt", "claimedBySlackId", "resolvedAt", status, "updatedAt")
       SELECT id, p, c, pr, v, r, f AT TIME ZONE 'UTC', f AT TIME ZONE 'UTC', cl AT TIME ZONE 'UTC', a,
              rs AT TIME ZONE 'UTC', CASE WHEN rs IS NULL THEN 'claimed' ELSE 'resolved' END, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::timestamptz[],
                     $8::timestamptz[], $9::text[], $10::timestamptz[]) AS t(id, p, c, pr, v, r, f, cl, a, rs)`,
      esc,
    );
    await pool.query(
      `INSERT INTO "AuditEntry" (id, "escalationId", action, source, "actorSlackId", "createdAt")
       SELECT k, e, a, 'slack', s, t AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS x(e, a, s, t, k)`,
      aud,
    );
  }
  return auditRows;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

async function main(): Promise<void> {
  const databaseUrl = withDatabase(
    process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    `handoff_bench_report_${randomBytes(4).toString('hex')}`,
  );
  await ensureDatabase(databaseUrl);
  const pool = createPool(databaseUrl, { max: 4 });
  try {
    await migrateDeploy({ databaseUrl });
    const t = performance.now();
    const audit = (await seed(pool, WEEK, COUNT)) + (await seed(pool, weekBefore(WEEK), Math.floor(COUNT / 2)));
    await pool.query('ANALYZE');
    console.log(
      `seeded ${COUNT} + ${Math.floor(COUNT / 2)} escalations, ${audit} audit entries in ${Math.round(performance.now() - t)} ms`,
    );

    const config = loadConfig(baseEnv({ DATABASE_URL: databaseUrl, REPORT_TIMEZONE: TZ }));
    const rows = await loadReportRows(pool, WEEK, TZ);
    const input = { timezone: TZ, slaClaimMinutes: 15, ...rows };
    const metrics = computeWeeklyMetrics({ ...input, week: WEEK });
    const prev = computeWeeklyMetrics({ ...input, week: weekBefore(WEEK) });
    const deps = { config, pool, platformApis: new Map(), adapters: new Map(), logger: createLogger('silent') };
    const figures: Array<[string, number]> = [
      [
        `DB read (${rows.escalations.length} escalations, ${rows.audit.length} audit rows)`,
        await median(() => loadReportRows(pool, WEEK, TZ)),
      ],
      [
        'metrics (both weeks)',
        await median(async () => {
          computeWeeklyMetrics({ ...input, week: WEEK });
          computeWeeklyMetrics({ ...input, week: weekBefore(WEEK) });
        }),
      ],
      [
        'metrics (both weeks), SLA in BUSINESS_HOURS Mon-Fri 09-17',
        await median(async () => {
          const sla = { claimMinutes: 15, urgentClaimMinutes: 7.5, hours: parseBusinessHours('Mon-Fri 09:00-17:00', TZ) };
          computeWeeklyMetrics({ ...input, sla, week: WEEK });
          computeWeeklyMetrics({ ...input, sla, week: weekBefore(WEEK) });
        }),
      ],
      ['blocks', await median(async () => buildReportMessage(metrics, prev, [], { timezone: TZ }))],
      ['chart (PNG)', await median(() => renderWeeklyChart(metrics.perDay))],
      ['end-to-end build', await median(() => buildReport(deps, WEEK))],
    ];
    console.log(
      `week ${metrics.label}: ${metrics.total} escalations, median claim ${Math.round(metrics.timeToClaim.median ?? 0)} s, ${metrics.perAgent.length} agents`,
    );
    for (const [label, ms] of figures) console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms (median of ${RUNS})`);
  } finally {
    await pool.end();
    await dropDatabase(databaseUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
