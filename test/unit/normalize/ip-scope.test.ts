import { describe, expect, test } from 'vitest';
import { parseIp } from '../../../src/normalize/ip.js';
import { ipScope } from '../../../src/normalize/ip-scope.js';

const ip = (s: string) => {
  const p = parseIp(s);
  if (!p) throw new Error(`${s} did not parse`);
  return p;
};

describe('ipScope', () => {
  test.each([
    ['8.8.8.8', 'public'],
    ['98.28.1.7', 'public'],
    ['2606:4700::1111', 'public'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['172.32.0.1', 'public'],
    ['127.0.0.1', 'reserved'],
    ['169.254.10.10', 'reserved'],
    ['192.0.2.5', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['0.0.0.0', 'reserved'],
    ['::1', 'reserved'],
    ['fe80::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:192.168.0.1', 'private'],
  ])('%s is %s', (s, scope) => {
    expect(ipScope(ip(s))).toBe(scope);
  });
});
