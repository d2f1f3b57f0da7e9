// Builds one week's report: rows from the database, metrics, the platforms' own figures, the
// Slack message and the chart. Posting is someone else's job (post.ts); the CLI's --dry-run
// uses this alone.
import type { Container } from '../container.js';
import { platformName as platformNameOf } from '../platforms/list.js';
import { buildReportMessage, type PlatformSection, type ReportMessage } from './blocks.js';
import { renderWeeklyChart } from './chart.js';
import { loadReportRows } from './load.js';
import { computeWeeklyMetrics, type WeeklyMetrics } from './metrics.js';
import { weekBefore } from './week.js';
import { withTimeout } from '../timeout.js';

export type ReportDeps = Pick<Container, 'config' | 'pool' | 'platformApis' | 'adapters' | 'logger'>;

export interface BuiltReport {
  week: string;
  metrics: WeeklyMetrics;
  previous: WeeklyMetrics;
  message: ReportMessage;
  chart: Buffer;
  /** Time spent per step, ms (logged, and printed by bench/report.ts). */
  timings: { read: number; metrics: number; platforms: number; blocks: number; chart: number };
}

/** A platform reporting API slower than this is left out with a note; the report still posts. */
export const PLATFORM_REPORT_TIMEOUT_MS = 15_000;

export async function buildReport(
  deps: ReportDeps,
  week: string,
  opts: { platformTimeoutMs?: number } = {},
): Promise<BuiltReport> {
  const { config } = deps;
  const timezone = config.report.timezone;
  const t0 = performance.now();
  const rows = await loadReportRows(deps.pool, week, timezone);
  const t1 = performance.now();
  const input = { timezone, slaClaimMinutes: config.slaClaimMinutes, sla: config.sla, now: new Date(), ...rows };
  const metrics = computeWeeklyMetrics({ ...input, week });
  const previous = computeWeeklyMetrics({ ...input, week: weekBefore(week) });
  const t2 = performance.now();
  const sections = await platformSections(deps, metrics, opts.platformTimeoutMs ?? PLATFORM_REPORT_TIMEOUT_MS);
  const t3 = performance.now();
  const message = buildReportMessage(metrics, previous, sections, { timezone });
  const t4 = performance.now();
  const chart = await renderWeeklyChart(metrics.perDay, { title: `Escalations · ${metrics.label}` });
  const t5 = performance.now();
  return {
    week: metrics.week,
    metrics,
    previous,
    message,
    chart,
    timings: { read: t1 - t0, metrics: t2 - t1, platforms: t3 - t2, blocks: t4 - t3, chart: t5 - t4 },
  };
}

/** Each configured platform reporting API, in parallel, each bounded by the timeout. */
async function platformSections(deps: ReportDeps, m: WeeklyMetrics, timeoutMs: number): Promise<PlatformSection[]> {
  const entries = [...deps.platformApis].filter(([, api]) => typeof api.report === 'function');
  return Promise.all(
    entries.map(async ([id, api]): Promise<PlatformSection> => {
      const platformName = platformNameOf(id);
      try {
        const report = api.report?.(m.start, m.end) ?? Promise.reject(new Error('no report API'));
        const summary = await withTimeout(report, timeoutMs, `no answer within ${Math.round(timeoutMs / 1000)} s`);
        return { platformName, platformId: id, summary };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        deps.logger.warn({ platform: id, err: reason }, 'platform report unavailable');
        return { platformName, platformId: id, error: reason };
      }
    }),
  );
}
