import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importWatchlist } from '../../../src/cli/watchlist-import.js';
import { parseXml } from '../../../src/watchlist/xml.js';
import { ImportError } from '../../../src/watchlist/types.js';
import { packDir, packSeverities } from '../../helpers/watchlist-pack.js';

const FIX = resolve(__dirname, '../../fixtures/watchlist');
const out = packDir;

const findings = packSeverities;

describe('OFAC Sanctions List Service advanced XML (SDN_ADVANCED.XML)', () => {
  const dir = out();
  const s = importWatchlist({ files: [join(FIX, 'sdn_advanced.xml')], out: dir, date: '2026-11-20' });

  test('programmes from SanctionsEntries, types and names through the reference tables; vessels and other programmes skipped', () => {
    expect(s.result.read).toBe(4);
    expect(s.result.entries.map((e) => `${e.kind}:${e.name}:${e.programs.join('+')}`)).toEqual([
      'entity:EXAMPLE JINMYONG JOINT VENTURE COMPANY:DPRK3+DPRK4',
      'person:HAN, Example Song Il:DPRK3+CYBER2',
    ]);
    const jm = s.result.entries[0]!;
    expect(jm.aliases).toEqual(['JINMYONG EXAMPLE TRADING']);
    expect(jm.weakAliases).toEqual(['JMEX']); // LowQuality="true"
    expect(jm.websites).toEqual(['www.jinmyong-example.test']);
    expect(s.result.entries[1]!.wallets).toEqual([
      { currency: 'XBT', address: '1ExampleSlsWa11etAddre55NotReal1x' },
      { currency: 'USDT', address: 'TExampleSlsTronWa11etNotRea1xxxxx' },
    ]);
    expect(s.caseProblems).toEqual([]);
  });

  test('the pack: a payout to a listed wallet is critical, a payee with the listed name medium, the weak alias low', () => {
    expect(findings(dir, { payroll: { method: 'crypto', cryptoWallet: '0x00000000000000000000000000000000examplec' } })).toEqual({
      'affiliation.ofac-sdn-dprk-wallet': 'critical',
    });
    expect(findings(dir, { payroll: { method: 'bank', bank: { holderName: 'Han Song Il Example', country: 'US' } } })).toEqual({
      'affiliation.ofac-sdn-dprk-person': 'medium',
    });
    expect(findings(dir, { employment: [{ employer: 'JMEX' }] })).toEqual({ 'affiliation.ofac-sdn-dprk-weak-alias': 'low' });
  });

  test('broken or hostile XML is one message with file:line', () => {
    const bad = (xml: string) => {
      const f = join(out(), 'sdn_advanced.xml');
      writeFileSync(f, xml);
      return () => importWatchlist({ files: [f], out: out(), date: '2026-11-20' });
    };
    expect(bad('<?xml version="1.0"?>\n<Sanctions>\n<DistinctParties>\n</Sanctions>')).toThrow(
      /sdn_advanced\.xml:4: <\/Sanctions> does not close <DistinctParties>/,
    );
    expect(bad('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<Sanctions/>')).toThrow(/sdn_advanced\.xml:2: a DOCTYPE/);
    expect(bad(`<Sanctions>${'<a>'.repeat(100)}`)).toThrow(ImportError);
    expect(bad('<Other/>')).toThrow(/without a <Sanctions> root/);
    expect(() => parseXml('<a x="1 > 2" y=\'&amp;\'>t &lt; u</a>', 'f.xml')).not.toThrow();
    expect(parseXml('<a x="1 > 2" y=\'&amp;\'>t &lt; u</a>', 'f.xml').children[0]).toMatchObject({ name: 'a', attrs: { x: '1 > 2', y: '&' }, text: 't < u' });
  });
});
