// `handoff report`, run in-process against a scratch database and the fakes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.js';
import { weekBefore } from '../../src/reports/week.js';
import { type OscarFake, startOscarFake } from '../fakes/oscar.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';
import { baseEnv } from '../helpers/env.js';
import { type ScratchDb, scratchDatabase, seedWeek } from './report-kit.js';

const TZ = 'America/New_York';
const WEEK = '2026-W44'; // Oct 26 - Nov 1 in New York: clocks go back on Sunday Nov 1 (169 h)
const CHANNEL = 'C0REPCLI01';

let scratch: ScratchDb;
let slack: FakeSlack;
let oscar: OscarFake;
let dir: string;

beforeAll(async () => {
  scratch = await scratchDatabase('report_cli');
  slack = await startFakeSlack();
  oscar = await startOscarFake({ apiKey: 'oscar-test-key', workspaceId: 'ws_test' });
  dir = await mkdtemp(path.join(tmpdir(), 'handoff-report-'));
  await seedWeek(scratch.db, WEEK, TZ, 4);
  await seedWeek(scratch.db, weekBefore(WEEK), TZ, 4);
});

afterAll(async () => {
  await slack?.close();
  await oscar?.close();
  await scratch?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => slack.reset());

function cli(args: string[]) {
  const lines: string[] = [];
  const env = baseEnv({
    DATABASE_URL: scratch.url,
    REDIS_URL: inject('redisUrl'),
    SLACK_API_URL: slack.url,
    SLACK_REPORT_CHANNEL: CHANNEL,
    REPORT_TIMEZONE: TZ,
    OSCAR_WEBHOOK_SECRET: 'oscar-test-secret',
    OSCAR_API_KEY: 'oscar-test-key',
    OSCAR_WORKSPACE_ID: 'ws_test',
    OSCAR_API_URL: oscar.url,
  });
  return reportCommand(args, { env, print: (l) => lines.push(l) }).then((code) => ({ code, out: lines.join('\n') }));
}

describe('handoff report', () => {
  it('--dry-run prints the report and writes the chart, posting and recording nothing', async () => {
    const out = path.join(dir, 'chart.png');
    const res = await cli(['--week', WEEK, '--dry-run', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Weekly support report · 2026-W44 (Oct 26–Nov 1)');
    expect(res.out).toContain('Escalations\n4  → 0%');
    expect(res.out).toContain('Conversations\n42');
    expect(res.out).toContain('@U0AGENT1: claimed 4 · resolved 2');
    expect(res.out).toContain(`chart written to ${out}`);
    const png = await readFile(out);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(slack.calls).toHaveLength(0);
    expect(await scratch.db.reportRun.count()).toBe(0);
  });

  it('--json adds the Block Kit payload', async () => {
    const res = await cli(['--week', WEEK, '--dry-run', '--json', '--out', path.join(dir, 'j.png')]);
    const json = JSON.parse(res.out.slice(res.out.indexOf('\n{') + 1, res.out.lastIndexOf('}') + 1));
    expect(json.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('without --dry-run posts once; running it again posts nothing', async () => {
    const first = await cli(['--week', WEEK]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain(`posted the ${WEEK} report to ${CHANNEL}`);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('files.completeUploadExternal')).toHaveLength(1);
    const again = await cli(['--week', WEEK]);
    expect(again.out).toContain('already posted');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
  });

  it('rejects a malformed week', async () => {
    expect((await cli(['--week', '2025-W53', '--dry-run'])).code).toBe(2);
    expect((await cli(['--nope'])).code).toBe(2);
  });
});
