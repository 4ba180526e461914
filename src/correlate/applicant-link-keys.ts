import type { Applicant } from '../model/applicant.js';
import { hash64 } from './hash64.js';
import { linkKeys, type KeyOptions } from './link-keys.js';
import { resumeSignature } from './minhash.js';
import { personKey } from './person.js';
import { ownWords, stripIdentifiers } from './impersonal-text.js';

import type { ApplicantMeta } from './link-types.js';

export type { ApplicantMeta };

/** One hashed link key as the Correlator indexes it (Correlator.addKeys). */
export interface HashedKey {
  role: number;
  index: number;
  hi: number;
  lo: number;
  display?: string;
}

/** What the Correlator keeps of one applicant: plain data, so a worker thread can hand it back. */
export interface ApplicantLinkKeys {
  meta: ApplicantMeta;
  keys: HashedKey[];
  signature?: Uint32Array;
}

/**
 * An applicant's hashed link keys and résumé signature: a pure function of the record (and the
 * allow-list's IP ranges), computed where the applicant is at hand — in the checking thread —
 * while the index that finds links (Correlator.addKeys) lives in the main thread.
 */
export function applicantLinkKeys(a: Applicant, source: string, options: KeyOptions = {}): ApplicantLinkKeys {
  const h = { hi: 0, lo: 0 };
  const keys = linkKeys(a, options).map((k): HashedKey => {
    hash64(k.norm, h);
    return { role: k.role, index: k.index, hi: h.hi, lo: h.lo, display: k.display };
  });
  const text = a.resume?.text;
  const meta = { id: a.id, source, person: personKey(a.name.full) };
  // Shingled without the person's own names, contacts and places: a mill changes only those.
  return text ? { meta, keys, signature: resumeSignature(stripIdentifiers(text), ownWords(a)) } : { meta, keys };
}
