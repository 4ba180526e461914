import {
  addAlias,
  country3,
  dayOf,
  emptyKeys,
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
import { lookupTable } from '../../util/lookup-table.js';

/**
 * Onfido report (GET /v3.6/reports/{id}; a check's reports as a list), after
 * onfido/onfido-openapi-spec: `document` reports carry the document's properties and a breakdown;
 * `facial_similarity_*` reports compare the selfie with the document and check it is live.
 * Issuing countries are ISO alpha-3 there. Nationality and gender are dropped.
 */
const KNOWN = new Set([
  'id',
  'created_at',
  'href',
  'name',
  'status',
  'result',
  'sub_result',
  'breakdown',
  'properties',
  'applicant_id',
  'check_id',
  'documents',
  'tags',
]);
const DOC_TYPES: Record<string, string> = lookupTable({
  passport: 'passport',
  driving_licence: 'drivers_license',
  national_identity_card: 'national_id',
  residence_permit: 'residence_permit',
});
const FAILED = new Set(['consider', 'rejected', 'unidentified', 'caution', 'suspected']);

export const onfido: SourceAdapter = {
  name: 'onfido',
  title: 'Onfido document and facial-similarity reports',
  role: 'source',
  detect: (v) =>
    typeof v.name === 'string' &&
    /^(document|facial_similarity|identity_enhanced|device_intelligence|watchlist|proof_of_address|known_faces)/.test(v.name) &&
    ('breakdown' in v || 'check_id' in v || 'result' in v),
  adapt(r: Obj, ctx: AdaptContext): Fragment {
    const keys = emptyKeys();
    addAlias(keys, r.applicant_id);
    const unmapped = unknownTop(r, KNOWN);
    const props = isObj(r.properties) ? r.properties : {};
    const breakdown = isObj(r.breakdown) ? r.breakdown : {};
    const failed = Object.entries(breakdown)
      .filter(([, b]) => isObj(b) && FAILED.has(String(b.result)))
      .map(([k]) => k);
    const at = timestamp(r.created_at, 'created_at');
    const name = String(r.name);
    const facts: Obj = {};
    let holder: string | undefined;
    if (name === 'document') {
      const numbers = Array.isArray(props.document_numbers) ? props.document_numbers.filter(isObj) : [];
      const number = str(numbers[0]?.value);
      holder = [str(props.first_name), str(props.last_name)].filter(Boolean).join(' ') || undefined;
      const type = str(props.document_type);
      if (type && !DOC_TYPES[type]) unmapped.push(`properties.document_type "${type}": kept as it is`);
      facts.identity = {
        documents: [
          compact({
            type: type ? (DOC_TYPES[type] ?? type.slice(0, 64)) : undefined,
            issuingCountry: country3(props.issuing_country, 'properties.issuing_country'),
            issuingRegion: str(props.issuing_state),
            nameOnDocument: holder,
            dateOfBirth: dayOf(props.date_of_birth, 'properties.date_of_birth'),
            verified: r.result === 'clear',
            verificationMethod: 'upload',
            anomalies: failed.length ? failed.map((f) => `onfido:${f}`.slice(0, 128)) : undefined,
            numberHash: number ? saltedHash(number.toUpperCase().replace(/[\s-]/g, ''), ctx.salt, 'document') : undefined,
          }),
        ],
      };
    } else if (name.startsWith('facial_similarity')) {
      const result = (k: string) => (isObj(breakdown[k]) ? String(breakdown[k].result) : undefined);
      const verdict = (v: string | undefined) => (v === undefined ? undefined : v === 'clear' ? 'pass' : FAILED.has(v) ? 'fail' : 'review');
      const face = verdict(result('face_comparison')) ?? (r.result === 'clear' ? 'pass' : undefined);
      const live = verdict(result('visual_authenticity')) ?? (r.result === 'clear' ? 'pass' : undefined);
      const checks = [
        ...(face ? [compact({ kind: 'face_match', result: face, vendor: 'onfido', at })] : []),
        ...(live ? [compact({ kind: 'liveness', result: live, vendor: 'onfido', at })] : []),
      ];
      if (!checks.length && str(r.result)) checks.push(compact({ kind: 'face_match', result: r.result === 'clear' ? 'pass' : 'review', vendor: 'onfido', at }));
      facts.identity = { liveness: checks };
    } else unmapped.push(`name "${name}": this report type is not mapped`);
    return { keys, facts, name: holder, unmapped, dropped: protectedPaths(r) };
  },
};
