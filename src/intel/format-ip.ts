import type { ParsedIp } from '../normalize/ip.js';

/** The canonical text of a parsed address (dotted IPv4, full-length IPv6), as mmdb readers expect it. */
export function formatIp(ip: ParsedIp): string {
  if (ip.version === 4) {
    const v = Number(ip.value);
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  }
  const groups: string[] = [];
  for (let k = 7; k >= 0; k--) groups.push(((ip.value >> BigInt(16 * k)) & 0xffffn).toString(16));
  return groups.join(':');
}
