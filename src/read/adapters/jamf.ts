import { addAlias, addEmail, emptyKeys, ipOf, isObj, protectedPaths, saltedHash, str, timestamp, unknownTop, type AdaptContext, type Fragment, type Obj, type SourceAdapter } from './source-adapter.js';
import { compact } from './entra.js';

/**
 * Jamf Pro computer inventory: `GET /api/v1/computers-inventory?section=GENERAL&section=APPLICATIONS
 * &section=USER_AND_LOCATION&section=HARDWARE` (`{"totalCount", "results": [...]}`), after the Jamf
 * Pro API reference (ComputerInventory, ComputerGeneral, ComputerApplication). The last IP the
 * server saw and the report date become a session of kind `device-inventory`.
 */
const KNOWN = new Set([
  'id', 'udid', 'general', 'diskEncryption', 'purchasing', 'applications', 'storage', 'userAndLocation', 'configurationProfiles', 'printers',
  'services', 'hardware', 'localUserAccounts', 'certificates', 'attachments', 'plugins', 'packageReceipts', 'fonts', 'security',
  'operatingSystem', 'licensedSoftware', 'ibeacons', 'softwareUpdates', 'extensionAttributes', 'contentCaching', 'groupMemberships',
]);

export const jamf: SourceAdapter = {
  name: 'jamf',
  title: 'Jamf Pro computer inventory',
  role: 'source',
  detect: (v) => typeof v.udid === 'string' && (isObj(v.general) || 'applications' in v || 'hardware' in v || 'userAndLocation' in v),
  adapt(c: Obj, ctx: AdaptContext): Fragment {
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
    if (apps.length) network.installedApps = apps.slice(0, 5000).map((a) => compact({ name: str(a.name)!.slice(0, 1024), bundleId: str(a.bundleId)?.slice(0, 256), deviceId }));
    return { keys, facts: { network }, name: str(user.realname), unmapped: unknownTop(c, KNOWN), dropped: protectedPaths(c) };
  },
};
