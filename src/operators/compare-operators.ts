import { COMPARISONS } from '../runtime/comparators.js';
import { companyMembership, listCandidates, literalCandidates } from '../runtime/company-list-match.js';
import { nameMembership } from '../runtime/name-list-match.js';
import { isListRef, isRef, isScalar, listLabel, lookupList, show, type OperatorDef, type RefResolver } from './operand.js';
import { NO, type Verdict } from '../runtime/verdict.js';
import { plural } from '../util/plural.js';

/** The operators that compare values through a comparator (`as:`): equals, in, sameAs and their negations. */

export function equality(negate: boolean): OperatorDef {
  return {
    defaultAs: 'text',
    build(operand, env) {
      const cmp = COMPARISONS[env.comparator];
      // A literal is prepared once; a referenced field's values differ per record, and their
      // paths are looked up only for the note of a match.
      let ref: RefResolver | undefined;
      if (isRef(operand)) {
        ref = env.ref(operand.field, ['field']);
        if (!ref) return undefined;
      } else if (!isScalar(operand)) {
        env.fail(`expected a string, number or boolean or { field: <path> }, got ${show(operand)}`);
        return undefined;
      }
      const literal = [operand];
      const fixed = ref ? undefined : cmp.prepare(operand);
      return (value, root, scope, scopePath) => {
        const targets = ref ? ref.values(root, scope) : literal;
        const mine = cmp.prepare(value);
        let comparable = false;
        if (mine !== undefined) {
          for (let i = 0; i < targets.length; i++) {
            const other = ref ? cmp.prepare(targets[i]) : fixed;
            if (other === undefined) continue;
            const r = cmp.same(mine, other);
            if (r === undefined) continue;
            comparable = true;
            if (r) return negate ? NO : { ok: true, note: `equals ${(ref ? ref(root, scope, scopePath)[i]!.path : '') || show(targets[i])}` };
          }
        }
        return negate && comparable ? { ok: true, note: `is not ${targets.map(show).join(' / ')}` } : NO;
      };
    },
  };
}

/**
 * A list index built when a value first reaches it, not when the rule compiles: building one
 * normalises every listed spelling (a tenth of a single check's start), and most leaves of a
 * record never see a value (no payee, no platform). Building cannot fail, so no problem with the
 * rule is found later for it.
 */
function onFirstUse(make: () => (value: unknown) => Verdict): (value: unknown) => Verdict {
  let test: ((value: unknown) => Verdict) | undefined;
  return (value) => (test ??= make())(value);
}

/** notIn's note names the set it was tested against (a list by its id and size, literals up to 8). */
function noneOf(operand: unknown, candidates: Array<{ value: string }>): string {
  if (isListRef(operand)) return `is none of the ${plural(candidates.length, 'value')} of list '${(operand as { list: string }).list}'`;
  const vs = candidates.map((c) => c.value);
  return `is none of ${vs.slice(0, 8).join(', ')}${vs.length > 8 ? ` and ${vs.length - 8} more` : ''}`;
}

export function membership(negate: boolean): OperatorDef {
  return {
    defaultAs: 'text',
    build(operand, env) {
      const cmp = COMPARISONS[env.comparator];
      let candidates: Array<{ value: string; label: string }>;
      if (isListRef(operand)) {
        const list = lookupList(operand, env);
        if (!list) return undefined;
        // Companies are scored, not just compared: the note names the entry, source and similarity.
        if (env.comparator === 'company') return onFirstUse(() => companyMembership(listCandidates(list), negate));
        candidates = list.entries.flatMap((e) => [e.value, ...e.aliases].map((v) => ({ value: v, label: listLabel(list, e) })));
      } else if (Array.isArray(operand) && operand.length > 0 && operand.every(isScalar)) {
        if (env.comparator === 'company') return companyMembership(literalCandidates(operand.map(String)), negate);
        candidates = operand.map((v) => ({ value: String(v), label: `is one of the listed values (${show(v)})` }));
      } else {
        env.fail('expected a non-empty list of values or { list: <list id> }');
        return undefined;
      }
      const setText = noneOf(operand, candidates);
      if (env.comparator === 'name') return onFirstUse(() => nameMembership(candidates, negate, setText));
      const miss: Verdict = negate ? { ok: true, note: setText } : NO;
      const hit = (label: string): Verdict => (negate ? NO : { ok: true, note: label });
      if (cmp.keyed) {
        // Every listed value is a string, so any value that prepares is comparable with all of them.
        const index = new Map<unknown, string>();
        for (const c of candidates) {
          const key = cmp.prepare(c.value);
          if (!index.has(key)) index.set(key, c.label);
        }
        return (value) => {
          const mine = cmp.prepare(value);
          if (mine === undefined) return NO;
          const label = index.get(mine);
          return label === undefined ? miss : hit(label);
        };
      }
      const prepared = candidates.map((c) => ({ ...c, prepared: cmp.prepare(c.value) })).filter((c) => c.prepared !== undefined);
      return (value) => {
        const mine = cmp.prepare(value);
        if (mine === undefined) return NO;
        let comparable = false;
        for (const c of prepared) {
          const r = cmp.same(mine, c.prepared);
          if (r === undefined) continue;
          comparable = true;
          if (r) return hit(c.label);
        }
        return comparable ? miss : NO;
      };
    },
  };
}

export function fieldComparison(differ: boolean): OperatorDef {
  return {
    defaultAs: 'text',
    build(operand, env) {
      const paths = Array.isArray(operand) ? operand : [operand];
      if (paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
        env.fail('expected a field path or a list of field paths');
        return undefined;
      }
      const refs = (paths as string[]).map((p, i) => env.ref(p, Array.isArray(operand) ? [i] : []));
      if (refs.some((r) => !r)) return undefined;
      const cmp = COMPARISONS[env.comparator];
      // Paths of the compared values only for the note, once the answer is known.
      const withPaths = (root: unknown, scope: unknown, scopePath: string) => refs.flatMap((r) => r!(root, scope, scopePath));
      return (value, root, scope, scopePath) => {
        const mine = cmp.prepare(value);
        let comparable = false;
        if (mine !== undefined) {
          let at = 0;
          for (const r of refs) {
            for (const v of r!.values(root, scope)) {
              const i = at++;
              const other = cmp.prepare(v);
              if (other === undefined) continue;
              const same = cmp.same(mine, other);
              if (same === undefined) continue;
              comparable = true;
              if (same) return differ ? NO : { ok: true, note: `same as ${withPaths(root, scope, scopePath)[i]!.path} = ${show(v)}` };
            }
          }
        }
        if (!differ || !comparable) return NO;
        const targets = withPaths(root, scope, scopePath);
        const shown = targets
          .slice(0, 3)
          .map((t) => `${t.path} = ${show(t.value)}`)
          .join('; ');
        return { ok: true, note: `differs from ${shown}${targets.length > 3 ? ` (and ${targets.length - 3} more)` : ''}` };
      };
    },
  };
}
