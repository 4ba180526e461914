import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OfflineIpResolver, builtinIpResolver } from '../../../src/intel/ip-resolver.js';
import { IpDataError } from '../../../src/intel/ip-data-error.js';
import { IP_DATA_DIR, builtinIpMeta } from '../../../src/intel/ip-data-info.js';
import { tempDir } from '../../helpers/temp-tree.js';

// These run on the bundled data (built by npm run build from the pinned ip-location-db packages).
const r = builtinIpResolver();

describe('offline IP resolver on the bundled data', () => {
  test('the data was built and is dated', () => {
    const meta = builtinIpMeta();
    expect(meta, 'data/ip/meta.json is missing: run npm run build').not.toBeNull();
    expect(meta!.country.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.describe().asn.licence).toMatch(/CC BY 4\.0/);
  });

  test("North Korea's allocated block resolves to KP and AS131279", () => {
    expect(r.lookup('175.45.176.1')).toMatchObject({ country: 'KP', asn: 131279, hosting: false });
  });

  test('a KP label outside the allocated block is dropped, never passed on as a country', () => {
    const f = r.lookup('95.141.91.195');
    expect(f?.kpLabelIgnored).toBe(true);
    expect(f?.country).toBeUndefined();
  });

  test('IPv4, IPv6 and IPv4-mapped IPv6 are placed', () => {
    expect(r.lookup('77.88.8.8')?.country).toBe('RU');
    expect(r.lookup('::ffff:77.88.8.8')).toMatchObject({ country: 'RU', asn: r.lookup('77.88.8.8')!.asn });
    expect(r.lookup('2a01:4f8::1')).toMatchObject({ country: 'DE', asn: 24940 });
    expect(r.lookup('[2409:8000::1]')?.country).toBe('CN');
  });

  test('private, reserved, malformed and zoned addresses are not looked up at all', () => {
    for (const a of ['10.1.2.3', '192.168.0.1', '100.64.0.1', '127.0.0.1', '169.254.1.1', '::1', 'fd00::1', 'fe80::1%eth0', '999.1.1.1', 'abc', '']) {
      expect(r.lookup(a), a).toBeUndefined();
    }
  });

  test('hosting: VPN and datacenter ASNs are flagged with their kind; access networks are not', () => {
    expect(r.lookup('37.120.128.1')).toMatchObject({ hosting: true, hostingKind: 'vpn', asn: 9009 });
    expect(r.lookup('159.89.1.1')).toMatchObject({ hosting: true, hostingKind: 'datacenter', asn: 14061 });
    expect(r.lookup('73.0.0.1')).toMatchObject({ hosting: false, country: 'US' });
    // Listed upstream as "datacenter" but a residential cable ISP: excluded in not-hosting-asn.txt.
    expect(r.lookup('199.21.164.9')).toMatchObject({ asn: 36290, hosting: false });
  });
});

describe('--ip-data: a user-supplied .mmdb', () => {
  const dir = tempDir('dprk-ipdata-');
  const meta = builtinIpMeta()!;

  test('replaces the bundled country data for its family and is described as user-supplied', () => {
    const file = join(dir, 'newer-country.mmdb');
    copyFileSync(join(IP_DATA_DIR, meta.country.files['4']), file);
    const user = new OfflineIpResolver({ files: [file] });
    expect(user.describe().country.name).toBe(file);
    expect(user.describe().country.licence).toMatch(/user-supplied/);
    expect(user.lookup('1.2.4.8')?.country).toBe('CN');
    // An IPv4-only file leaves IPv6 to the bundled data.
    expect(user.lookup('2a01:4f8::1')?.country).toBe('DE');
  });

  test('a missing file is a clear IpDataError naming the file', () => {
    expect(() => new OfflineIpResolver({ files: [join(dir, 'nope.mmdb')] })).toThrow(IpDataError);
    expect(() => new OfflineIpResolver({ files: [join(dir, 'nope.mmdb')] })).toThrow(/nope\.mmdb cannot be read \(ENOENT\)/);
  });

  test('a file that is not an mmdb, or a cut-short one, is refused', () => {
    const junk = join(dir, 'junk.mmdb');
    writeFileSync(junk, 'this is not a database\n'.repeat(100));
    expect(() => new OfflineIpResolver({ files: [junk] })).toThrow(/not a readable MaxMind-format/);
    const cut = join(dir, 'cut.mmdb');
    writeFileSync(cut, readFileSync(join(IP_DATA_DIR, meta.country.files['4'])).subarray(0, 100_000));
    expect(() => new OfflineIpResolver({ files: [cut] })).toThrow(IpDataError);
  });
});

describe('lazy loading', () => {
  test('nothing is opened until a public address is looked up, then only that family', async () => {
    const { enrich } = await import('../../../src/enrich/index.js');
    const fresh = new OfflineIpResolver();
    enrich({ id: 'a', name: { full: 'N N' }, network: { sessions: [{ ip: '10.0.0.1' }, { ip: 'bad' }] } }, { ip: fresh });
    expect(fresh.loaded()).toEqual([]);
    enrich({ id: 'b', name: { full: 'N N' }, network: { sessions: [{ ip: '73.0.0.1' }] } }, { ip: fresh });
    expect(fresh.loaded().map((f) => f.split('/').pop())).toEqual(['country-v4.mmdb', 'asn-v4.bin']);
  });
});
