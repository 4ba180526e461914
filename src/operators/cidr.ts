import { cidrMatcher, parseCidr, parseIp, type ParsedIp } from '../normalize/ip.js';
import { isObj } from '../util/is-object.js';
import { memoize } from '../util/memo.js';
import { NO } from '../runtime/verdict.js';
import { LIST_REF, MALFORMED, type PredicateOperator } from './descriptor.js';
import { isListRef, listLabel, lookupList, show } from './operand.js';

// Several rules test the same session addresses against their ranges.
const parseIpMemo = memoize(parseIp);

/** An IP address in one of the ranges, or in a range of a cidr list. */
export const cidr: PredicateOperator = {
  name: 'cidr',
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
  describe: (v, w) => {
    const o = isObj(v) ? v : {};
    return isObj(v) ? `is an IP address in a range on the list '${String(o.list)}'` : `is an IP address in ${w.join((v as unknown[]).map(String), 'or')}`;
  },
  codes: [MALFORMED, LIST_REF],
  example: 'field: derived.sessions[].ip\ncidr: ["175.45.176.0/22", "210.52.109.0/24"]\n',
};
