import { describe, expect, test } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../../src/normalize/ip.js';

const ip = (s: string) => {
  const p = parseIp(s);
  if (!p) throw new Error(`${s} did not parse`);
  return p;
};
const cidr = (s: string) => {
  const c = parseCidr(s);
  if (!c) throw new Error(`${s} did not parse`);
  return c;
};

describe('parseIp', () => {
  test('IPv4', () => {
    expect(ip('1.2.3.4')).toEqual({ version: 4, value: 0x01020304n });
    expect(ip(' 255.255.255.255 ')).toEqual({ version: 4, value: 0xffffffffn });
  });

  test('IPv6, compressed and full, with brackets', () => {
    expect(ip('2001:db8::1')).toEqual({ version: 6, value: 0x20010db8000000000000000000000001n });
    expect(ip('2001:0db8:0000:0000:0000:0000:0000:0001')).toEqual(ip('2001:db8::1'));
    expect(ip('[2001:db8::1]')).toEqual(ip('2001:db8::1'));
    expect(ip('::')).toEqual({ version: 6, value: 0n });
    expect(ip('::1').value).toBe(1n);
    expect(ip('fe80::')).toEqual({ version: 6, value: 0xfe80n << 112n });
  });

  test('IPv4-mapped IPv6 is the IPv4 address', () => {
    expect(ip('::ffff:1.2.3.4')).toEqual(ip('1.2.3.4'));
    expect(ip('::ffff:0102:0304')).toEqual(ip('1.2.3.4'));
  });

  test('zone ids are rejected', () => {
    expect(parseIp('fe80::1%eth0')).toBeUndefined();
    expect(parseIp('fe80::1%25en0')).toBeUndefined();
  });

  test.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-4',
    'a.b.c.d',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    'g::1',
    '1:2:3:4:5:6:7',
    'localhost',
    '::ffff:1.2.3.256',
  ])('bad input %j is rejected', (s) => {
    expect(parseIp(s)).toBeUndefined();
  });
});

describe('parseCidr / cidrContains', () => {
  test('v4 ranges contain their addresses and no others', () => {
    const r = cidr('175.45.176.0/22');
    expect(cidrContains(r, ip('175.45.176.0'))).toBe(true);
    expect(cidrContains(r, ip('175.45.179.255'))).toBe(true);
    expect(cidrContains(r, ip('175.45.180.0'))).toBe(false);
    expect(cidrContains(r, ip('175.45.175.255'))).toBe(false);
  });

  test('host bits in the network are masked away', () => {
    expect(cidrContains(cidr('10.1.2.3/8'), ip('10.200.0.1'))).toBe(true);
  });

  test('v6 ranges', () => {
    const r = cidr('2001:db8::/32');
    expect(cidrContains(r, ip('2001:db8:ffff::1'))).toBe(true);
    expect(cidrContains(r, ip('2001:db9::1'))).toBe(false);
  });

  test('a v4-mapped address is inside a v4 range, and never inside a v6 one', () => {
    expect(cidrContains(cidr('1.2.3.0/24'), ip('::ffff:1.2.3.99'))).toBe(true);
    expect(cidrContains(cidr('::/0'), ip('1.2.3.4'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('2001:db8::1'))).toBe(false);
  });

  test('/0 contains everything of its family; a bare address is a /32 or /128', () => {
    expect(cidrContains(cidr('0.0.0.0/0'), ip('8.8.8.8'))).toBe(true);
    expect(cidr('1.2.3.4').bits).toBe(32);
    expect(cidr('::1').bits).toBe(128);
    expect(cidrContains(cidr('1.2.3.4'), ip('1.2.3.5'))).toBe(false);
  });

  test.each(['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/a', '10.0.0.0/-1', '10.0.0.0/8.5', '/8', 'x/8', '10.0.0.0/ 8'])(
    'bad range %j is rejected',
    (s) => {
      expect(parseCidr(s)).toBeUndefined();
    },
  );
});
