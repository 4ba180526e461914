import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dprk-papercuts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'a', name: { full: 'Ana Gomez' } }));

describe('papercuts (issue 8)', () => {
  test('a missing input file is an input error, not "1 record"', async () => {
    const r = await runCli(['--no-progress', 'nope.json', 'a.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Could not read 1 input:\n {2}nope\.json: no such file/);
    expect(r.stdout).toMatch(/^1 record: 1 checked \(1 none\), 0 could not be checked; 1 input could not be read\.$/m);
    const j = JSON.parse((await runCli(['-f', 'json', 'nope.json'], { cwd: dir })).stdout) as { summary: object; errors: unknown[] };
    expect(j.summary).toMatchObject({ total: 0, evaluated: 0, invalid: 0, unreadable: 1 });
    expect(j.errors).toHaveLength(1);
  });
});
