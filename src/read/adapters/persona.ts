import {
  RecordError,
  addEmail,
  country2,
  dayOf,
  emptyKeys,
  isObj,
  protectedPaths,
  saltedHash,
  str,
  type AdaptContext,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';
import { lookupTable } from '../../util/lookup-table.js';

/**
 * Persona inquiry (GET /api/v1/inquiries/{id}?include=verifications: JSON:API, `data` +
 * `included[]`, attribute names in kebab-case), after Persona's API reference: government-id
 * verifications carry the document, selfie verifications the liveness and face comparison checks.
 */
const ID_CLASS: Record<string, string> = lookupTable({ pp: 'passport', dl: 'drivers_license', id: 'national_id', rp: 'residence_permit' });

export const persona: SourceAdapter = {
  name: 'persona',
  title: 'Persona inquiries with verifications (JSON:API)',
  role: 'source',
  detect: (v) => isObj(v.data) && typeof v.data.type === 'string' && /^(inquiry|verification|event)/.test(v.data.type) && isObj(v.data.attributes),
  adapt(raw: Obj, ctx: AdaptContext): Fragment {
    // A webhook event carries the inquiry (and its included verifications) as its payload.
    const event = (raw.data as Obj).type === 'event' ? ((raw.data as Obj).attributes as Obj).payload : undefined;
    const r = isObj(event) && isObj(event.data) ? event : raw;
    const data = r.data as Obj;
    if (!isObj(data.attributes)) throw new RecordError('data.attributes: the Persona record has no attributes');
    const attrs = data.attributes as Obj;
    const keys = emptyKeys();
    const ref = str(attrs['reference-id']);
    if (ref) keys.id = ref;
    addEmail(keys, attrs['email-address']);
    const all = [data, ...(Array.isArray(r.included) ? r.included.filter(isObj) : [])];
    const documents: Obj[] = [];
    const liveness: Obj[] = [];
    let holder: string | undefined;
    for (const item of all) {
      const type = String(item.type ?? '');
      const a = isObj(item.attributes) ? item.attributes : {};
      const checks = (Array.isArray(a.checks) ? a.checks : []).filter(isObj);
      const failed = checks.filter((c) => c.status === 'failed').map((c) => String(c.name));
      if (type === 'verification/government-id') {
        const name = [str(a['name-first']), str(a['name-middle']), str(a['name-last'])].filter(Boolean).join(' ') || undefined;
        holder ??= name;
        const number = str(a['identification-number']);
        documents.push(
          compact({
            type: ID_CLASS[String(a['id-class'])] ?? str(a['id-class'])?.slice(0, 64),
            issuingCountry: country2(a['country-code'], 'country-code'),
            nameOnDocument: name,
            dateOfBirth: dayOf(a.birthdate, 'birthdate'),
            verified: a.status === 'passed',
            verificationMethod: 'upload',
            anomalies: failed.length ? failed.map((f) => `persona:${f}`.slice(0, 128)) : undefined,
            numberHash: number ? saltedHash(number.toUpperCase().replace(/[\s-]/g, ''), ctx.salt, 'document') : undefined,
          }),
        );
      } else if (type === 'verification/selfie') {
        const by = (re: RegExp) => checks.find((c) => re.test(String(c.name)));
        const live = by(/liveness/);
        const face = by(/comparison|id_comparison/);
        const verdict = (c: Obj | undefined) => (c ? (c.status === 'passed' ? 'pass' : c.status === 'failed' ? 'fail' : 'review') : undefined);
        if (live) liveness.push({ kind: 'liveness', result: verdict(live), vendor: 'persona' });
        if (face) liveness.push({ kind: 'face_match', result: verdict(face), vendor: 'persona' });
      }
    }
    const identity: Obj = {};
    if (documents.length) identity.documents = documents;
    if (liveness.length) identity.liveness = liveness;
    holder ??= [str(attrs['name-first']), str(attrs['name-last'])].filter(Boolean).join(' ') || undefined;
    return { keys, facts: Object.keys(identity).length ? { identity } : {}, name: holder, unmapped: [], dropped: protectedPaths(r) };
  },
};
