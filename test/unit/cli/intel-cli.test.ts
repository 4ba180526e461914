import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const ROOT = resolve(__dirname, '../../..');

// The one in-process harness (test/helpers/cli.ts), with this file's clock.
const cli = (args: string[]) => runCli(args, { cwd: ROOT, env: { NO_COLOR: '1' }, now: '2026-11-21T00:00:00Z' });

describe('IP data in --version and in reports', () => {
  test('--version names each data set with its date and licence', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n/);
    expect(r.stdout).toMatch(/IP → country: ip-location-db geo-whois-asn-country, as of \d{4}-\d{2}-\d{2} \(CC BY 4\.0/);
    expect(r.stdout).toMatch(/IP → ASN: +ip-location-db asn, as of \d{4}-\d{2}-\d{2}/);
    expect(r.stdout).toContain('X4BNet');
  });

  test('the JSON report carries tool.data.ip with name, date and licence', async () => {
    const r = await cli(['--format', 'json', 'fixtures/net-dprk-ip.json']);
    const report = JSON.parse(r.stdout);
    expect(report.tool.data.ip).toMatchObject({ name: 'ip-location-db geo-whois-asn-country', licence: expect.stringContaining('CC BY 4.0') });
    expect(report.tool.data.ip.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.tool.data.hosting.licence).toContain('MIT');
  });
});

describe('network fixtures', () => {
  const findings = async (file: string) => {
    const r = await cli(['--format', 'json', '--fail-on', 'never', file]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout).applicants[0];
    return { level: a.level as string, ids: a.findings.map((f: { ruleId: string }) => f.ruleId).sort() as string[], warnings: (a.warnings ?? []) as string[] };
  };

  test('a session from 175.45.176.0/22 is critical', async () => {
    const f = await findings('fixtures/net-dprk-ip.json');
    expect(f.level).toBe('critical');
    // The one KP session is also an occasional session elsewhere; the camera was off in the interview.
    expect(f.ids).toEqual(['identity.camera-avoidance', 'network.dprk-allocated-ip', 'network.session-country-mismatch']);
  });

  test('China/Russia egress against a US declaration, at night in New York', async () => {
    const f = await findings('fixtures/net-cn-ru-egress.json');
    expect(f.level).toBe('high');
    expect(f.ids).toEqual(expect.arrayContaining(['network.cn-ru-egress-elsewhere-declared', 'network.night-time-activity']));
    // The stronger China/Russia rule takes the place of the generic consistent-mismatch rule.
    expect(f.ids).not.toContain('network.consistent-location-mismatch');
    expect(f.ids).not.toContain('network.session-country-mismatch');
  });

  test('a consistent record of someone who declares Shenyang and connects from China is not flagged', async () => {
    expect(await findings('fixtures/net-consistent-declared-cn.json')).toMatchObject({ level: 'none', ids: [] });
  });

  test('hosting / VPN, many countries, night-time activity each show up', async () => {
    expect((await findings('fixtures/net-hosting-vpn.json')).ids).toContain('network.hosting-network');
    expect((await findings('fixtures/net-many-countries.json')).ids).toContain('network.many-countries-one-week');
    expect((await findings('fixtures/net-night-activity.json')).ids).toEqual(['network.night-time-activity']);
    expect((await findings('fixtures/net-contact-facts.json')).ids).toEqual(expect.arrayContaining(['identity.disposable-email', 'identity.voip-phone']));
  });

  test('a record with bad IPs is still checked on the rest, with one warning per unplaceable address', async () => {
    const f = await findings('fixtures/net-bad-ips.json');
    expect(f.ids).toContain('network.hosting-network');
    expect(f.warnings).toHaveLength(5);
    expect(f.warnings.every((w) => w.includes('not geolocatable'))).toBe(true);
    expect(f.warnings.join('\n')).toContain('IPv6 zone id');
  });
});

describe('--ip-data errors stop the run before anything is checked', () => {
  test('a missing file: exit 2, one line', async () => {
    const r = await cli(['--ip-data', 'nope/newer.mmdb', 'fixtures/net-dprk-ip.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dprk-check: IP data file .*nope\/newer\.mmdb cannot be read \(ENOENT\)/);
  });

  test('a corrupt file: exit 2, says it is not an mmdb', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-cli-'));
    writeFileSync(join(dir, 'bad.mmdb'), Buffer.alloc(4096, 7));
    const r = await cli(['--ip-data', join(dir, 'bad.mmdb'), 'fixtures/net-dprk-ip.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a readable MaxMind-format \(\.mmdb\) database/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('dprk-check watchlist import', () => {
  test('imports the OFAC sample and the pack is usable with --rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-cli-wl-'));
    const r = await cli(['watchlist', 'import', 'test/fixtures/watchlist/sdn.csv', 'test/fixtures/watchlist/alt.csv', '--out', dir, '--date', '2026-11-20']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('list ofac-sdn-dprk-entities: 2 entries');
    const app = join(dir, 'a.json');
    writeFileSync(app, JSON.stringify({ id: 'x', name: { full: 'Jordan Miller' }, employment: [{ employer: 'Hwasong Silverline Network Tech Co' }] }));
    const c = await cli(['--rules', dir, '--format', 'json', app]);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout).applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('affiliation.ofac-sdn-dprk-entity');
  });

  test('wrong columns: exit 2 with the expected layouts named', async () => {
    const r = await cli(['watchlist', 'import', 'test/fixtures/watchlist/wrong-columns.csv', '--out', mkdtempSync(join(tmpdir(), 'x-'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dprk-check: watchlist import: test\/fixtures\/watchlist\/wrong-columns\.csv:1: 7 columns/);
  });
});
