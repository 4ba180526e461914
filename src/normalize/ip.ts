/**
 * IPv4/IPv6 parsing and CIDR tests without dependencies. Addresses become bigints so one code path
 * serves both families; IPv4-mapped IPv6 (::ffff:1.2.3.4) is treated as the IPv4 address.
 */
export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

/**
 * Four decimal octets, 0–255, without leading zeros (010 is octal to some tools and decimal to
 * others: refused). Scanned by hand: every session address of every record comes through here.
 */
function parseV4(s: string): bigint | undefined {
  let v = 0;
  let parts = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c !== 46) {
      if (c < 48 || c > 57 || i - start >= 3) return undefined;
      continue;
    }
    const len = i - start;
    if (len === 0 || (len > 1 && s.charCodeAt(start) === 48) || ++parts > 4) return undefined;
    const n = Number(s.slice(start, i));
    if (n > 255) return undefined;
    // A plain number until the end: one BigInt per address instead of one per octet.
    v = v * 256 + n;
    start = i + 1;
  }
  return parts === 4 ? BigInt(v) : undefined;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) v = (v & ~0xffffffffn) | tailV4;
  return v;
}

export function parseIp(raw: string): ParsedIp | undefined {
  const s = raw.trim();
  if (s.includes(':')) {
    if (s.includes('%')) return undefined; // zone ids (fe80::1%eth0) name a local link, not a place
    const v = parseV6(s.replace(/^\[|\]$/g, ''));
    if (v === undefined) return undefined;
    if (v >> 32n === 0xffffn) return { version: 4, value: v & 0xffffffffn };
    return { version: 6, value: v };
  }
  const v = parseV4(s);
  return v === undefined ? undefined : { version: 4, value: v };
}

export interface Cidr {
  text: string;
  version: 4 | 6;
  network: bigint;
  bits: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, len] = text.split('/');
  if (!addr) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  const bits = len === undefined ? width : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > width || (len !== undefined && !/^\d+$/.test(len))) return undefined;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
  return { text, version: ip.version, network: ip.value & mask, bits };
}

export function cidrContains(cidr: Cidr, ip: ParsedIp): boolean {
  if (cidr.version !== ip.version) return false;
  const width = ip.version === 4 ? 32 : 128;
  const mask = cidr.bits === 0 ? 0n : ((1n << BigInt(cidr.bits)) - 1n) << BigInt(width - cidr.bits);
  return (ip.value & mask) === cidr.network;
}

/** cidrContains for one range tested against many addresses: the mask is made once. */
export function cidrMatcher(cidr: Cidr): (ip: ParsedIp) => boolean {
  if (cidr.version === 4) {
    // IPv4 fits a plain number: compare the network bits without BigInt arithmetic.
    if (cidr.bits === 0) return (ip) => ip.version === 4;
    const size = 2 ** (32 - cidr.bits);
    const network = Number(cidr.network) / size;
    return (ip) => ip.version === 4 && Math.floor(Number(ip.value) / size) === network;
  }
  const mask = cidr.bits === 0 ? 0n : ((1n << BigInt(cidr.bits)) - 1n) << BigInt(128 - cidr.bits);
  return (ip) => ip.version === 6 && (ip.value & mask) === cidr.network;
}
