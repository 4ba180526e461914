import { foldText } from '../normalize/text.js';
import { memoize } from '../util/memo.js';
import { MAX_SUBJECT } from '../runtime/regex-safety.js';
import { NO } from '../runtime/verdict.js';
import { isListRef, listLabel, lookupList, type OperatorDef } from './operand.js';

const foldMemo = memoize(foldText);

/** The closure factory of contains, startsWith and endsWith: text against strings or a list's entries. */
export function textOp(kind: 'contains' | 'startsWith' | 'endsWith'): OperatorDef {
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
        // A long value is read to MAX_SUBJECT characters, from the end for endsWith: the cut is not
        // the end of the text, so it must neither end the value for endsWith nor a word for contains.
        const cut = value.length > MAX_SUBJECT;
        const hay = fold(cut ? (kind === 'endsWith' ? value.slice(-MAX_SUBJECT) : value.slice(0, MAX_SUBJECT)) : value);
        const padded = kind === 'contains' && !exact ? ` ${hay}${cut ? '' : ' '}` : hay;
        for (const n of folded) {
          // Folded text is words separated by single spaces, so padding makes `contains` match whole
          // words and phrases: "RDP" must not be found inside "WordPress".
          const hit =
            kind === 'contains'
              ? exact
                ? hay.includes(n.value)
                : padded.includes(n.padded)
              : kind === 'startsWith'
                ? hay.startsWith(n.value)
                : hay.endsWith(n.value);
          if (hit) return { ok: true, note: n.label };
        }
        return NO;
      };
    },
  };
}
