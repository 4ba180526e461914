import type { LinkKeys } from '../model/report.js';
import type { Correlator } from './correlator.js';
import { parseHex64 } from './hash64.js';
import { signatureFromBase64 } from './minhash.js';
import { roleIndex } from './roles.js';

/** personKey from its 8-hex-digit form (0 when absent). */
export const personOf = (k: LinkKeys | undefined) => (k ? parseInt(k.person, 16) >>> 0 : 0);

/** Index an applicant known only by its hashed keys (a shard report's, or an earlier run's from the history). */
export function addLinkKeys(correlator: Correlator, ordinal: number, meta: { id: string; source: string }, k: LinkKeys | undefined): void {
  const parsed = (k?.keys ?? []).flatMap((s) => {
    const [role, hex, index] = s.split(':');
    const r = roleIndex(role ?? '');
    const h = parseHex64(hex ?? '');
    return r === undefined || !h ? [] : [{ role: r, index: Number(index) || 0, hi: h.hi, lo: h.lo }];
  });
  const sig = k?.resumeSignature ? signatureFromBase64(k.resumeSignature) : undefined;
  correlator.addKeys(ordinal, { id: meta.id, source: meta.source, person: personOf(k) }, parsed, sig);
}
