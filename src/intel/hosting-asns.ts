import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';
import { IpDataError } from './ip-data-error.js';

/** A network known to rent out servers or sell VPN exits (not an ISP people use at home). */
export interface HostingNetwork {
  kind: 'vpn' | 'datacenter';
  name: string;
}

const LINE = /^\s*AS(\d+)\s*(?:#\s*(.*))?$/i;

/** `ASnnnn # name` lines, the X4BNet format; blank lines and # comments are skipped. */
export function parseAsnList(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const asn = Number(m[1]);
    if (!out.has(asn)) out.set(asn, (m[2] ?? '').trim());
  }
  return out;
}

export const HOSTING_DATA = {
  name: 'X4BNet lists_vpn VPN and datacenter ASN lists (snapshot)',
  date: '2026-11-21',
  licence: 'MIT — X4B (Mathew Heard); see data/hosting/LICENSE-x4bnet.txt',
  url: 'https://github.com/X4BNet/lists_vpn',
};

function read(name: string): string {
  const file = packagePath('data', 'hosting', name);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new IpDataError(`hosting network list ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

let cached: Map<number, HostingNetwork> | undefined;

/**
 * The VPN list wins over the datacenter list (M247 is both); not-hosting-asn.txt removes access
 * networks the upstream list includes by name only (a hotel chain, universities, satellite ISPs).
 */
export function hostingNetworks(): Map<number, HostingNetwork> {
  if (cached) return cached;
  const out = new Map<number, HostingNetwork>();
  for (const [asn, name] of parseAsnList(read('x4bnet-vpn-asn.txt'))) out.set(asn, { kind: 'vpn', name });
  for (const [asn, name] of parseAsnList(read('x4bnet-datacenter-asn.txt'))) if (!out.has(asn)) out.set(asn, { kind: 'datacenter', name });
  for (const asn of parseAsnList(read('not-hosting-asn.txt')).keys()) out.delete(asn);
  cached = out;
  return out;
}
