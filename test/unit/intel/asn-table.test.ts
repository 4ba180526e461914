import { describe, expect, test } from 'vitest';
// The build-time writer (plain JS, run by npm run build) and the run-time reader must agree.
import { buildTable, splitCsvLine } from '../../../scripts/asn-table-writer.mjs';
import { AsnTable } from '../../../src/intel/asn-table.js';
import { IpDataError } from '../../../src/intel/ip-data-error.js';
import { parseIp } from '../../../src/normalize/ip.js';

const v4num = (s: string) => Number(parseIp(s)!.value);
const ip = (s: string) => parseIp(s)!;

function v4Table(lines: string[]) {
  const built = buildTable(lines.join('\n'), 4, 'test') as { buf: Buffer; ranges: number; clipped: number };
  return { table: new AsnTable(built.buf, 'test-v4.bin', 4), built };
}

describe('ASN table (build script writer + src/intel reader)', () => {
  const { table, built } = v4Table([
    `${v4num('1.0.0.0')},${v4num('1.0.0.255')},13335,"Cloudflare, Inc."`,
    `${v4num('1.0.4.0')},${v4num('1.0.5.255')},38803,Gtelecom Pty Ltd`,
    `${v4num('1.0.6.0')},${v4num('1.0.7.255')},38803,Gtelecom Pty Ltd`,
    `${v4num('175.45.176.0')},${v4num('175.45.179.255')},131279,Star Joint Venture Co. Ltd.`,
    `${v4num('175.45.178.0')},${v4num('175.45.180.255')},9999,Overlapping Example`,
  ]);

  test('finds the range at its first and last address, with quoted organisation names', () => {
    expect(table.lookup(ip('1.0.0.0'))).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
    expect(table.lookup(ip('1.0.0.255'))).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
    expect(table.lookup(ip('175.45.177.9'))?.asn).toBe(131279);
  });

  test('addresses between ranges and outside all ranges are unknown, not guessed', () => {
    expect(table.lookup(ip('1.0.1.0'))).toBeUndefined();
    expect(table.lookup(ip('0.255.255.255'))).toBeUndefined();
    expect(table.lookup(ip('255.255.255.255'))).toBeUndefined();
  });

  test('adjacent ranges of one network are merged and an overlapping upstream range is clipped (first wins)', () => {
    expect(built.ranges).toBe(4);
    expect(built.clipped).toBe(1);
    expect(table.lookup(ip('1.0.7.0'))?.asn).toBe(38803);
    expect(table.lookup(ip('175.45.179.255'))?.asn).toBe(131279);
    expect(table.lookup(ip('175.45.180.1'))?.asn).toBe(9999);
  });

  test('IPv6 tables compare all 128 bits', () => {
    const big = (s: string) => parseIp(s)!.value.toString();
    const built6 = buildTable(
      [
        `${big('2001:db8::')},${big('2001:db8:0:ffff:ffff:ffff:ffff:ffff')},64500,Example Six`,
        `${big('2a01:4f8::')},${big('2a01:4f8:ffff:ffff:ffff:ffff:ffff:ffff')},24940,Hetzner Online GmbH`,
      ].join('\n'),
      6,
    ) as { buf: Buffer };
    const t6 = new AsnTable(built6.buf, 'v6.bin', 6);
    expect(t6.lookup(ip('2001:db8::1'))?.asn).toBe(64500);
    expect(t6.lookup(ip('2001:db8:1::1'))).toBeUndefined();
    expect(t6.lookup(ip('2a01:4f8:10a:1::2'))?.org).toBe('Hetzner Online GmbH');
    expect(t6.lookup(ip('1.0.0.1'))).toBeUndefined();
  });

  test('a table that is not one, or is cut short, or holds the other family, is a clear IpDataError', () => {
    expect(() => new AsnTable(new Uint8Array(64), 'zero.bin', 4)).toThrow(IpDataError);
    expect(() => new AsnTable(built.buf.subarray(0, built.buf.length - 10), 'cut.bin', 4)).toThrow(/cut\.bin is corrupt \(wrong length\)/);
    expect(() => new AsnTable(built.buf, 'v4.bin', 6)).toThrow(/holds IPv4 ranges, expected IPv6/);
    expect(() => AsnTable.open('/nonexistent/asn.bin', 4)).toThrow(/cannot be read \(ENOENT\)/);
  });

  test('the CSV splitter handles quotes and doubled quotes', () => {
    expect(splitCsvLine('1,2,3,"A, ""B"" C"')).toEqual(['1', '2', '3', 'A, "B" C']);
    expect(splitCsvLine('1,2,3,')).toEqual(['1', '2', '3', '']);
  });
});
