import {
  addAlias,
  country2,
  dayOf,
  emptyKeys,
  ipOf,
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
import { lookupTable } from '../../util/lookup-table.js';

/**
 * Veriff decision (the decision webhook body, and GET /v1/sessions/{id}/decision), after Veriff's
 * public developer documentation: `verification.status` approved | declined |
 * resubmission_requested | expired | abandoned, `person`, `document` (country is ISO alpha-2),
 * `riskLabels[]`, `vendorData` (the integrator's own id for the person), `technicalData.ip`.
 */
const DOC_TYPES: Record<string, string> = lookupTable({
  PASSPORT: 'passport',
  ID_CARD: 'national_id',
  DRIVERS_LICENSE: 'drivers_license',
  RESIDENCE_PERMIT: 'residence_permit',
});

export const veriff: SourceAdapter = {
  name: 'veriff',
  title: 'Veriff verification decisions',
  role: 'source',
  detect: (v) =>
    isObj(v.verification) && 'status' in v.verification && ('person' in v.verification || 'document' in v.verification || 'code' in v.verification),
  adapt(r: Obj, ctx: AdaptContext): Fragment {
    const v = r.verification as Obj;
    const keys = emptyKeys();
    const vendorData = str(v.vendorData) ?? str(r.vendorData);
    if (vendorData) {
      keys.id = vendorData;
      addAlias(keys, vendorData);
    }
    const person = isObj(v.person) ? v.person : {};
    const doc = isObj(v.document) ? v.document : {};
    const status = str(v.status);
    const labels = (Array.isArray(v.riskLabels) ? v.riskLabels : [])
      .filter(isObj)
      .map((l) => String(l.label ?? ''))
      .filter(Boolean);
    const at = timestamp(v.decisionTime ?? v.acceptanceTime, 'verification.decisionTime');
    const holder = [str(person.firstName), str(person.lastName)].filter(Boolean).join(' ') || undefined;
    const number = str(doc.number);
    const type = str(doc.type)?.toUpperCase();
    const anomalies = [
      ...labels.map((l) => `veriff:${l}`.slice(0, 128)),
      ...(status === 'declined' ? [`veriff:declined${str(v.reason) ? `:${str(v.reason)}` : ''}`.slice(0, 128)] : []),
    ];
    const identity: Obj = {};
    if (holder || number || type || str(doc.country)) {
      identity.documents = [
        compact({
          type: type ? (DOC_TYPES[type] ?? type.toLowerCase().slice(0, 64)) : undefined,
          issuingCountry: country2(doc.country, 'verification.document.country'),
          nameOnDocument: holder,
          dateOfBirth: dayOf(person.dateOfBirth, 'verification.person.dateOfBirth'),
          verified: status === 'approved',
          verificationMethod: 'video',
          anomalies: anomalies.length ? anomalies : undefined,
          numberHash: number ? saltedHash(number.toUpperCase().replace(/[\s-]/g, ''), ctx.salt, 'document') : undefined,
        }),
      ];
    }
    const face = labels.find((l) => /face.*(mismatch|match)|selfie.*(mismatch|not_match)/i.test(l));
    const live = labels.find((l) => /liveness|not_live|spoof|presentation_attack|deepfake/i.test(l));
    const checks: Obj[] = [];
    if (face) checks.push(compact({ kind: 'face_match', result: 'fail', vendor: 'veriff', at }));
    if (live) checks.push(compact({ kind: 'liveness', result: 'fail', vendor: 'veriff', at }));
    if (checks.length) identity.liveness = checks;
    const facts: Obj = Object.keys(identity).length ? { identity } : {};
    const tech = isObj(r.technicalData) ? r.technicalData : {};
    const ip = ipOf(tech.ip);
    if (ip) facts.network = { sessions: [compact({ at, ip, kind: 'identity-check' })] };
    const unmapped = Object.keys(r)
      .filter((k) => !['status', 'verification', 'technicalData', 'id', 'feature', 'code', 'action', 'vendorData', 'attemptId', 'endUserId'].includes(k))
      .map((k) => `${k}: not a documented field this adapter maps`);
    return { keys, facts, name: holder, unmapped, dropped: protectedPaths(r) };
  },
};
