import {
  addAlias,
  addEmail,
  country2,
  emptyKeys,
  ipOf,
  isObj,
  protectedPaths,
  timestamp,
  unknownTop,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';

/**
 * Google Workspace login audit: Reports API `activities.list` for applicationName=login
 * (`{"kind": "admin#reports#activities", "items": [...]}`), after the Admin SDK Reports API
 * reference (Activity resource, login event names).
 */
const KNOWN = new Set(['kind', 'etag', 'id', 'actor', 'ownerDomain', 'ipAddress', 'events', 'networkInfo', 'resourceDetails']);

export const googleLogin: SourceAdapter = {
  name: 'google',
  title: 'Google Workspace login audit (Reports API activities)',
  role: 'source',
  detect: (v) =>
    isObj(v.id) && typeof v.id.time === 'string' && isObj(v.actor) && (String(v.kind ?? '').startsWith('admin#reports') || Array.isArray(v.events)),
  adapt(a: Obj): Fragment {
    const keys = emptyKeys();
    const actor = isObj(a.actor) ? a.actor : {};
    addEmail(keys, actor.email);
    addAlias(keys, actor.profileId);
    const id = isObj(a.id) ? a.id : {};
    const net = isObj(a.networkInfo) ? a.networkInfo : {};
    const names = (Array.isArray(a.events) ? a.events : []).filter(isObj).map((e) => String(e.name ?? ''));
    const ip = ipOf(a.ipAddress);
    const facts: Obj = {};
    if (ip) {
      const asn = Array.isArray(net.ipAsn) ? Number(net.ipAsn[0]) : undefined;
      facts.network = {
        sessions: [
          compact({
            at: timestamp(id.time, 'id.time'),
            ip,
            kind: names.some((n) => n.startsWith('login_')) ? 'sign-in' : 'activity',
            country: country2(net.regionCode, 'networkInfo.regionCode'),
            asn: asn !== undefined && Number.isInteger(asn) ? asn : undefined,
            outcome: names.includes('login_failure') ? 'failure' : names.includes('login_success') ? 'success' : 'unknown',
          }),
        ],
      };
    }
    return { keys, facts, unmapped: unknownTop(a, KNOWN), dropped: protectedPaths(a) };
  },
};
