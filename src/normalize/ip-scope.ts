import { cidrMatcher, parseCidr, type ParsedIp } from './ip.js';

/**
 * Address blocks that say nothing about where a person is: private networks, loopback, link-local,
 * CGNAT, documentation and multicast ranges (RFC 1918, 6598, 3927, 5737, 4193, 3849 …).
 */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];
const RESERVED = [
  '0.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fe80::/10',
  'ff00::/8',
  '2001:db8::/32',
  '64:ff9b::/96',
];
// Every session address of every applicant is tested against these: IPv4 blocks as number
// ranges (one conversion per address, no BigInt arithmetic), IPv6 blocks with their masks made once.
function blocks(list: string[]) {
  const cidrs = list.map((c) => parseCidr(c)!);
  return {
    v4: cidrs.filter((c) => c.version === 4).map((c) => [Number(c.network), Number(c.network) + 2 ** (32 - c.bits) - 1] as const),
    v6: cidrs.filter((c) => c.version === 6).map(cidrMatcher),
  };
}
const PRIVATE_BLOCKS = blocks(PRIVATE);
const RESERVED_BLOCKS = blocks(RESERVED);

function inBlocks(ip: ParsedIp, v4: number | undefined, b: ReturnType<typeof blocks>): boolean {
  if (v4 !== undefined) return b.v4.some(([from, to]) => v4 >= from && v4 <= to);
  return b.v6.some((contains) => contains(ip));
}

export function ipScope(ip: ParsedIp): 'public' | 'private' | 'reserved' {
  const v4 = ip.version === 4 ? Number(ip.value) : undefined;
  if (inBlocks(ip, v4, PRIVATE_BLOCKS)) return 'private';
  if (inBlocks(ip, v4, RESERVED_BLOCKS)) return 'reserved';
  return 'public';
}
