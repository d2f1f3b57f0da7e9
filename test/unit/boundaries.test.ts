// The domain does not speak Slack: src/escalations and src/actions import nothing from src/slack,
// src/http or a platform's API module; they return outcomes that src/slack/present/ shows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [/\/slack\//, /\/http\//, /platforms\/[a-z]+\/api\.js/, /@slack\//];

function importsOf(dir: string): Array<{ file: string; from: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => ({
        file: join(dir, f),
        from: m[1] as string,
      })),
    );
}

describe.each(['src/escalations', 'src/actions'])('%s', (dir) => {
  it('imports nothing from Slack, HTTP or a platform API', () => {
    const found = importsOf(dir);
    expect(found.length).toBeGreaterThan(5);
    const leaks = found.filter(({ from }) => FORBIDDEN.some((re) => re.test(from)));
    expect(leaks).toEqual([]);
  });
});
