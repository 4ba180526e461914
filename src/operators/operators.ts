import { ageInYears, daysBetween, parseDate } from '../util/dates.js';
import { cidrMatcher, parseCidr, parseIp, type ParsedIp } from '../normalize/ip.js';
import { foldText } from '../normalize/text.js';
import { memoize } from '../util/memo.js';
import { compileRuleRegex, MAX_SUBJECT } from '../runtime/regex-safety.js';
import { NO, type Verdict } from '../runtime/verdict.js';
import { isListRef, listLabel, lookupList, operandValues, show, type OperatorDef } from './operand.js';
import { equality, fieldComparison, membership } from './compare-operators.js';
import { lookupTable } from '../util/lookup-table.js';

export type { Verdict };
export type { OperatorDef, OperatorEnv, Predicate, RefResolver } from './operand.js';

const foldMemo = memoize(foldText);

function textOp(kind: 'contains' | 'startsWith' | 'endsWith'): OperatorDef {
  return {
    build(operand, env) {
      let needles: Array<{ value: string; label: string }>;
      if (isListRef(operand)) {
        const list = lookupList(operand, env);
        if (!list) return undefined;
        needles = list.entries.flatMap((e) => [e.value, ...e.aliases].map((v) => ({ value: v, label: listLabel(list, e) })));
      } else {
        const arr = Array.isArray(operand) ? operand : [operand];
        if (arr.length === 0 || !arr.every((v) => typeof v === 'string' && v.length > 0)) {
          env.fail(`expected a string, a list of strings or { list: <list id> }`);
          return undefined;
        }
        needles = (arr as string[]).map((v) => ({ value: v, label: `${kind} "${v}"` }));
      }
      const exact = env.comparator === 'exact';
      const fold = exact ? (s: string) => s : foldMemo;
      const folded = needles.map((n) => ({ ...n, value: fold(n.value), padded: ` ${fold(n.value)} ` })).filter((n) => n.value.length > 0);
      return (value) => {
        if (typeof value !== 'string') return NO;
        const hay = fold(value.slice(0, MAX_SUBJECT));
        const padded = kind === 'contains' && !exact ? ` ${hay} ` : hay;
        for (const n of folded) {
          // Folded text is words separated by single spaces, so padding makes `contains` match whole
          // words and phrases: "RDP" must not be found inside "WordPress".
          const hit =
            kind === 'contains'
              ? exact ? hay.includes(n.value) : padded.includes(n.padded)
              : kind === 'startsWith' ? hay.startsWith(n.value) : hay.endsWith(n.value);
          if (hit) return { ok: true, note: n.label };
        }
        return NO;
      };
    },
  };
}

const regexOp: OperatorDef = {
  build(operand, env) {
    if (typeof operand !== 'string' || operand.length === 0) {
      env.fail('expected a regular expression as a string');
      return undefined;
    }
    // One policy for rules and exceptions: JS syntax, matched in linear time (regex-safety.ts).
    const re = compileRuleRegex(operand, { ignoreCase: env.comparator !== 'exact' });
    if (!re.ok) {
      if (re.kind === 'invalid') env.fail(`invalid regex /${operand}/: ${re.reason}`, [], undefined, 'rule-invalid-regex');
      else env.fail(`unsafe regex /${operand}/: ${re.reason}`, [], 'rewrite it without backreferences or lookaround, with smaller repetition bounds, or use contains / startsWith / in', 'rule-unsafe-regex');
      return undefined;
    }
    const note = `matches /${operand}/`;
    return (value) => (typeof value === 'string' && re.test(value) ? { ok: true, note } : NO);
  },
};

function numeric(cmp: (a: number, b: number) => boolean, word: string): OperatorDef {
  return {
    build(operand, env) {
      const values = operandValues(operand, env, (v) => typeof v === 'number', 'a number');
      if (!values) return undefined;
      return (value, root, scope, scopePath) => {
        if (typeof value !== 'number') return NO;
        for (const t of values(root, scope, scopePath)) {
          if (typeof t.value === 'number' && cmp(value, t.value)) return { ok: true, note: `${word} ${t.path ? `${t.path} = ` : ''}${t.value}` };
        }
        return NO;
      };
    },
  };
}

const isDateLiteral = (v: unknown) => typeof v === 'string' && parseDate(v) !== undefined;

function dateOrder(before: boolean): OperatorDef {
  return {
    build(operand, env) {
      const values = operandValues(operand, env, isDateLiteral, 'an ISO date');
      if (!values) return undefined;
      return (value, root, scope, scopePath) => {
        const d = parseDate(value);
        if (d === undefined) return NO;
        for (const t of values(root, scope, scopePath)) {
          const o = parseDate(t.value);
          if (o !== undefined && (before ? d < o : d > o)) {
            return { ok: true, note: `${before ? 'before' : 'after'} ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
          }
        }
        return NO;
      };
    },
  };
}

const withinOp: OperatorDef = {
  build(operand, env) {
    const o = operand as { days?: unknown; of?: unknown; direction?: unknown };
    if (typeof operand !== 'object' || operand === null || typeof o.days !== 'number' || o.days < 0 || o.of === undefined) {
      env.fail('expected { days: <number>, of: <date or { field: path }>, direction: after | before | either }');
      return undefined;
    }
    const extra = Object.keys(operand).filter((k) => !['days', 'of', 'direction'].includes(k));
    if (extra.length) env.fail(`unknown key '${extra[0]}' in within`, [extra[0]!], 'within takes days, of and direction');
    const direction = o.direction ?? 'either';
    if (!['after', 'before', 'either'].includes(direction as string)) {
      env.fail(`direction must be after, before or either, got ${show(direction)}`, ['direction']);
      return undefined;
    }
    const days = o.days;
    const values = operandValues(o.of, { ...env, fail: (m, k = [], h, c) => env.fail(m, ['of', ...k], h, c), ref: (p, k) => env.ref(p, ['of', ...k]) }, isDateLiteral, 'an ISO date');
    if (!values) return undefined;
    return (value, root, scope, scopePath) => {
      const d = parseDate(value);
      if (d === undefined) return NO;
      for (const t of values(root, scope, scopePath)) {
        const ref = parseDate(t.value);
        if (ref === undefined) continue;
        const diff = daysBetween(ref, d);
        const ok = direction === 'after' ? diff >= 0 && diff <= days : direction === 'before' ? diff <= 0 && -diff <= days : Math.abs(diff) <= days;
        if (ok) {
          const n = Math.round(Math.abs(diff));
          const rel = diff >= 0 ? 'after' : 'before';
          return { ok: true, note: `${n} day${n === 1 ? '' : 's'} ${rel} ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
        }
      }
      return NO;
    };
  },
};

const AGE_CMP: Record<string, (a: number, b: number) => boolean> = lookupTable({
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
});

const ageAtOp: OperatorDef = {
  build(operand, env) {
    const o = operand as Record<string, unknown>;
    if (typeof operand !== 'object' || operand === null || o.at === undefined) {
      env.fail('expected { at: <date or { field: path }>, lt | lte | gt | gte: <years> }');
      return undefined;
    }
    const cmps = Object.keys(o).filter((k) => k !== 'at');
    const bad = cmps.find((k) => !Object.hasOwn(AGE_CMP, k) || typeof o[k] !== 'number');
    if (bad || cmps.length !== 1) {
      env.fail('ageAt needs exactly one of lt, lte, gt, gte with a number of years', bad ? [bad] : []);
      return undefined;
    }
    const cmpName = cmps[0]!;
    const cmp = AGE_CMP[cmpName]!;
    const years = o[cmpName] as number;
    const values = operandValues(o.at, { ...env, fail: (m, k = [], h, c) => env.fail(m, ['at', ...k], h, c), ref: (p, k) => env.ref(p, ['at', ...k]) }, isDateLiteral, 'an ISO date');
    if (!values) return undefined;
    return (value, root, scope, scopePath) => {
      const birth = parseDate(value);
      if (birth === undefined) return NO;
      for (const t of values(root, scope, scopePath)) {
        const at = parseDate(t.value);
        if (at === undefined) continue;
        const age = ageInYears(birth, at);
        if (cmp(age, years)) return { ok: true, note: `age ${age} at ${t.path ? `${t.path} = ` : ''}${show(t.value)}` };
      }
      return NO;
    };
  },
};

// Several rules test the same session addresses against their ranges.
const parseIpMemo = memoize(parseIp);

const cidrOp: OperatorDef = {
  build(operand, env) {
    const ranges: Array<{ contains: (ip: ParsedIp) => boolean; label: string }> = [];
    if (isListRef(operand)) {
      const list = lookupList(operand, env);
      if (!list) return undefined;
      for (const e of list.entries) {
        const c = parseCidr(e.value);
        if (c) ranges.push({ contains: cidrMatcher(c), label: `${e.value} — ${listLabel(list, e)}` });
      }
    } else if (Array.isArray(operand) && operand.length > 0) {
      operand.forEach((v, i) => {
        const c = typeof v === 'string' ? parseCidr(v) : undefined;
        if (!c) env.fail(`'${show(v)}' is not a CIDR range (e.g. 175.45.176.0/22 or 2001:db8::/32)`, [i]);
        else ranges.push({ contains: cidrMatcher(c), label: `in ${v}` });
      });
    } else {
      env.fail('expected a list of CIDR ranges or { list: <list id> }');
      return undefined;
    }
    if (ranges.length === 0) return undefined;
    return (value) => {
      if (typeof value !== 'string') return NO;
      const ip = parseIpMemo(value);
      if (!ip) return NO;
      const hit = ranges.find((r) => r.contains(ip));
      return hit ? { ok: true, note: hit.label } : NO;
    };
  },
};

/**
 * Every operator a leaf may use. `exists` is handled by the leaf itself (it looks at absence).
 * A null-prototype table: operator names come from rule files, and `OPERATORS.constructor` must
 * be "unknown operator", not Object's constructor.
 */
export const OPERATORS: Record<string, OperatorDef> = lookupTable({
  equals: equality(false),
  notEquals: equality(true),
  in: membership(false),
  notIn: membership(true),
  contains: textOp('contains'),
  startsWith: textOp('startsWith'),
  endsWith: textOp('endsWith'),
  regex: regexOp,
  gt: numeric((a, b) => a > b, 'greater than'),
  gte: numeric((a, b) => a >= b, 'at least'),
  lt: numeric((a, b) => a < b, 'less than'),
  lte: numeric((a, b) => a <= b, 'at most'),
  before: dateOrder(true),
  after: dateOrder(false),
  within: withinOp,
  ageAt: ageAtOp,
  cidr: cidrOp,
  sameAs: fieldComparison(false),
  differsFrom: fieldComparison(true),
});

export const OPERATOR_NAMES = ['exists', ...Object.keys(OPERATORS)];
