import {
  addAlias,
  addEmail,
  emptyKeys,
  isObj,
  protectedPaths,
  saltedHash,
  str,
  timestamp,
  type AdaptContext,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';

/**
 * Microsoft Defender for Endpoint `DeviceEvents` rows from advanced hunting (portal CSV or JSON
 * export, or the API's `Results[]`), after the DeviceEvents table reference in
 * MicrosoftDocs/defender-docs. `PnpDeviceConnected` rows carry the plugged-in device in
 * `AdditionalFields` (a JSON string): ClassName, DeviceDescription, DeviceId and VendorIds, where
 * the USB vendor and product ids are written `USB\VID_xxxx&PID_xxxx`.
 */
const KNOWN = new Set([
  'Timestamp',
  'DeviceId',
  'DeviceName',
  'ActionType',
  'AdditionalFields',
  'ReportId',
  'MachineGroup',
  'FileName',
  'FolderPath',
  'SHA1',
  'SHA256',
  'MD5',
  'AccountDomain',
  'AccountName',
  'AccountSid',
  'RemoteUrl',
  'RemoteDeviceName',
  'ProcessId',
  'ProcessCommandLine',
  'ProcessCreationTime',
  'ProcessTokenElevation',
  'LogonId',
  'RegistryKey',
  'RegistryValueName',
  'RegistryValueData',
  'RemoteIP',
  'RemotePort',
  'LocalIP',
  'LocalPort',
  'FileOriginUrl',
  'FileOriginIP',
  'InitiatingProcessSHA1',
  'InitiatingProcessSHA256',
  'InitiatingProcessMD5',
  'InitiatingProcessFileName',
  'InitiatingProcessFileSize',
  'InitiatingProcessVersionInfoCompanyName',
  'InitiatingProcessVersionInfoProductName',
  'InitiatingProcessVersionInfoProductVersion',
  'InitiatingProcessVersionInfoInternalFileName',
  'InitiatingProcessVersionInfoOriginalFileName',
  'InitiatingProcessVersionInfoFileDescription',
  'InitiatingProcessId',
  'InitiatingProcessCommandLine',
  'InitiatingProcessCreationTime',
  'InitiatingProcessFolderPath',
  'InitiatingProcessParentId',
  'InitiatingProcessParentFileName',
  'InitiatingProcessParentCreationTime',
  'InitiatingProcessLogonId',
  'InitiatingProcessAccountDomain',
  'InitiatingProcessAccountName',
  'InitiatingProcessAccountSid',
  'InitiatingProcessAccountUpn',
  'InitiatingProcessAccountObjectId',
  'AppGuardContainerId',
  'InitiatingProcessSessionId',
  'IsInitiatingProcessRemoteSession',
  'InitiatingProcessRemoteSessionDeviceName',
  'InitiatingProcessRemoteSessionIP',
  'CreatedProcessSessionId',
  'IsProcessRemoteSession',
  'ProcessRemoteSessionDeviceName',
  'ProcessRemoteSessionIP',
  'InitiatingProcessUniqueId',
  'ProcessUniqueId',
  'FileSize',
  'RemoteUrlCategory',
  'Timestamp [UTC]',
  'TenantId',
  'Type',
  'SourceSystem',
  'MachineId',
]);

export const defender: SourceAdapter = {
  name: 'defender',
  title: 'Microsoft Defender for Endpoint DeviceEvents (advanced hunting)',
  role: 'source',
  detect: (v) => typeof v.ActionType === 'string' && ('DeviceId' in v || 'DeviceName' in v) && ('Timestamp' in v || 'Timestamp [UTC]' in v),
  detectCsv: (h) =>
    h.includes('ActionType') && (h.includes('DeviceId') || h.includes('DeviceName')) && (h.includes('Timestamp') || h.includes('Timestamp [UTC]')),
  adapt(r: Obj, ctx: AdaptContext): Fragment {
    const keys = emptyKeys();
    addAlias(keys, r.DeviceName);
    addAlias(keys, r.DeviceId);
    addEmail(keys, r.InitiatingProcessAccountUpn);
    const unmapped = Object.keys(r)
      .filter((k) => !KNOWN.has(k))
      .map((k) => `${k}: not a documented DeviceEvents column`);
    const machine = str(r.DeviceId) ?? str(r.DeviceName);
    const deviceId = machine ? saltedHash(machine, ctx.salt, 'device') : undefined;
    const network: Obj = deviceId ? { devices: [compact({ id: deviceId, name: str(r.DeviceName) })] } : {};
    if (r.ActionType === 'PnpDeviceConnected') {
      let extra: unknown = r.AdditionalFields;
      if (typeof extra === 'string') {
        try {
          extra = JSON.parse(extra);
        } catch {
          unmapped.push('AdditionalFields: not JSON; the connected device could not be read');
          extra = undefined;
        }
      }
      if (isObj(extra)) {
        const ids = `${str(extra.DeviceId) ?? ''} ${str(extra.VendorIds) ?? ''}`;
        const m = /VID_([0-9A-F]{4})&PID_([0-9A-F]{4})/i.exec(ids);
        network.usbDevices = [
          compact({
            vendorId: m?.[1]!.toUpperCase(),
            productId: m?.[2]!.toUpperCase(),
            usbId: m ? `${m[1]!.toUpperCase()}:${m[2]!.toUpperCase()}` : undefined,
            description: str(extra.DeviceDescription)?.slice(0, 1024),
            deviceId,
            at: timestamp(r.Timestamp ?? r['Timestamp [UTC]'], 'Timestamp', { assumeUtc: 'Timestamp [UTC]' in r }),
          }),
        ];
      }
    }
    return { keys, facts: Object.keys(network).length ? { network } : {}, unmapped, dropped: protectedPaths(r) };
  },
};
