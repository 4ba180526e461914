import {
  addAlias,
  addEmail,
  emptyKeys,
  ipOf,
  isObj,
  protectedPaths,
  saltedHash,
  str,
  timestamp,
  unknownTop,
  type AdaptContext,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';

/**
 * Jamf Pro computer inventory: `GET /api/v1/computers-inventory?section=GENERAL&section=APPLICATIONS
 * &section=USER_AND_LOCATION&section=HARDWARE` (`{"totalCount", "results": [...]}`), after the Jamf
 * Pro API reference (ComputerInventory, ComputerGeneral, ComputerApplication). The last IP the
 * server saw and the report date become a session of kind `device-inventory`.
 */
const KNOWN = new Set([
  'id',
  'udid',
  'general',
  'diskEncryption',
  'purchasing',
  'applications',
  'storage',
  'userAndLocation',
  'configurationProfiles',
  'printers',
  'services',
  'hardware',
  'localUserAccounts',
  'certificates',
  'attachments',
  'plugins',
  'packageReceipts',
  'fonts',
  'security',
  'operatingSystem',
  'licensedSoftware',
  'ibeacons',
  'softwareUpdates',
  'extensionAttributes',
  'contentCaching',
  'groupMemberships',
]);

export const jamf: SourceAdapter = {
  name: 'jamf',
  title: 'Jamf Pro computer inventory',
  role: 'source',
  detect: (v) =>
    (typeof v.udid === 'string' && (isObj(v.general) || 'applications' in v || 'hardware' in v || 'userAndLocation' in v)) ||
    (isObj(v.computer) && isObj(v.computer.general)),
  adapt(c: Obj, ctx: AdaptContext): Fragment {
    if (isObj(c.computer)) return fromClassic(c.computer, ctx);
    const keys = emptyKeys();
    // Sections not asked for (?section=…) come back null.
    const g = isObj(c.general) ? c.general : {};
    const user = isObj(c.userAndLocation) ? c.userAndLocation : {};
    const hw = isObj(c.hardware) ? c.hardware : {};
    addEmail(keys, user.email);
    addAlias(keys, user.username);
    addAlias(keys, c.udid);
    addAlias(keys, hw.serialNumber);
    addAlias(keys, g.name);
    const deviceId = saltedHash(String(c.udid), ctx.salt, 'device');
    const network: Obj = { devices: [compact({ id: deviceId, name: str(g.name) })] };
    const ip = ipOf(g.lastIpAddress) ?? ipOf(g.lastReportedIp);
    if (ip) network.sessions = [compact({ at: timestamp(g.reportDate, 'general.reportDate'), ip, kind: 'device-inventory', deviceId })];
    const apps = (Array.isArray(c.applications) ? c.applications : []).filter(isObj).filter((a) => str(a.name));
    if (apps.length)
      network.installedApps = apps
        .slice(0, 5000)
        .map((a) => compact({ name: str(a.name)!.slice(0, 1024), bundleId: str(a.bundleId)?.slice(0, 256), deviceId }));
    return { keys, facts: { network }, name: str(user.realname), unmapped: unknownTop(c, KNOWN), dropped: protectedPaths(c) };
  },
};

/**
 * The Classic API's computer record (`GET /JSSResource/computers/id/{id}` → `{"computer": {...}}`):
 * snake_case fields, `general.report_date_utc`, `location.email_address`, `software.applications[]`.
 */
function fromClassic(c: Obj, ctx: AdaptContext): Fragment {
  const keys = emptyKeys();
  const g = isObj(c.general) ? c.general : {};
  const loc = isObj(c.location) ? c.location : {};
  addEmail(keys, loc.email_address);
  addAlias(keys, loc.username);
  addAlias(keys, g.udid);
  addAlias(keys, g.serial_number);
  addAlias(keys, g.name);
  const udid = str(g.udid) ?? str(g.serial_number) ?? str(g.name);
  const deviceId = udid ? saltedHash(udid, ctx.salt, 'device') : undefined;
  const network: Obj = deviceId ? { devices: [compact({ id: deviceId, name: str(g.name) })] } : {};
  const ip = ipOf(g.ip_address) ?? ipOf(g.last_reported_ip);
  if (ip) network.sessions = [compact({ at: timestamp(g.report_date_utc, 'general.report_date_utc'), ip, kind: 'device-inventory', deviceId })];
  const software = isObj(c.software) ? c.software : {};
  const apps = (Array.isArray(software.applications) ? software.applications : []).filter(isObj).filter((a) => str(a.name));
  if (apps.length)
    network.installedApps = apps.slice(0, 5000).map((a) => compact({ name: str(a.name)!.slice(0, 1024), bundleId: str(a.bundle_id)?.slice(0, 256), deviceId }));
  return {
    keys,
    facts: Object.keys(network).length ? { network } : {},
    name: str(loc.realname) ?? str(loc.real_name),
    unmapped: [],
    dropped: protectedPaths(c),
  };
}
