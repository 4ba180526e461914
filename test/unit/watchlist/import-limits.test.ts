import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importWatchlist } from '../../../src/cli/watchlist-import.js';
import { parseRemarks } from '../../../src/watchlist/ofac.js';
import { parseCsv } from '../../../src/util/csv.js';
import { ImportError } from '../../../src/watchlist/types.js';
import { collectRuleSet, loadRuleSet } from '../../../src/ruleset/load.js';
import { checkRecord } from '../../../src/pipeline/check-record.js';
import { MAX_RULE_FILE_BYTES } from '../../../src/yaml/yaml-source.js';
import { packDir } from '../../helpers/watchlist-pack.js';

const FIX = resolve(__dirname, '../../fixtures/watchlist');
const tmp = packDir;
const pad = (n: number) => String(n).padStart(5, '0');
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const sdnRow = (n: number, name: string, type: string, remarks: string) =>
  `${n},${q(name)},${type},"DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,${q(remarks)}\r\n`;

/** An sdn.csv of `rows` DPRK rows in the published layout, half persons, half entities, with an e-mail and a wallet each if asked. */
function bigSdn(rows: number, identifiers: boolean): string {
  const dir = tmp();
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const person = i % 2 === 0;
    const name = person ? `PAK, Example Chol ${pad(i)}` : `EXAMPLE SONGBONG TRADING CORPORATION ${pad(i)}`;
    const ids = identifiers ? `Email Address user${pad(i)}@example.test; Digital Currency Address - XBT 1Example${pad(i)}Wa11etAddre55NotRea1; ` : '';
    lines.push(
      sdnRow(
        10000 + i,
        name,
        person ? '"individual"' : '-0- ',
        `DOB 01 Jan 1980; ${ids}Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210.`,
      ),
    );
  }
  const file = join(dir, 'sdn.csv');
  writeFileSync(file, `${lines.join('')}\x1a`);
  return file;
}

describe('watchlist import: a pack its own loader would refuse is never written', () => {
  test('20,000 rows: the list is split into parts under the rule-file limit, and the pack loads and passes its cases through its last part', () => {
    const out = tmp();
    const s = importWatchlist({ files: [bigSdn(20_000, false)], out, date: '2026-11-20' });
    expect(s.result.entries).toHaveLength(20_000);
    const persons = s.lists.find((l) => l.id === 'ofac-sdn-dprk-persons')!;
    expect(persons.files).toBeGreaterThan(1);
    expect(persons.count).toBe(10_000);
    expect(s.written.filter((f) => /ofac-sdn-dprk-persons(-\d+)?\.yaml$/.test(f))).toHaveLength(persons.files);
    for (const f of s.written) expect(statSync(f).size).toBeLessThanOrEqual(MAX_RULE_FILE_BYTES);
    // The import loads the pack it wrote and runs its cases, whose match uses the last entry.
    expect(s.caseProblems).toEqual([]);
  }, 180_000);

  test('parts are searched alike: a wallet in the last part of the wallet list is critical', () => {
    const out = tmp();
    const s = importWatchlist({ files: [bigSdn(300, true)], out, date: '2026-11-20', partBudget: 20_000 });
    expect(s.lists.find((l) => l.id === 'ofac-sdn-dprk-wallets')!.files).toBeGreaterThan(2);
    expect(s.caseProblems).toEqual([]);
    const loaded = collectRuleSet({ paths: [out], lintCases: false });
    expect(loaded.errors).toEqual([]);
    const o = checkRecord(
      {
        source: 't',
        file: 't',
        value: { id: 'a1', name: { full: 'Jordan Miller' }, payroll: { method: 'crypto', cryptoWallet: '1Example00299Wa11etAddre55NotRea1' } },
      } as never,
      loaded.ruleSet.rules,
      { strict: true, enrich: {} },
    );
    if (!o.ok) throw new Error(o.error.message);
    expect(o.result.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['affiliation.ofac-sdn-dprk-wallet:critical']);
  });

  test('list entries are written one per line and read back exactly, whatever characters they hold', () => {
    const out = tmp();
    const file = join(tmp(), 'sdn.csv');
    const odd = `O'BRIEN "X" #1: - [a], {b} \\ ünï 한국 \t`;
    writeFileSync(file, sdnRow(1, `${odd} TRADING CORPORATION`, '-0- ', 'Email Address a.b@example.test'));
    const s = importWatchlist({ files: [file], out, date: '2026-11-20' });
    const text = readFileSync(join(out, 'lists', 'ofac-sdn-dprk-entities.yaml'), 'utf8');
    expect(text).toMatch(/^entries:\n {2}- \{"value":/m);
    expect(loadRuleSet({ paths: [out] }).lists.get('ofac-sdn-dprk-entities')!.entries[0]!.value).toBe(s.result.entries[0]!.name);
  });

  test('a re-import that writes fewer parts removes the parts the earlier one wrote, and nothing else', () => {
    const out = tmp();
    importWatchlist({ files: [join(FIX, 'sdn.csv')], out, date: '2026-11-20', partBudget: 200 });
    const before = readdirSync(join(out, 'lists'));
    expect(before.filter((f) => f.startsWith('ofac-sdn-dprk-persons')).length).toBeGreaterThan(1);
    writeFileSync(join(out, 'lists', 'my-own-list.yaml'), 'list: my-own-list\n');
    const s = importWatchlist({ files: [join(FIX, 'sdn.csv')], out, date: '2026-11-20' });
    expect(readdirSync(join(out, 'lists')).sort()).toEqual(
      [...s.written.filter((f) => f.includes('/lists/')).map((f) => f.split('/').pop()), 'my-own-list.yaml'].sort(),
    );
    expect(s.notices.join(' ')).toMatch(/removed \d+ files? an earlier import had written/);
  });

  test('one entry too large for any rule file is refused, and nothing is written', () => {
    const out = tmp();
    const file = join(tmp(), 'targets.simple.csv');
    const aliases = Array.from({ length: 20_000 }, (_, i) => `Хвасон Силверлайн Нетворк Текнолоджи ${i}`).join(';');
    writeFileSync(
      file,
      `id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\nx1,Company,Hwasong Silverline Network Technology,"${aliases}",,kp,,,DPRK3 - Active,,,OFAC,,,\n`,
    );
    expect(() => importWatchlist({ files: [file], out, date: '2026-11-20' })).toThrow(ImportError);
    expect(() => importWatchlist({ files: [file], out, date: '2026-11-20' })).toThrow(
      /list opensanctions-dprk-entities would be [\d,]+ bytes, over the 1,000,000-byte limit of a rule file, so --rules would refuse it; nothing written/,
    );
    expect(existsSync(join(out, 'lists'))).toBe(false);
  });
});

describe('watchlist import: bounded cells, CSV errors with file:line, linear Remarks', () => {
  test('a cell over the cell limit is refused with its file and line, quoted or not', () => {
    const dir = tmp();
    const big = 'x'.repeat(1_200_000);
    const quoted = join(dir, 'sdn.csv');
    writeFileSync(quoted, `${sdnRow(1, 'EXAMPLE ONE', '-0- ', 'Pyongyang.')}${sdnRow(2, 'EXAMPLE TWO', '-0- ', big)}`);
    expect(() => importWatchlist({ files: [quoted], out: tmp(), date: '2026-11-20' })).toThrow(/sdn\.csv:2: a cell of more than 1,000,000 characters/);
    const bare = join(dir, 'alt.csv');
    writeFileSync(bare, `1,2,aka,${big},-0-\r\n`);
    expect(() => importWatchlist({ files: [quoted.replace('sdn.csv', 'alt.csv')], out: tmp(), date: '2026-11-20' })).toThrow(
      /alt\.csv:1: a cell of more than 1,000,000 characters/,
    );
    // An unclosed quote running to the end of a huge file is the same error, not a scan into memory.
    expect(() => parseCsv(`a,"${big}`, 'f.csv')).toThrow(/f\.csv:1: a cell of more than/);
  });

  test('a 100 MB cell is refused in a single pass', () => {
    const started = Date.now();
    expect(() => parseCsv(`1,"${'y'.repeat(100_000_000)}"\r\n`, 'huge.csv')).toThrow(/huge\.csv:1: a cell of more than/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a broken quote inside an OpenSanctions multi-value cell names the file, line and column', () => {
    const attempt = () => importWatchlist({ files: [join(FIX, 'targets-bad-quote.simple.csv')], out: tmp(), date: '2026-11-20' });
    expect(attempt).toThrow(ImportError);
    expect(attempt).toThrow(/targets-bad-quote\.simple\.csv:3: the aliases cell holds ';'-joined values and a quoted cell is never closed inside it/);
  });

  test('a 200 KB Remarks cell is read in linear time', () => {
    const hostile = [
      `Email Address ${'a@'.repeat(100_000)} x`,
      `Digital Currency Address - XBT ${'1 '.repeat(100_000)}`,
      `a.k.a. '${"x'".repeat(100_000)}`,
      `Website ${'w.'.repeat(100_000)}`,
    ];
    for (const remarks of hostile) {
      const started = Date.now();
      const facts = parseRemarks(`DOB 1980; ${remarks}; Email Address ok@example.test.`);
      expect(Date.now() - started).toBeLessThan(250);
      expect(facts.emails).toEqual(['ok@example.test']);
    }
    const dir = tmp();
    const file = join(dir, 'sdn.csv');
    writeFileSync(file, sdnRow(1, 'EXAMPLE ONE', '-0- ', `Email Address ${'a@'.repeat(100_000)} x; Email Address ok@example.test`));
    const started = Date.now();
    const s = importWatchlist({ files: [file], out: tmp(), date: '2026-11-20' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(s.result.entries[0]!.emails).toEqual(['ok@example.test']);
  });
});

describe('watchlist import: an unwritable --out', () => {
  test('is one clear message, not an internal error', () => {
    const parent = tmp();
    const blocker = join(parent, 'out');
    writeFileSync(blocker, 'a file where the directory should be');
    expect(() => importWatchlist({ files: [join(FIX, 'sdn.csv')], out: blocker, date: '2026-11-20' })).toThrow(
      /out: cannot write the pack \((ENOTDIR|EEXIST)\); 0 of \d+ files written/,
    );
  });
});
