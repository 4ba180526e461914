import { countryCode } from './common.js';
import {
  addAlias,
  addEmail,
  emptyKeys,
  ipOf,
  isObj,
  protectedPaths,
  str,
  timestamp,
  unknownTop,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';

/**
 * Okta System Log LogEvent (GET /api/v1/logs, a JSON array; or the NDJSON a SIEM export writes),
 * after okta/okta-developer-docs `docs/reference/api/system-log` (LogEvent object). The country is
 * a full English name there ("United States"), converted to ISO alpha-2.
 */
const KNOWN = new Set([
  'uuid',
  'published',
  'eventType',
  'version',
  'severity',
  'legacyEventType',
  'displayMessage',
  'actor',
  'client',
  'device',
  'outcome',
  'target',
  'transaction',
  'debugContext',
  'authenticationContext',
  'securityContext',
  'request',
  'insertionTimestamp',
]);

const SIGN_IN = /^(user\.session\.start|user\.authentication\.|policy\.evaluate_sign_on|user\.mfa\.)/;

export const okta: SourceAdapter = {
  name: 'okta',
  title: 'Okta System Log events',
  role: 'source',
  detect: (v) => typeof v.eventType === 'string' && isObj(v.actor) && ('published' in v || 'uuid' in v),
  adapt(e: Obj): Fragment {
    const keys = emptyKeys();
    const unmapped = unknownTop(e, KNOWN);
    const actor = isObj(e.actor) ? e.actor : {};
    addEmail(keys, actor.alternateId);
    addAlias(keys, actor.id);
    const client = isObj(e.client) ? e.client : {};
    const geo = isObj(client.geographicalContext) ? client.geographicalContext : {};
    const sec = isObj(e.securityContext) ? e.securityContext : {};
    const ip = ipOf(client.ipAddress);
    const facts: Obj = {};
    if (ip) {
      const result = isObj(e.outcome) ? str(e.outcome.result) : undefined;
      const country = countryCode(str(geo.country));
      if (str(geo.country) && !country) unmapped.push(`client.geographicalContext.country "${str(geo.country)}": not a country name this adapter knows`);
      const ua = isObj(client.userAgent) ? str(client.userAgent.rawUserAgent) : undefined;
      const session: Obj = {
        at: timestamp(e.published, 'published'),
        ip,
        kind: SIGN_IN.test(String(e.eventType)) ? 'sign-in' : 'activity',
        ...(ua && ua !== 'UNKNOWN' ? { userAgent: ua.slice(0, 2048) } : {}),
        ...(country ? { country } : {}),
        // A number in the API's JSON; text in its CSV download.
        ...(typeof sec.asNumber === 'number' || /^\d{1,10}$/.test(String(sec.asNumber ?? '')) ? { asn: Number(sec.asNumber) } : {}),
        ...(str(sec.asOrg) ? { asOrg: str(sec.asOrg)!.slice(0, 1024) } : {}),
        ...(typeof sec.isProxy === 'boolean' ? { proxyReported: sec.isProxy } : {}),
        outcome: result === 'SUCCESS' || result === 'ALLOW' ? 'success' : result === 'FAILURE' || result === 'DENY' ? 'failure' : 'unknown',
      };
      if (session.at === undefined) delete session.at;
      facts.network = { sessions: [session] };
    }
    return { keys, facts, name: str(actor.displayName), unmapped, dropped: protectedPaths(e) };
  },
};
