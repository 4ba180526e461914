import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { importWatchlist } from '../../../src/cli/watchlist-import.js';
import { ImportError } from '../../../src/watchlist/types.js';
import { packDir, packSeverities } from '../../helpers/watchlist-pack.js';

const FIX = resolve(__dirname, '../../fixtures/watchlist');
const fx = (f: string) => join(FIX, f);
const out = packDir;
const yamlOf = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, any>;

const findings = packSeverities;

describe('OpenSanctions targets.simple.csv with program_ids', () => {
  const dir = out();
  const s = importWatchlist({ files: [fx('targets-program-ids.simple.csv')], out: dir, date: '2026-11-20' });

  test('a row whose DPRK programme is only in program_ids (no sanctions text, country cn) is kept; other programmes are not', () => {
    expect(s.result.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'entity:Hwasong Silverline Network Technology Co., Ltd.',
      'person:CHOE, Example Ryong',
      'wallet:0x00000000000000000000000000000000Example1',
    ]);
    expect(s.result.entries[1]!.programs).toEqual(['US-DPRK3', 'US-CYBER2']);
    expect(s.caseProblems).toEqual([]);
  });

  test('a CryptoWallet row feeds the wallet list, not the entity list, and a payout to it is critical', () => {
    expect(yamlOf(join(dir, 'lists', 'opensanctions-dprk-entities.yaml')).entries.map((e: any) => e.value)).toEqual([
      'Hwasong Silverline Network Technology Co., Ltd.',
    ]);
    expect(yamlOf(join(dir, 'lists', 'opensanctions-dprk-wallets.yaml')).entries.map((e: any) => e.value)).toEqual([
      '0x00000000000000000000000000000000Example1',
    ]);
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: '0x00000000000000000000000000000000example1' } })).toEqual({
      'affiliation.opensanctions-dprk-wallet': 'critical',
    });
  });
});

describe('OpenSanctions FollowTheMoney entities.ftm.json', () => {
  const dir = out();
  const s = importWatchlist({ files: [fx('entities.ftm.json')], out: dir, date: '2026-11-20' });

  test('parties sanctioned under a DPRK programme (through their Sanction entity) are kept with their wallets; PEPs and other programmes are not', () => {
    expect(s.result.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'person:RIM, Example Chol',
      'entity:Example Chonsurim Network Corporation',
      'wallet:wallet 0x00000000000000000000000000000000ExampleB',
    ]);
    const rim = s.result.entries[0]!;
    expect(rim.wallets).toEqual([
      { address: '1ExampleFtmWa11etAddre55NotReal1x', currency: 'XBT' },
      { address: 'TExampleFtmTronWa11etNotRea1xxxxx', currency: 'USDT' },
    ]);
    expect(rim.weakAliases).toEqual(['exdev']);
    expect(rim.programs).toEqual(['US-DPRK3', 'North Korea Sanctions Regulations']);
    expect(s.notices.join(' ')).toContain('CC BY-NC 4.0');
    expect(s.caseProblems).toEqual([]);
  });

  test("the pack flags a payout to a holder's wallet and to a holder-less listed wallet as critical, an e-mail at the listed website's domain as high", () => {
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: 'TExampleFtmTronWa11etNotRea1xxxxx' } })).toEqual({
      'affiliation.opensanctions-dprk-wallet': 'critical',
    });
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: '0x00000000000000000000000000000000EXAMPLEB' } })).toEqual({
      'affiliation.opensanctions-dprk-wallet': 'critical',
    });
    expect(findings(dir, { contact: { emails: ['hr@chonsurim-example.test'] } })).toEqual({ 'affiliation.opensanctions-dprk-web-domain': 'high' });
    expect(findings(dir, { contact: { emails: ['rim.example@example.test'] } })).toEqual({ 'affiliation.opensanctions-dprk-email': 'critical' });
  });

  test('a line that is not JSON names its file and line', () => {
    const f = join(out(), 'entities.ftm.json');
    writeFileSync(f, `${readFileSync(fx('entities.ftm.json'), 'utf8').split('\n').slice(0, 2).join('\n')}\n{"id": "x", "schema": "Person", \n`);
    expect(() => importWatchlist({ files: [f], out: out(), date: '2026-11-20' })).toThrow(ImportError);
    expect(() => importWatchlist({ files: [f], out: out(), date: '2026-11-20' })).toThrow(/entities\.ftm\.json:3: not a JSON object/);
  });
});
