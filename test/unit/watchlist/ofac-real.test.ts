import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { importWatchlist } from '../../../src/cli/watchlist-import.js';
import { parseCsv } from '../../../src/util/csv.js';
import { packDir, packSeverities } from '../../helpers/watchlist-pack.js';

// Real public SDN rows (moov-io/watchman test data, see test/fixtures/watchlist/README.md).
const REAL = resolve(__dirname, '../../fixtures/watchlist/ofac-real');
const all = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'].map((f) => join(REAL, f));
const out = packDir;
const yamlOf = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, any>;

const findings = packSeverities;

const TIAN_WALLETS = [
  '134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak',
  '15YK647qtoZQDzNrvY6HJL6QwXduLHfT28',
  '1PfwHNxUnkpfkK9MKjMqzR3Xq3KCtq9u17',
  '14kqryJUxM3a7aEi117KX9hoLUw592WsMR',
  '1F2Gdug9ib9NQMhKMGGJczzMk5SuENoqrp',
  '3F2sZ4jbhvDKQdGbHYPC6ZxFXEau2m5Lqj',
  '1AXUTu9y3H8w4wYx4BjyFWgRhZKDhmcMrn',
  '1Hn9ErTCPRP6j5UDBeuXPGuq5RtRjFJxJQ',
];

describe('OFAC legacy CSV as published (real rows)', () => {
  const dir = out();
  const s = importWatchlist({ files: all, out: dir, date: '2026-11-20' });

  test('every file ends with a Ctrl-Z line, and it is not read as a row', () => {
    for (const f of all) expect(readFileSync(f).at(-1)).toBe(0x1a);
    expect(s.result.read).toBe(9);
    expect(parseCsv('1,"a"\r\n2,"b"\r\n\x1a', 'f.csv').map((r) => r.cells[0])).toEqual(['1', '2']);
    expect(parseCsv('1,"a"\r\n2,"b"\r\n\x1a\r\n', 'f.csv')).toHaveLength(2);
    // A Ctrl-Z inside the data is data: it still fails the column check where it stands.
    expect(parseCsv('1,"a"\r\n\x1a\r\n2,"b"\r\n', 'f.csv')[1]).toEqual({ line: 2, cells: ['\x1a'] });
  });

  test('keeps the DPRK entries and all 20 wallet addresses of the two DPRK3 persons, "alt." ones included', () => {
    expect(s.result.entries.map((e) => e.name)).toEqual([
      'KOREA MINING DEVELOPMENT TRADING CORPORATION',
      "YO'N, Cho'ng-Nam",
      'HAEJIN SHIP MANAGEMENT COMPANY LIMITED',
      'TIAN, Yinyin',
      'LI, Jiadong',
    ]);
    const tian = s.result.entries.find((e) => e.name === 'TIAN, Yinyin')!;
    expect(tian.wallets.map((w) => w.address)).toEqual(TIAN_WALLETS);
    expect(tian.wallets.every((w) => w.currency === 'XBT')).toBe(true);
    expect(s.result.entries.find((e) => e.name === 'LI, Jiadong')!.wallets).toHaveLength(12);
    expect(s.lists.find((l) => l.id === 'ofac-sdn-dprk-wallets')!.count).toBe(20);
    expect(s.caseProblems).toEqual([]);
  });

  test('Remarks over 1,000 characters continue in sdn_comments.csv, joined by ent_num mid-word', () => {
    const tian = s.result.entries.find((e) => e.name === 'TIAN, Yinyin')!;
    // sdn.csv stops at "a.k.a. 'snowsjo", sdn_comments.csv goes on with "hn'; Linked To: LAZARUS GROUP."
    expect(tian.weakAliases).toEqual(['tianyinyin0404', 'snowsjohn']);
    const without = importWatchlist({ files: all.slice(0, 3), out: out(), date: '2026-11-20' });
    expect(without.result.entries.find((e) => e.name === 'TIAN, Yinyin')!.weakAliases).toEqual(['tianyinyin0404']);
    expect(without.notices.join(' ')).toMatch(/continue in sdn_comments\.csv, which was not given/);
  });

  test('e-mail addresses, addresses from add.csv and weak aliases are kept; weak aliases are not aliases', () => {
    const ids = yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-emails.yaml')).entries.map((e: any) => e.value);
    expect(ids).toEqual(['haejinsm@silibank.net.kp', '417136259@qq.com']);
    const komid = yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-entities.yaml')).entries.find((e: any) => e.value.startsWith('KOREA MINING'));
    expect(komid.aliases).not.toContain('KOMID');
    expect(komid.note).toContain("weak a.k.a.: 'KOMID'");
    expect(komid.note).toContain('address: Central District, Pyongyang, Korea, North | Beijing, China | Moscow, Russia');
    expect(yamlOf(join(dir, 'lists', 'ofac-sdn-dprk-weak-aliases.yaml')).entries.map((e: any) => e.value)).toEqual([
      'KOMID',
      'tianyinyin0404',
      'snowsjohn',
      'blackjack1987',
      'khaleesi',
    ]);
  });

  test('an applicant paid to one of the imported wallets is critical, in a payroll change and in any letter case too', () => {
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: TIAN_WALLETS[5] } })).toEqual({ 'affiliation.ofac-sdn-dprk-wallet': 'critical' });
    expect(
      findings(dir, {
        payroll: { method: 'bank', changes: [{ at: '2026-11-20', method: 'crypto', cryptoWallet: ` ${'3N6WeZ6i34taX8Ditser6LKWBcXmt2XXL4'.toLowerCase()} ` }] },
      }),
    ).toEqual({ 'affiliation.ofac-sdn-dprk-wallet': 'critical' });
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: 'bc1qnotlistednotlistednotlisted000000' } })).toEqual({});
  });

  test('a weak alias alone is low, never high: KOMID as an employer, a listed handle as a username', () => {
    expect(findings(dir, { employment: [{ employer: 'KOMID' }] })).toEqual({ 'affiliation.ofac-sdn-dprk-weak-alias': 'low' });
    expect(findings(dir, { profiles: [{ network: 'github', username: 'blackjack1987' }] })).toEqual({ 'affiliation.ofac-sdn-dprk-weak-alias': 'low' });
  });

  test("the person rule works like the built-in one: payees other than the applicant and references, never the applicant's own name", () => {
    expect(findings(dir, { name: { full: 'Tian Yinyin' } })).toEqual({});
    expect(findings(dir, { name: { full: 'Tian Yinyin' }, payroll: { method: 'bank', bank: { holderName: 'TIAN Yinyin', country: 'US' } } })).toEqual({});
    expect(findings(dir, { payroll: { method: 'bank', bank: { holderName: 'Yinyin Tian', country: 'US' } } })).toEqual({
      'affiliation.ofac-sdn-dprk-person': 'medium',
    });
    expect(findings(dir, { references: [{ name: 'Li Jiadong' }] })).toEqual({ 'affiliation.ofac-sdn-dprk-person': 'medium' });
  });

  test('--program CYBER2 also reads websites: a whole domain becomes a web-domain entry, "alt." ones included', () => {
    const cyber = importWatchlist({ files: all, out: out(), programs: ['CYBER2'], date: '2026-11-20' });
    const secondeye = cyber.result.entries.find((e) => e.name === 'SECONDEYE SOLUTION')!;
    expect(secondeye.websites.slice(0, 3)).toEqual(['secondeyesolution.su', 'secondeyesolution.ch', 'secondeyesolution.ru']);
    expect(secondeye.wallets.some((w) => w.currency === 'ETH')).toBe(true);
    expect(cyber.lists.map((l) => l.id)).toContain('ofac-sdn-web-domains');
    expect(cyber.caseProblems).toEqual([]);
  });
});
