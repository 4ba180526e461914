import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { OfflineIpResolver } from '../intel/ip-resolver.js';
import { IpDataError } from '../intel/ip-data-error.js';
import { builtinIpMeta, describeData, type DataInfo } from '../intel/ip-data-info.js';
import { HOSTING_DATA } from '../intel/hosting-asns.js';
import { toolVersion } from '../util/package-root.js';
import { DISPOSABLE_DATA, disposableListVersion } from '../intel/disposable-domains.js';

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

/** `dprk-check --version`: the tool version, then the date and licence of each data set. */
export function versionText(): string {
  const meta = builtinIpMeta();
  const missing = 'not built (run npm run build)';
  return [
    toolVersion(),
    `IP → country: ${meta ? describeData(meta.country) : missing}`,
    `IP → ASN:     ${meta ? describeData(meta.asn) : missing}`,
    `hosting/VPN:  ${describeData(HOSTING_DATA)}`,
    `disposable e-mail domains: ${DISPOSABLE_DATA.name} ${disposableListVersion() ?? '(missing)'} (${DISPOSABLE_DATA.licence})`,
  ].join('\n');
}
