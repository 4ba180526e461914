import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

/** Which data set answered, for --version and the report's tool.data. */
export interface DataInfo {
  name: string;
  date?: string;
  licence?: string;
  url?: string;
}

export interface BuiltinIpMeta {
  country: DataInfo & { version: string; files: Record<'4' | '6', string> };
  asn: DataInfo & { version: string; files: Record<'4' | '6', string> };
}

export const IP_DATA_DIR = packagePath('data', 'ip');

let cached: BuiltinIpMeta | null | undefined;

/** data/ip/meta.json, written by scripts/build-ip-data.mjs; null when the data was never built. */
export function builtinIpMeta(): BuiltinIpMeta | null {
  if (cached !== undefined) return cached;
  try {
    cached = JSON.parse(readFileSync(packagePath('data', 'ip', 'meta.json'), 'utf8')) as BuiltinIpMeta;
  } catch {
    cached = null;
  }
  return cached;
}

export function describeData(d: DataInfo | undefined): string {
  if (!d) return 'none';
  return `${d.name}${d.date ? `, as of ${d.date}` : ''}${d.licence ? ` (${d.licence})` : ''}`;
}
