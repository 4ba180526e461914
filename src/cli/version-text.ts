import { builtinIpMeta, describeData } from '../intel/ip-data-info.js';
import { HOSTING_DATA } from '../intel/hosting-asns.js';
import { toolVersion } from '../util/package-root.js';
import { DISPOSABLE_DATA, disposableListVersion } from '../intel/disposable-domains.js';

/**
 * `dprk-check --version`: the tool version, then the date and licence of each data set. Imports
 * only what it prints: bin/dprk-check.js answers a bare --version from its own small bundle
 * (dist/cli/version-bundle.js) without loading the tool.
 */
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
