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

describe('a time without an offset', () => {
  test('is refused, as the model says (a date-time carries its offset), with the fix in the hint', async () => {
    writeFileSync(
      join(dir, 'no-offset.ndjson'),
      [
        JSON.stringify({ id: 'n1', name: { full: 'Ana Gomez' }, appliedAt: '2026-11-10 10:00' }),
        JSON.stringify({ id: 'n2', name: { full: 'Ben Okafor' }, network: { sessions: [{ ip: '98.28.1.7', at: '2026-11-10T10:00:00' }] } }),
        JSON.stringify({ id: 'ok', name: { full: 'Cy Dahl' }, appliedAt: '2026-11-10T10:00+09:00', dateOfBirth: '1990-01-02' }),
      ].join('\n'),
    );
    const r = await runCli(['-f', 'json', 'no-offset.ndjson'], { cwd: dir });
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as { summary: object; errors: Array<{ source: string; problems: Array<{ code: string; message: string }> }> };
    expect(j.summary).toMatchObject({ total: 3, evaluated: 1, invalid: 2 });
    expect(j.errors.map((e) => e.problems.map((p) => `${p.code}: ${p.message}`))).toEqual([
      ['applicant-date-offset: appliedAt: has a time but no UTC offset (got "2026-11-10 10:00")'],
      ['applicant-date-offset: network.sessions[0].at: has a time but no UTC offset (got "2026-11-10T10:00:00")'],
    ]);
  });
});

describe('phones that cannot be read', () => {
  test('are warned about, naming the field; readable ones are not', async () => {
    writeFileSync(
      join(dir, 'phones.json'),
      JSON.stringify({
        id: 'p',
        name: { full: 'Ana Gomez' },
        contact: { phones: ['+1 614 555 0142', 'call me', '(614) 555-0199', 'ext. 12'] },
        references: [
          { name: 'Ben Okafor', phone: 'n/a' },
          { name: 'Cy Dahl', phone: '+44 20 7946 0958' },
        ],
      }),
    );
    const r = await runCli(['-f', 'json', 'phones.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { applicants: Array<{ warnings?: string[] }> };
    expect(j.applicants[0]!.warnings).toEqual([
      'contact.phones[1] "call me" cannot be read as a phone number; it is left out of phone checks and links',
      'contact.phones[3] "ext. 12" cannot be read as a phone number; it is left out of phone checks and links',
      'references[0].phone "n/a" cannot be read as a phone number; it is left out of phone checks and links',
    ]);
  });
});
