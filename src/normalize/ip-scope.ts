import { cidrMatcher, parseCidr, type ParsedIp } from './ip.js';

/**
 * Address blocks that say nothing about where a person is: private networks, loopback, link-local,
 * CGNAT, documentation and multicast ranges (RFC 1918, 6598, 3927, 5737, 4193, 3849 …).
 */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];
const RESERVED = [
  '0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '192.0.0.0/24', '192.0.2.0/24', '198.18.0.0/15',
  '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', 'fe80::/10', 'ff00::/8', '2001:db8::/32', '64:ff9b::/96',
];
// Every session address of every applicant is tested against these: masks made once.
const toMatchers = (list: string[]) => list.map((c) => cidrMatcher(parseCidr(c)!));
const PRIVATE_CIDRS = toMatchers(PRIVATE);
const RESERVED_CIDRS = toMatchers(RESERVED);

export function ipScope(ip: ParsedIp): 'public' | 'private' | 'reserved' {
  if (PRIVATE_CIDRS.some((contains) => contains(ip))) return 'private';
  if (RESERVED_CIDRS.some((contains) => contains(ip))) return 'reserved';
  return 'public';
}
