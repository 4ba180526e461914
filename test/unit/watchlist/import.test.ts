import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { importWatchlist } from '../../../src/cli/watchlist-import.js';
import { parseRemarks, splitPrograms } from '../../../src/watchlist/ofac.js';
import { splitMulti } from '../../../src/watchlist/opensanctions.js';
import { ImportError } from '../../../src/watchlist/types.js';
import { packDir, packFindings } from '../../helpers/watchlist-pack.js';

const FIX = resolve(__dirname, '../../fixtures/watchlist');
const fx = (f: string) => join(FIX, f);
const out = packDir;
const yamlOf = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, any>;

const check = packFindings;

describe('OFAC remarks and programmes', () => {
  test('e-mail, digital-currency address and DOB are pulled out of Remarks', () => {
    expect(parseRemarks('DOB 01 Jan 1980; Email Address a.b@example.test; Digital Currency Address - XBT 1AbC; Website www.x.test.')).toEqual({
      dob: '01 Jan 1980',
      emails: ['a.b@example.test'],
      websites: ['www.x.test'],
      wallets: [{ currency: 'XBT', address: '1AbC' }],
      weakAliases: [],
    });
  });

  test('"DPRK3] [DPRK4" is two programmes', () => {
    expect(splitPrograms('DPRK3] [DPRK4')).toEqual(['DPRK3', 'DPRK4']);
    expect(splitPrograms('-0- ')).toEqual([]);
  });
});

describe('watchlist import from OFAC sdn.csv + alt.csv', () => {
  const dir = out();
  const s = importWatchlist({ files: [fx('sdn.csv'), fx('alt.csv'), fx('add.csv')], out: dir, date: '2026-11-20' });

  test('keeps DPRK programmes (and DPRK-tied remarks), skips vessels and other programmes', () => {
    expect(s.result.read).toBe(7);
    expect(s.result.entries.map((e) => e.name).sort()).toEqual([
      'HWASONG SILVERLINE NETWORK TECHNOLOGY CO., LTD.',
      'KOREA EXAMPLE SONGBONG TRADING CORPORATION',
      'PAK, Example Chol',
      'RI, Example Song',
    ]);
    expect(s.result.sourceName).toContain('add.csv');
    expect(s.result.entries.find((e) => e.name.startsWith('HWASONG'))!.addresses).toEqual(['Dandong Example Street, Dandong, Liaoning, China']);
    expect(s.caseProblems).toEqual([]);
  });

  test('writes lists in the list schema, with source and date per entry and useless aliases left out', () => {
    const entities = yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-entities.yaml'));
    expect(entities.kind).toBe('company');
    const hw = entities.entries.find((e: any) => e.value.startsWith('HWASONG'));
    expect(hw.aliases).toEqual(['HWASONG SILVER LINE']); // "HSN" is too short to match safely
    expect(hw.source).toEqual({
      title: 'OFAC SDN list, entry 90001 (DPRK3, DPRK4)',
      url: 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=90001',
      date: '2026-11-20',
    });
    const persons = yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-persons.yaml'));
    const pak = persons.entries.find((e: any) => e.value === 'PAK, Example Chol');
    expect(pak.aliases).toEqual(['PAK, Chol']); // the one-word alias "PAK" is dropped
    expect(pak.note).toContain('DOB 01 Jan 1980');
    expect(yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-emails.yaml')).entries.map((e: any) => e.value)).toEqual(['contact@hwasong-silverline.test']);
    expect(yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-wallets.yaml')).entries.map((e: any) => e.value)).toEqual(['1ExampleWa11etAddre55NotRea1xxxx']);
    expect(yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-web-domains.yaml')).entries.map((e: any) => e.value)).toEqual(['hwasong-silverline.test']);
  });

  test('the written pack flags a spelling variant of a listed employer, a listed person by name only at medium, a listed e-mail and wallet as critical', () => {
    const findings = check(dir, {
      employment: [{ employer: 'Hwasong Silver Line Network Tech Co.' }],
      references: [{ name: 'Chol Example Pak' }],
      contact: { emails: ['CONTACT@hwasong-silverline.test'] },
      payroll: { method: 'crypto', cryptoWallet: '1ExampleWa11etAddre55NotRea1xxxx' },
    });
    const by = Object.fromEntries(findings.map((f) => [f.ruleId, f.severity]));
    expect(by).toMatchObject({
      'affiliation.ofac-sdn-dprk-entity': 'high',
      'affiliation.ofac-sdn-dprk-person': 'medium',
      'affiliation.ofac-sdn-dprk-email': 'critical',
      'affiliation.ofac-sdn-dprk-wallet': 'critical',
      'affiliation.ofac-sdn-dprk-web-domain': 'high',
    });
    const note = findings.find((f) => f.ruleId === 'affiliation.ofac-sdn-dprk-entity')!.evidence[0]!.note!;
    expect(note).toMatch(/entry "HWASONG SILVERLINE NETWORK TECHNOLOGY CO\., LTD\.".*similarity 1\.00.*OFAC SDN list, entry 90001/);
  });

  test('an ordinary applicant is not flagged', () => {
    expect(check(dir, { employment: [{ employer: 'Acme Logistics Inc.' }], references: [{ name: 'Pat Lee' }] })).toEqual([]);
  });

  test('--program picks other programmes; --all-programs everything sanctioned', () => {
    const cyber = importWatchlist({ files: [fx('sdn.csv')], out: out(), programs: ['CYBER2'], date: '2026-11-20' });
    expect(cyber.result.entries.map((e) => e.name)).toEqual(['EXAMPLE CYBER GROUP']);
    expect(cyber.lists.map((l) => l.id)).toEqual(['ofac-sdn-entities', 'ofac-sdn-emails', 'ofac-sdn-wallets']);
    const all = importWatchlist({ files: [fx('sdn.csv')], out: out(), allPrograms: true, date: '2026-11-20' });
    expect(all.result.entries).toHaveLength(6); // everything but the vessel
  });
});

describe('watchlist import from OpenSanctions targets.simple.csv', () => {
  test('reads by header name, keeps sanctioned DPRK rows, skips PEPs, vessels and other countries', () => {
    const s = importWatchlist({ files: [fx('targets.simple.csv')], out: out(), date: '2026-11-20' });
    expect(s.result.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'entity:Hwasong Silverline Network Technology Co., Ltd.',
      'person:PAK, Example Chol',
      'entity:Example "Songbong" IT Cooperation Company',
    ]);
    expect(s.notices.join(' ')).toContain('CC BY-NC 4.0');
    expect(s.caseProblems).toEqual([]);
    const songbong = s.result.entries[2]!;
    expect(songbong.aliases).toEqual(['Songbong IT Cooperation Co.', 'Songbong; Example IT']);
    expect(songbong.emails).toEqual(['it@songbong.test', 'sales@songbong.test']);
  });

  test('a newer export with program_ids in the middle is read the same way', () => {
    const s = importWatchlist({ files: [fx('targets-program-ids.simple.csv')], out: out(), date: '2026-11-20' });
    expect(s.result.entries[0]!.name).toBe('Hwasong Silverline Network Technology Co., Ltd.');
    expect(s.result.entries[0]!.programs).toEqual(['US-DPRK3', 'Sanctions Regulations']);
  });

  test('multi-value cells: ";"-joined, quoted when a value holds ";"', () => {
    expect(splitMulti('a;b; c')).toEqual(['a', 'b', 'c']);
    expect(splitMulti('a;"b;c"')).toEqual(['a', 'b;c']);
    expect(splitMulti('')).toEqual([]);
  });
});

describe('watchlist import: bad input gets one clear message', () => {
  const attempt =
    (files: string[], extra = {}) =>
    () =>
      importWatchlist({ files: files.map(fx), out: out(), date: '2026-11-20', ...extra });

  test.each([
    [['wrong-columns.csv'], /wrong-columns\.csv:1: 7 columns .* not a list file this import reads; expected OFAC sdn\.csv \(12 columns/],
    [['missing-columns.csv'], /missing-columns\.csv:1: .*columns schema, aliases, birth_date, countries, sanctions, emails are missing/],
    [['sdn-short-row.csv'], /sdn-short-row\.csv:2: 11 columns where OFAC sdn\.csv has 12/],
    [['alt.csv'], /alt\.csv is OFAC's alt\.csv \(aliases only\); give sdn\.csv too/],
    [['sdn.csv', 'targets.simple.csv'], /import OFAC and OpenSanctions files separately/],
    [['nope.csv'], /nope\.csv: cannot be read \(ENOENT\)/],
  ])('%s', (files, message) => {
    expect(attempt(files as string[])).toThrow(ImportError);
    expect(attempt(files as string[])).toThrow(message as RegExp);
  });

  test('no matching entries writes nothing and says how to choose others', () => {
    expect(attempt(['sdn.csv'], { programs: ['NOPE'] })).toThrow(/no programme NOPE entries among 7 rows; nothing written/);
  });

  test('bad --date and --id are refused', () => {
    expect(attempt(['sdn.csv'], { date: '20/11/2026' })).toThrow(/--date must be YYYY-MM-DD/);
    expect(attempt(['sdn.csv'], { prefix: 'Bad Id' })).toThrow(/--id must be lower-case/);
  });
});
