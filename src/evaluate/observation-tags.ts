import type { Facts } from '../model/applicant.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CompiledRule, Condition } from '../model/rule.js';

const FIELD = 'interviews[].observations[]';
/** Tags the applicant model documents as kept but not scored (docs/applicant-model.md). */
const KNOWN_UNSCORED = ['background_blurred', 'heavy_lag', 'reads_answers'];

const CACHE = new WeakMap<CompiledRule[], { size: number; tags: Set<string>; shown: string }>();

/** Literal values the loaded rules test interview observations against. */
function tagsOf(rules: CompiledRule[]): { tags: Set<string>; shown: string } {
  let c = CACHE.get(rules);
  if (!c || c.size !== rules.length) {
    const tags = new Set<string>(KNOWN_UNSCORED);
    const walk = (c: Condition | undefined, prefix: string): void => {
      if (!c || typeof c !== 'object') return;
      const n = c as {
        all?: Condition[];
        any?: Condition[];
        not?: Condition;
        some?: string;
        every?: string;
        where?: Condition;
        field?: string;
        in?: unknown;
        equals?: unknown;
      };
      if (Array.isArray(n.all)) return n.all.forEach((x) => walk(x, prefix));
      if (Array.isArray(n.any)) return n.any.forEach((x) => walk(x, prefix));
      if (n.not) return walk(n.not, prefix);
      if (typeof n.some === 'string') return walk(n.where, `${prefix}${n.some}.`);
      if (typeof n.every === 'string') return walk(n.where, `${prefix}${n.every}.`);
      const leaf = n;
      if (`${prefix}${leaf.field}` !== FIELD) return;
      for (const v of [...(Array.isArray(leaf.in) ? leaf.in : []), ...(typeof leaf.equals === 'string' ? [leaf.equals] : [])])
        if (typeof v === 'string') tags.add(v);
    };
    for (const r of rules) walk(r.spec.match, '');
    c = { size: rules.length, tags, shown: [...tags].sort().join(', ') };
    CACHE.set(rules, c);
  }
  return c;
}

/**
 * Interview observations the rules cannot read: free text ("Camera off the whole call") or a
 * misspelt tag is kept but tested by nothing, which must not pass in silence. One warning per
 * record, naming the values and the tags the rules know.
 */
export function unknownObservationWarnings(facts: Facts, rules: CompiledRule[]): Diagnostic[] {
  const interviews = facts.interviews ?? [];
  if (interviews.length === 0) return [];
  const { tags, shown } = tagsOf(rules);
  const unknown: string[] = [];
  interviews.forEach((iv, i) => {
    const obs = (iv as { observations?: unknown }).observations;
    if (!Array.isArray(obs)) return;
    obs.forEach((o, j) => {
      if (typeof o === 'string' && !tags.has(o)) unknown.push(`interviews[${i}].observations[${j}] "${o.length > 60 ? `${o.slice(0, 57)}…` : o}"`);
    });
  });
  if (unknown.length === 0) return [];
  const more = unknown.length > 3 ? ` and ${unknown.length - 3} more` : '';
  return [
    {
      code: 'applicant-unknown-tag',
      severity: 'warning',
      message: `${unknown.slice(0, 3).join(', ')}${more}: no rule reads ${unknown.length === 1 ? 'this observation' : 'these observations'}; the known tags are ${shown}`,
      hint: 'record interviewer observations as tags (camera_off, different_person …); free text is kept but never checked',
    },
  ];
}
