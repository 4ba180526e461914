import { countryCode } from './common.js';
import {
  addAlias,
  addEmail,
  country2,
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

/**
 * Microsoft Entra sign-in log: Graph `GET /auditLogs/signIns` (`{"@odata.context", "value": [...]}`,
 * after microsoftgraph/microsoft-graph-docs-contrib `api-reference/v1.0/resources/signin.md`), the
 * portal's JSON download (the same objects in an array) and its CSV download (columns named as in
 * the portal's sign-in log view).
 */
const KNOWN = new Set([
  'id',
  'createdDateTime',
  'userDisplayName',
  'userPrincipalName',
  'userId',
  'appId',
  'appDisplayName',
  'ipAddress',
  'clientAppUsed',
  'correlationId',
  'conditionalAccessStatus',
  'isInteractive',
  'riskDetail',
  'riskLevelAggregated',
  'riskLevelDuringSignIn',
  'riskState',
  'riskEventTypes',
  'riskEventTypes_v2',
  'resourceDisplayName',
  'resourceId',
  'status',
  'deviceDetail',
  'location',
  'appliedConditionalAccessPolicies',
  '@odata.type',
  'autonomousSystemNumber',
  'authenticationDetails',
  'authenticationRequirement',
  'signInEventTypes',
  'tokenIssuerType',
  'userType',
  'crossTenantAccessType',
  'homeTenantId',
  'resourceTenantId',
  'mfaDetail',
  'networkLocationDetails',
  'flaggedForReview',
  'uniqueTokenIdentifier',
  'originalRequestId',
  'servicePrincipalId',
  'servicePrincipalName',
  'incomingTokenType',
  'authenticationProtocol',
  'signInIdentifier',
  'signInIdentifierType',
  'processingTimeInMilliseconds',
  'clientCredentialType',
  'authenticationMethodsUsed',
  'authenticationProcessingDetails',
]);

export const entra: SourceAdapter = {
  name: 'entra',
  title: 'Microsoft Entra sign-in logs (Graph JSON, portal JSON or CSV)',
  role: 'source',
  detect: (v) =>
    typeof v.createdDateTime === 'string' && ('userPrincipalName' in v || 'ipAddress' in v) && ('status' in v || 'appDisplayName' in v || 'location' in v),
  detectCsv: (h) => h.includes('Date (UTC)') && h.includes('IP address') && (h.includes('Username') || h.includes('User')),
  adapt(r: Obj, ctx: AdaptContext): Fragment {
    return 'Date (UTC)' in r || 'IP address' in r ? fromCsv(normalHeaders(r), ctx) : fromGraph(r, ctx);
  },
};

function fromGraph(r: Obj, ctx: AdaptContext): Fragment {
  const keys = emptyKeys();
  addEmail(keys, r.userPrincipalName);
  addAlias(keys, r.userId);
  const unmapped = unknownTop(r, KNOWN);
  const status = isObj(r.status) ? r.status : {};
  const loc = isObj(r.location) ? r.location : {};
  const dev = isObj(r.deviceDetail) ? r.deviceDetail : {};
  const risks = [...(Array.isArray(r.riskEventTypes_v2) ? r.riskEventTypes_v2 : []), ...(Array.isArray(r.riskEventTypes) ? r.riskEventTypes : [])].map(String);
  const facts: Obj = {};
  const ip = ipOf(r.ipAddress);
  const deviceId = str(dev.deviceId);
  if (ip) {
    const code = typeof status.errorCode === 'number' ? status.errorCode : undefined;
    facts.network = {
      sessions: [
        compact({
          at: timestamp(r.createdDateTime, 'createdDateTime'),
          ip,
          kind: 'sign-in',
          country: country2(loc.countryOrRegion, 'location.countryOrRegion'),
          asn: typeof r.autonomousSystemNumber === 'number' ? r.autonomousSystemNumber : undefined,
          proxyReported: risks.some((x) => /anonymizedIPAddress/i.test(x)) || undefined,
          outcome: code === undefined ? 'unknown' : code === 0 ? 'success' : 'failure',
          deviceId: deviceId ? saltedHash(deviceId, ctx.salt, 'device') : undefined,
        }),
      ],
      ...(deviceId ? { devices: [compact({ id: saltedHash(deviceId, ctx.salt, 'device'), name: str(dev.displayName) })] } : {}),
    };
  }
  return { keys, facts, name: str(r.userDisplayName), unmapped, dropped: protectedPaths(r) };
}

/** Portal column names vary in spacing ("Autonomous system  number"): one space between words. */
function normalHeaders(r: Obj): Obj {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/\s+/g, ' ').trim(), v]));
}

/** Portal CSV: "Date (UTC)" is UTC by its name; "Location" is "City, State, CC". */
function fromCsv(r: Obj, ctx: AdaptContext): Fragment {
  const keys = emptyKeys();
  addEmail(keys, r.Username);
  addAlias(keys, r['User ID']);
  const ip = ipOf(r['IP address']);
  const facts: Obj = {};
  if (ip) {
    const parts = (str(r.Location) ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const last = parts[parts.length - 1];
    const country = last ? countryCode(last) : undefined;
    const statusText = str(r.Status)?.toLowerCase();
    const code = str(r['Sign-in error code']);
    const deviceId = str(r['Device ID']);
    const asn = Number(str(r['Autonomous system number']));
    facts.network = {
      sessions: [
        compact({
          at: timestamp(r['Date (UTC)'], 'Date (UTC)', { assumeUtc: true }),
          ip,
          kind: 'sign-in',
          country,
          asn: Number.isInteger(asn) && asn > 0 ? asn : undefined,
          outcome: statusText === 'success' || code === '0' ? 'success' : statusText || code ? 'failure' : 'unknown',
          deviceId: deviceId ? saltedHash(deviceId, ctx.salt, 'device') : undefined,
        }),
      ],
    };
  }
  return { keys, facts, name: str(r.User), unmapped: [], dropped: protectedPaths(r) };
}

export function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
