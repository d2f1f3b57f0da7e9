// `handoff sandbox` in a real browser: the CLI starts the real handoff against its stand-ins, and
// Debian's chromium (driven by playwright-core) sends a sample escalation from the page, sees the
// card with the customer's Shopify orders, clicks Claim and sees the card change. The click goes
// through /slack/events signed as Slack signs it, so this is the production path.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase } from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../..');
const STARTUP_MS = 90_000;
/** Pages and jobs answer in well under a second; a machine busy with other test files may take longer. */
const SLOW = { timeout: 20_000 };

let sandbox: ChildProcess | undefined;
let output = '';
let browser: BrowserContext | undefined;
let profile = '';
let page: Page;
let url = '';
const databaseUrl = withDatabase(inject('databaseUrl'), `handoff_sandbox_test_${randomBytes(3).toString('hex')}`);

/** Runs `handoff sandbox` as a user would and resolves with the page URL it prints. */
function startSandbox(): Promise<string> {
  sandbox = spawn(
    process.execPath,
    [
      'bin/handoff.mjs',
      'sandbox',
      '--port',
      '0',
      '--database-url',
      databaseUrl,
      '--queue-prefix',
      `${inject('queuePrefix')}:sandbox`,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL: inject('redisUrl') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox not ready in ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Open (http:\/\/localhost:\d+\/sandbox)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    sandbox?.stdout?.on('data', read);
    sandbox?.stderr?.on('data', read);
    sandbox?.once('exit', (code) => reject(new Error(`sandbox exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  // Fail, never skip: without a browser this test proves nothing.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  url = await startSandbox();
  profile = mkdtempSync(path.join(tmpdir(), 'handoff-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
}, STARTUP_MS + 30_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (sandbox && sandbox.exitCode === null) {
    const exited = new Promise((resolve) => sandbox?.once('exit', resolve));
    sandbox.kill('SIGTERM');
    await exited;
  }
  await dropDatabase(databaseUrl).catch(() => undefined);
}, 60_000);

describe('handoff sandbox in a browser', () => {
  it('shows a sample escalation as a card with Shopify orders, and a click on Claim changes the card', async () => {
    await page.goto(url);
    await expect.poll(() => page.getByTestId('sandbox-banner').textContent(), SLOW).toContain('SANDBOX');

    await page.getByTestId('sample-event-oscarchat').selectOption('bot.escalated');
    await page.getByTestId('sample-send-oscarchat').click();
    await expect.poll(() => page.getByTestId('sample-result').textContent(), SLOW).toContain('HTTP 202');

    // The card, rendered from its Block Kit: the customer and both Shopify orders.
    const card = page.locator('article.msg', { hasText: 'Maria Keller' }).first();
    await card.waitFor(SLOW);
    await expect.poll(() => card.textContent(), SLOW).toContain('#1042');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('#1043');
    expect(text).toContain('Unclaimed');

    await card.getByRole('button', { name: 'Claim' }).click();
    // The worker claimed it and re-rendered the card through chat.update.
    await expect.poll(() => card.textContent(), SLOW).toContain('Claimed by @Alex Morgan');
    await expect.poll(() => card.getByRole('button', { name: 'Release' }).count(), SLOW).toBe(1);
    expect(await card.getByRole('button', { name: 'Claim' }).count()).toBe(0);

    // The README's picture (docs/sandbox.png): SANDBOX_SCREENSHOT=docs/sandbox.png npx vitest run test/browser
    if (process.env.SANDBOX_SCREENSHOT) {
      await card.getByText('claimed this').waitFor(SLOW);
      await page.screenshot({ path: process.env.SANDBOX_SCREENSHOT });
    }
  }, 120_000);

  it('answers /order only to the one who typed it, and shows the Home tab with their claim', async () => {
    await page.getByTestId('command').fill('/order #1042');
    await page.getByTestId('command').press('Enter');
    const answer = page.locator('article.msg.ephemeral', { hasText: 'Linen duvet cover' });
    await answer.waitFor(SLOW);
    expect(await answer.textContent()).toContain('Only visible to you');
    expect(await answer.getByRole('button', { name: 'Share in channel' }).count()).toBe(1);

    // Someone else in the channel does not see it.
    await page.getByTestId('user').selectOption({ label: 'Priya Raman' });
    await expect.poll(() => page.locator('article.msg.ephemeral', { hasText: 'Linen duvet cover' }).count(), SLOW).toBe(0);
    await page.getByTestId('user').selectOption({ label: 'Alex Morgan' });

    await page.getByRole('button', { name: /Home/ }).click();
    const home = page.getByTestId('feed');
    // Published by a job after app_home_opened: Maria Keller's escalation is under "Your open escalations".
    await expect.poll(() => home.textContent(), SLOW).toContain('Your open escalations');
    const text = (await home.textContent()) ?? '';
    expect(text).toContain('Maria Keller');
    expect(text).not.toContain('Nothing on your plate');
  }, 120_000);
});
