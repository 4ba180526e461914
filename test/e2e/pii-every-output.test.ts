import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/program.js';
import { FORMAT_NAMES, FORMATS } from '../../src/formats/index.js';
import { classifyField } from '../../src/redact/pii-fields.js';
import { writePiiRules } from '../helpers/pii-rules.js';
import { PII_APPLICANT, unescapeAll } from '../helpers/fixture-report.js';
import { memoryIO } from '../helpers/memory-io.js';

/**
 * Redaction is a property of every output path: a single run and shard + merge, every format
 * (any format added to FORMATS is covered without touching this test). Each output is searched
 * for every personal value of the input, gathered from the input itself by the field table, so a
 * new personal field in a fixture is searched for too.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** Applicants that fire the built-in rules quoting personal data, and link to each other. */
const HOME = { type: 'home', line1: '88 Orchard Rd', city: 'Bethesda', region: 'MD', postalCode: '20814', country: 'US' };
const FARM = { line1: '2150 Desert Willow Ln', city: 'Litchfield Park', region: 'AZ', postalCode: '85340', country: 'US' };
const WALLET = '0x52908400098527886E0F7030069857D2E4169EE7';
const persona = (id: string, full: string, email: string, phone: string, ip: string, extra: object = {}) => ({
  id,
  name: { full },
  dateOfBirth: '1990-02-03',
  appliedAt: '2026-09-03T15:04:05Z',
  claimedLocation: { country: 'US', region: 'MD', city: 'Rockville' },
  contact: { emails: [email], phones: [phone], addresses: [HOME] },
  equipment: { shipTo: FARM },
  identity: { documents: [{ type: 'passport', nameOnDocument: `${full.split(' ')[0]} Q. Wrightson`, dateOfBirth: '1989-11-30', issuingCountry: 'US' }] },
  references: [{ name: 'Margot Feldstein', relationship: 'manager', email, phone }],
  network: {
    sessions: [
      { at: '2026-09-02T15:04:05Z', ip, kind: 'application' },
      { at: '2026-09-02T19:04:05Z', ip: '175.45.176.9', kind: 'login' },
    ],
  },
  payroll: {
    method: 'crypto',
    cryptoWallet: WALLET,
    bank: { holderName: 'Dieter Quandtmeyer', country: 'US', accountFingerprint: 'sha256:7d1a5c0b9e2f4a6c8b0d2e4f6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c' },
  },
  profiles: [{ network: 'linkedin', url: `https://www.linkedin.com/in/${id}-profile`, displayName: `${full} Sr`, username: `${id}-handle` }],
  extra: { documentNumber: `X${id.replace(/\D/g, '')}99887766` },
  ...extra,
});

const RECORDS = [
  persona('cand-501', 'Thaddeus Okonkwo-Brandt', 'thaddeus.ob@example.com', '+1 301 555 0188', '98.28.1.7'),
  persona('cand-502', 'Philippa Vandermolen', 'pvandermolen@mailinator.com', '+1 301 555 0188', '187.190.12.44'),
  { id: 'cand-503', name: { full: 'Quentin Harrowgate' }, contact: { emails: ['quentin.h@example.org'], phones: ['+1 218 555 0101'] } },
];

let dir: string;
let piiRules: string;
/** Every personal value of every input file, by the field table; values also found in a public field are left out. */
let personal: string[];

function personalValues(records: unknown[]): string[] {
  const priv = new Set<string>();
  const pub = new Set<string>();
  const walk = (path: string, v: unknown, inherited: boolean): void => {
    const cls = classifyField(path);
    // A field of a personal object (an address's street) is personal unless the table keeps it (its country).
    const personalHere = cls === undefined ? inherited : cls !== 'public';
    if (typeof v === 'string' || typeof v === 'number') {
      const s = String(v);
      if (s.length < 4) return;
      (personalHere ? priv : pub).add(s);
      // A phone is also searched for as it is normalised (E.164).
      if (personalHere && cls === 'phone') priv.add(`+${s.replace(/\D/g, '')}`);
    } else if (Array.isArray(v)) v.forEach((x) => walk(`${path}[]`, x, personalHere));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(path ? `${path}.${k}` : k, x, personalHere);
  };
  for (const r of records) walk('', r, false);
  // A value some public field also holds (a city declared as where one lives) may show as that field.
  return [...priv].filter((s) => !pub.has(s));
}

const readRecords = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l) => {
      try {
        const v = JSON.parse(l);
        return v && typeof v === 'object' && !Array.isArray(v) ? [v] : [];
      } catch {
        return [];
      }
    });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-pii-'));
  piiRules = writePiiRules();
  writeFileSync(join(dir, 'personas.ndjson'), `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`);
  copyFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), join(dir, 'export.ndjson'));
  writeFileSync(
    join(dir, 'pii.ndjson'),
    `${JSON.stringify(PII_APPLICANT)}\n${JSON.stringify({ ...PII_APPLICANT, id: 'cand-1043', name: { full: 'Rosalind Ebberfield' } })}\n`,
  );
  personal = personalValues([...RECORDS, ...readRecords(join(dir, 'export.ndjson')), PII_APPLICANT, { name: { full: 'Rosalind Ebberfield' } }]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(piiRules, { recursive: true, force: true });
});

const leaks = (text: string) => {
  const plain = unescapeAll(text);
  return personal.filter((p) => text.includes(p) || plain.includes(p));
};

/** Two rule sets: the built-in rules, and a pack whose messages and notes quote every kind of value. */
const SETUPS = [
  { name: 'built-in rules', args: () => ['export.ndjson', 'personas.ndjson'], shards: 3 },
  { name: 'PII-quoting rules', args: () => ['--no-builtin-rules', '--rules', piiRules, 'pii.ndjson', 'personas.ndjson'], shards: 2 },
];

describe.each(SETUPS)('no personal value in any masked output ($name)', (setup) => {
  test('the unmasked JSON does hold personal values (the search can fail)', async () => {
    const m = memoryIO(dir);
    await run([...setup.args(), '-f', 'json'], m.io);
    expect(leaks(m.stdout()).length).toBeGreaterThan(5);
  });

  test.each(FORMAT_NAMES)('single run, --redact -f %s', async (format) => {
    const m = memoryIO(dir);
    const code = await run([...setup.args(), '--redact', '-f', `${format}:single.${format}`], m.io);
    expect([1, 2]).toContain(code);
    expect({ format, leaks: leaks(readFileSync(join(dir, `single.${format}`), 'utf8')) }).toEqual({ format, leaks: [] });
    expect({ format, stderr: leaks(m.stderr()) }).toEqual({ format, stderr: [] });
  });

  test('shard + merge: every format with --redact, and the masked-by-default ones without it', async () => {
    for (let i = 1; i <= setup.shards; i++) {
      const code = await run([...setup.args(), '--shard', `${i}/${setup.shards}`, '-f', `json:shard-${i}.json`], memoryIO(dir).io);
      expect([0, 1, 2]).toContain(code);
    }
    const shards = Array.from({ length: setup.shards }, (_, i) => `shard-${i + 1}.json`);
    expect(leaks(shards.map((f) => readFileSync(join(dir, f), 'utf8')).join('')).length).toBeGreaterThan(5);
    for (const format of FORMAT_NAMES) {
      const m = memoryIO(dir);
      await run(['merge', '--redact', '-f', `${format}:merged.${format}`, ...shards], m.io);
      expect({ format, leaks: leaks(readFileSync(join(dir, `merged.${format}`), 'utf8')) }).toEqual({ format, leaks: [] });
      expect({ format, stderr: leaks(m.stderr()) }).toEqual({ format, stderr: [] });
      // Shard reports carry message parts: no warning that masking falls back to scrubbing.
      expect(m.stderr()).not.toContain('without message parts');
      if (FORMATS[format].redactByDefault) {
        await run(['merge', '-f', `${format}:default.${format}`, ...shards], memoryIO(dir).io);
        expect({ format, leaks: leaks(readFileSync(join(dir, `default.${format}`), 'utf8')) }).toEqual({ format, leaks: [] });
      }
    }
  });

  test('merge --redact of plain JSON reports (no --shard) masks them alike', async () => {
    await run([...setup.args(), '-f', 'json:plain.json'], memoryIO(dir).io);
    const m = memoryIO(dir);
    await run(['merge', '--redact', '-f', 'github:plain-merged.txt', 'plain.json'], m.io);
    expect(m.stderr()).not.toContain('older dprk-check');
    expect(leaks(readFileSync(join(dir, 'plain-merged.txt'), 'utf8'))).toEqual([]);
  });

  test('a report that does not record its message parts (older versions): masked outputs withhold those messages', async () => {
    await run([...setup.args(), '-f', 'json:old.json'], memoryIO(dir).io);
    const doc = JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'));
    for (const a of doc.applicants) for (const f of a.findings) delete f.messageParts;
    writeFileSync(join(dir, 'old.json'), JSON.stringify(doc));
    const m = memoryIO(dir);
    await run(['merge', '--redact', '-f', 'github:old-merged.txt', 'old.json'], m.io);
    expect(m.stderr()).toContain('old.json does not record how messages were put together');
    const out = readFileSync(join(dir, 'old-merged.txt'), 'utf8');
    expect(out).toContain('[message withheld');
    expect(leaks(out)).toEqual([]);
    // Unmasked, the message is shown as it was written.
    await run(['merge', '--no-redact', '-f', 'github:old-plain.txt', 'old.json'], memoryIO(dir).io);
    expect(readFileSync(join(dir, 'old-plain.txt'), 'utf8')).not.toContain('[message withheld');
  });
});

test('a merged report shows the home address a single run masks, masked too (issue 8)', async () => {
  for (const i of [1, 2]) await run(['export.ndjson', '--shard', `${i}/2`, '-f', `json:o-${i}.json`], memoryIO(dir).io);
  await run(['merge', '-f', 'github:o.txt', 'o-1.json', 'o-2.json'], memoryIO(dir).io);
  const gh = readFileSync(join(dir, 'o.txt'), 'utf8');
  expect(gh).toContain('Laptop ship-to [address, US]; home [address, US].');
  expect(gh).not.toContain('Orchard');
});
