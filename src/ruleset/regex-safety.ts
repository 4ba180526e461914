/**
 * Rules' regexes run on text the applicant controls, so a pattern that can backtrack
 * catastrophically is a denial of service. We accept a restricted dialect and refuse, at load:
 *  - nested unbounded quantifiers, e.g. (a+)+, (\w*)*, (x+y?)*   (star height > 1: exponential)
 *  - quantified groups with alternation, e.g. (a|ab)*            (overlapping branches: exponential)
 *  - more than two unbounded quantifiers, e.g. .*a.*b.*c          (polynomial blow-up)
 *  - backreferences and lookbehind                                (not regular, hard to bound)
 *  - patterns over 256 characters
 * Subjects are also cut to MAX_SUBJECT characters before matching, which bounds the remaining
 * polynomial cases. This is a conservative screen: a safe pattern may be refused, never the reverse
 * for the shapes above.
 */
export const MAX_PATTERN = 256;
export const MAX_SUBJECT = 4096;

interface Frame {
  hasAlternation: boolean;
  maxInnerUnbounded: number; // star height of the content so far
}

export function checkRegexSafety(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return `the pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN}`;
  const stack: Frame[] = [{ hasAlternation: false, maxInnerUnbounded: 0 }];
  let unbounded = 0;
  // Star height of the last atom: 0 for a literal/class, the group's inner height for a group.
  let lastAtomHeight = -1;
  let lastAtomAlternation = false;
  const settle = (): void => {
    // A group that is not repeated passes its inner star height to the enclosing group.
    if (lastAtomHeight > 0) {
      const top = stack[stack.length - 1]!;
      top.maxInnerUnbounded = Math.max(top.maxInnerUnbounded, lastAtomHeight);
    }
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const quantifies = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (!quantifies) settle();
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n !== undefined && /[1-9]/.test(n)) return 'backreferences (\\1 …) are not allowed';
      if (n === 'k' && pattern[i + 2] === '<') return 'named backreferences (\\k<…>) are not allowed';
      i++;
      lastAtomHeight = 0;
      lastAtomAlternation = false;
      continue;
    }
    if (c === '[') {
      // Skip the character class, honouring escapes and a leading ].
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      lastAtomHeight = 0;
      lastAtomAlternation = false;
      continue;
    }
    if (c === '(') {
      if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) return 'lookbehind is not allowed';
      stack.push({ hasAlternation: false, maxInnerUnbounded: 0 });
      lastAtomHeight = -1;
      continue;
    }
    if (c === ')') {
      const frame = stack.pop();
      if (!frame || stack.length === 0) return 'unbalanced parenthesis';
      lastAtomHeight = frame.maxInnerUnbounded;
      lastAtomAlternation = frame.hasAlternation;
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1]!.hasAlternation = true;
      lastAtomHeight = -1;
      continue;
    }
    const isStar = c === '*' || c === '+';
    const brace = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (isStar || brace) {
      if (lastAtomHeight < 0) return `quantifier '${c}' has nothing to repeat`;
      const isUnbounded = isStar || (!!brace && brace[2] !== undefined && brace[3] === '');
      const bigBound = !!brace && Number(brace[3] || brace[1]) > 100;
      if (brace) i += brace[0].length - 1;
      if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++;
      if (isUnbounded || bigBound) {
        if (lastAtomHeight > 0) return 'nested quantifiers such as (a+)+ can backtrack catastrophically';
        if (lastAtomAlternation) return 'a repeated group with alternatives such as (a|ab)* can backtrack catastrophically';
        unbounded++;
        if (unbounded > 2) return 'more than two unbounded quantifiers (*, +, {n,}) in one pattern';
        const top = stack[stack.length - 1]!;
        top.maxInnerUnbounded = Math.max(top.maxInnerUnbounded, 1);
      } else {
        const top = stack[stack.length - 1]!;
        top.maxInnerUnbounded = Math.max(top.maxInnerUnbounded, lastAtomHeight);
      }
      lastAtomHeight = -1;
      continue;
    }
    if (c === '?') {
      settle();
      lastAtomHeight = -1;
      continue;
    }
    lastAtomHeight = 0;
    lastAtomAlternation = false;
  }
  if (stack.length !== 1) return 'unbalanced parenthesis';
  return undefined;
}
