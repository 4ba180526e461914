import { isObj } from '../../util/is-object.js';

const MODIFIERS = new Set(['field', 'as', 'quantifier', 'minMatches']);

/**
 * Every field path a condition reads, as absolute patterns in the order written: leaf fields,
 * scope paths, and paths in operands ({ field: … }, sameAs / differsFrom). For `rules show`, which
 * should list name.full too, though the engine does not count it towards "has data".
 */
export function fieldsRead(node: unknown): string[] {
  const out = new Set<string>();
  const abs = (p: string, scope: string) => (p.startsWith('$.') ? p.slice(2) : scope ? `${scope}.${p}` : p);
  const refs = (v: unknown, scope: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => refs(x, scope));
    if (!isObj(v)) return;
    if (typeof v.field === 'string') out.add(abs(v.field, scope));
    for (const k of ['of', 'at']) if (k in v) refs(v[k], scope);
  };
  const walk = (n: unknown, scope: string): void => {
    if (!isObj(n)) return;
    for (const k of ['all', 'any'] as const) if (Array.isArray(n[k])) (n[k] as unknown[]).forEach((c) => walk(c, scope));
    if ('not' in n) walk(n.not, scope);
    for (const k of ['some', 'every'] as const) {
      if (typeof n[k] !== 'string') continue;
      const path = abs(n[k] as string, scope);
      out.add(path);
      walk(n.where, path);
    }
    if (typeof n.field !== 'string') return;
    out.add(abs(n.field, scope));
    for (const [k, v] of Object.entries(n)) {
      if (MODIFIERS.has(k)) continue;
      if (k === 'sameAs' || k === 'differsFrom') (Array.isArray(v) ? v : [v]).forEach((p) => typeof p === 'string' && out.add(abs(p, scope)));
      else refs(v, scope);
    }
  };
  walk(node, '');
  return [...out];
}
