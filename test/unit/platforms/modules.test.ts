// Adding a platform is one folder (src/platforms/<id>/index.ts exporting a PlatformModule) plus one
// line in src/platforms/list.ts. This file walks that list and checks that everything else derives
// from it, and that no other source file names a platform, so nothing else needs touching.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { REDACT } from '../../../src/logger.js';
import { createPlatformApis } from '../../../src/platforms/apis.js';
import { ALL_PLATFORMS, isPlatformId, PLATFORMS, type PlatformId, platformName } from '../../../src/platforms/list.js';
import type { PlatformModule } from '../../../src/platforms/module.js';
import { createAdapters } from '../../../src/platforms/registry.js';
import { PLATFORM_SAMPLES, signedSample } from '../../../src/platforms/samples.js';
import { buildReportMessage } from '../../../src/reports/blocks.js';
import { computeWeeklyMetrics } from '../../../src/reports/metrics.js';
import { baseEnv } from '../../helpers/env.js';
import { SECRETS } from '../../helpers/harness.js';
import { esc } from '../reports/fixtures.js';

const modules = PLATFORMS as readonly PlatformModule[];

/** The env that turns one module on: its secret, plus whatever its own problems() asks for. */
function envFor(m: PlatformModule): Record<string, string | undefined> {
  const env = baseEnv({ [m.signature.secretEnv]: 'module-secret' });
  try {
    loadConfig(env);
  } catch (err) {
    for (const problem of (err as ConfigError).problems) env[problem.split(' ')[0] as string] = 'set-by-test';
  }
  return env;
}

describe.each(modules.map((m) => [m.id as PlatformId, m] as const))('platform module %s', (id, m) => {
  it('is configured from its own settings fragment, and only then', () => {
    expect(loadConfig(baseEnv()).platforms).toEqual({});
    const config = loadConfig(envFor(m));
    expect(Object.keys(config.platforms)).toEqual([id]);
    expect(Object.keys(m.settings.env)).toContain(m.signature.secretEnv);
  });

  it('names every missing companion setting when its secret is set', () => {
    let problems: string[] = [];
    try {
      loadConfig(baseEnv({ [m.signature.secretEnv]: 's' }));
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      problems = (err as ConfigError).problems;
    }
    // Each problem names one of this module's own variables; a module without problems() has none.
    for (const p of problems) expect(Object.keys(m.settings.env)).toContain(p.split(' ')[0]);
    if (!m.settings.problems) expect(problems).toEqual([]);
  });

  it('gets a webhook adapter, and an API client exactly when it declares one', () => {
    const config = loadConfig(envFor(m));
    const adapter = createAdapters(config).get(id);
    expect(adapter?.id).toBe(id);
    expect(adapter?.displayName).toBe(m.displayName);
    expect(adapter?.capabilities).toEqual(m.capabilities);
    expect(createPlatformApis(config).has(id)).toBe(Boolean(m.api));
    expect(isPlatformId(id)).toBe(true);
  });

  it('signs each of its samples so its adapter accepts them (handoff simulate, tests)', () => {
    const adapter = createAdapters(loadConfig(envFor(m))).get(id);
    const events = Object.keys(PLATFORM_SAMPLES[id].samples());
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const { raw, headers } = signedSample(id, event, 'module-secret');
      expect(adapter?.verify(raw, headers), event).toEqual({ ok: true });
    }
  });

  it('has its signature header redacted from logs', () => {
    expect(REDACT).toContain(`headers["${m.signature.header.toLowerCase()}"]`);
  });

  it('is named by its display name in the weekly report', () => {
    const metrics = computeWeeklyMetrics({
      week: '2026-W44',
      timezone: 'UTC',
      slaClaimMinutes: 15,
      escalations: [esc('2026-10-27T10:00:00Z', { platform: id })],
      audit: [],
    });
    const msg = buildReportMessage(metrics, null, [], { timezone: 'UTC' });
    expect(JSON.stringify(msg.blocks)).toContain(m.displayName);
    expect(platformName(id)).toBe(m.displayName);
  });

  it('has a test secret in the integration harness', () => {
    expect(SECRETS[id]).toBe(`${id}-test-secret`);
  });
});

/** src/**\/*.ts with comments dropped, except generated code. */
function sources(dir: string): Array<{ file: string; code: string }> {
  const out: Array<{ file: string; code: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') out.push(...sources(path));
    } else if (name.endsWith('.ts')) {
      const code = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join('\n');
      out.push({ file: relative(process.cwd(), path), code });
    }
  }
  return out;
}

describe('the list is the only registration', () => {
  it('lists each platform once', () => {
    expect(new Set(ALL_PLATFORMS).size).toBe(ALL_PLATFORMS.length);
    expect([...ALL_PLATFORMS].sort()).toEqual(['chatdata', 'generic', 'onwebchat', 'oscarchat', 'shopguide']);
  });

  it('no source file outside a platform folder and list.ts names a platform, its settings or its display name', () => {
    const files = sources('src');
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const m of modules) {
      // Quoted ids and names, ids as object keys (a per-platform table), and the module's settings.
      const needles = [`'${m.id}'`, `"${m.id}"`, `  ${m.id}:`, `'${m.displayName}'`, ...Object.keys(m.settings.env)];
      for (const { file, code } of files) {
        if (file.startsWith(`src/platforms/${m.id}/`) || file === 'src/platforms/list.ts') continue;
        // The sandbox seeds demo stand-ins for the platforms that have an API (Oscar Chat, ShopGuide);
        // every platform's webhook secret there comes from the list, so a new one works without it.
        if (file.startsWith('src/sandbox/')) continue;
        for (const needle of needles) if (code.includes(needle)) offenders.push(`${file}: ${needle}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
