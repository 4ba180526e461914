import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { OfflineIpResolver } from '../intel/ip-resolver.js';
import { IpDataError } from '../intel/ip-data-error.js';
import type { DataInfo } from '../intel/ip-data-info.js';

/**
 * The resolver for a check run: --ip-data files are opened now, so a missing or corrupt file stops
 * the run (exit 2) before anything is checked. Undefined means the error was already printed.
 */
export function openIpData(files: string[] | undefined, io: CliIO): OfflineIpResolver | undefined {
  try {
    const ip = new OfflineIpResolver({ files: (files ?? []).map((f) => resolve(io.cwd, f)) });
    for (const w of ip.warnings) io.stderr.write(`dprk-check: warning: ${w}\n`);
    return ip;
  } catch (e) {
    if (!(e instanceof IpDataError)) throw e;
    io.stderr.write(`dprk-check: ${e.message}\n`);
    return undefined;
  }
}

/**
 * Before --jobs workers start: the IP tables read now, into memory the workers share (one copy,
 * not one per thread). Data that cannot be read is left for the lookups to report, as without workers.
 */
export function shareIpData(ip: OfflineIpResolver): void {
  try {
    ip.openAll();
  } catch (e) {
    if (!(e instanceof IpDataError)) throw e;
  }
}

/** Report.tool.data: which data sets answered the IP questions. */
export function reportData(ip: OfflineIpResolver): Record<string, DataInfo> {
  const d = ip.describe();
  return { ip: d.country, asn: d.asn, hosting: d.hosting };
}
