// `handoff report [--week YYYY-Www] [--dry-run] [--out chart.png] [--json]`: builds any week's
// report on demand. --dry-run prints the message and writes the chart PNG, posting and recording
// nothing; without it the report is posted through the same once-only path as the schedule.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb, createPool } from '../db/client.js';
import { createLogger } from '../logger.js';
import { createPlatformApis } from '../platforms/apis.js';
import { createAdapters } from '../platforms/registry.js';
import { buildReport } from '../reports/build.js';
import { postReportOnce } from '../reports/post.js';
import { reportAsText } from '../reports/text.js';
import { formatIsoWeek, parseIsoWeek, previousWeek } from '../reports/week.js';
import { createSlackClient } from '../slack/client.js';

const USAGE = 'usage: handoff report [--week YYYY-Www] [--dry-run] [--out chart.png] [--json]';

export interface ReportIo {
  env?: Record<string, string | undefined>;
  print?: (line: string) => void;
  now?: Date;
}

export async function reportCommand(args: string[], io: ReportIo = {}): Promise<number> {
  const print = io.print ?? ((line: string) => console.log(line));
  let values: { week?: string; 'dry-run'?: boolean; out?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { week: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(io.env ?? process.env);
  const timezone = config.report.timezone;
  let week: string;
  try {
    week = values.week ? formatIsoWeek(parseIsoWeek(values.week)) : previousWeek(io.now ?? new Date(), timezone);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }

  const pool = createPool(config.databaseUrl, { max: 2 });
  const db = createDb(config.databaseUrl, { pool });
  const logger = createLogger('error');
  const deps = {
    config,
    pool,
    db,
    logger,
    adapters: createAdapters(config),
    platformApis: createPlatformApis(config, { logger }),
    slack: createSlackClient(config.slack),
  };
  try {
    if (values['dry-run']) {
      const report = await buildReport(deps, week);
      const out = values.out ?? `handoff-report-${week}.png`;
      await writeFile(out, report.chart);
      print(reportAsText(report.message));
      if (values.json) print(JSON.stringify({ text: report.message.text, blocks: report.message.blocks }, null, 2));
      print(`\n(dry run: nothing posted; chart written to ${out}, ${report.chart.length} bytes)`);
      return 0;
    }
    const channel = config.slack.reportChannel;
    const result = await postReportOnce(deps, week, channel, { log: logger });
    print(
      result.kind === 'posted'
        ? `posted the ${week} report to ${channel} (ts ${result.ts}) with its chart`
        : `the ${week} report was already posted to ${channel} (ts ${result.ts}); nothing new posted`,
    );
    return 0;
  } finally {
    await db.$disconnect();
    await pool.end().catch(() => undefined);
  }
}
