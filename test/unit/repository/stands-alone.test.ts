// The repository must stand alone: nothing may read a folder beside it, and every vendored
// contract must say where it came from. (.ci/run also runs the whole suite from a copy of the
// repository in a temporary folder, which is the end-to-end proof.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractPath } from '../../helpers/contracts.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SELF = path.relative(ROOT, import.meta.filename);

const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));

describe('the repository stands alone', () => {
  it('no source, test, bench or script file points outside the repository', () => {
    const outside = /shared\/contracts|\/work\/(shared|main)\b/;
    const offenders = ['src', 'test', 'bench', 'scripts', 'bin']
      .flatMap(filesUnder)
      .filter((f) => /\.(ts|mts|mjs|js|sh)$/.test(f) && f !== SELF)
      .filter((f) => outside.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every vendored contract file is named in test/contracts/README.md with its license beside it', () => {
    const readme = readFileSync(contractPath('README.md'), 'utf8');
    const data = filesUnder('test/contracts')
      .map((f) => path.relative('test/contracts', f))
      .filter((f) => f !== 'README.md' && !/LICENSE/.test(f));
    expect(data.length).toBeGreaterThan(0);
    const named = (f: string) => readme.includes(f) || (f.includes('view_') && readme.includes(path.dirname(f)));
    expect(data.filter((f) => !named(f))).toEqual([]);
    for (const license of readme.matchAll(/`((?:licenses|slack|shopify|openai)\/[^`]*LICENSE[^`]*)`/g))
      expect(() => readFileSync(contractPath(license[1] ?? 'missing'))).not.toThrow();
  });
});
