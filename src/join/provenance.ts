import type { Facts } from '../model/applicant.js';
import type { Finding } from '../model/finding.js';

const INDEXED = /^(.*?\[\d+\])/;

/** The object at a concrete path such as network.sessions[3] (plain keys and [i] only). */
function at(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Where one evidence value came from: the `source` of the array item it sits in (a session, a
 * document, a payroll change), following derived.sessions[i].origin back to the session or
 * interview; else the applicant record itself.
 */
export function sourceOf(facts: Facts, path: string, recordSource: string): string {
  let p = path;
  for (let hops = 0; hops < 3; hops++) {
    const m = INDEXED.exec(p);
    if (!m) break;
    const item = at(facts, m[1]!) as Record<string, unknown> | undefined;
    if (!item || typeof item !== 'object') break;
    if (typeof item.source === 'string') return item.source;
    if (typeof item.origin === 'string' && item.origin !== m[1]) {
      p = item.origin;
      continue;
    }
    break;
  }
  return recordSource;
}

/** Each finding's evidence says where its value came from (joined runs only). */
export function withProvenance(facts: Facts, findings: Finding[], recordSource: string): Finding[] {
  return findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, from: sourceOf(facts, e.path, recordSource) })) }));
}
