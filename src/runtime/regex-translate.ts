/**
 * Rule authors write JavaScript regular expressions (the `u` dialect, already checked by
 * `new RegExp(source, 'u')`); they run on RE2, which has no backtracking. This turns the JS source
 * into RE2 syntax with the same meaning, or says which JS-only construct has no linear equivalent
 * (backreferences, lookaround), so the rule is refused at load instead of matching differently.
 *
 * Where the two dialects mean different things for the same spelling, the JS meaning is written out:
 *  - `.` excludes \n, \r, U+2028 and U+2029 in JS, only \n in RE2;
 *  - `\s` is Unicode white space in JS, ASCII in RE2;
 *  - `[^]` is "any character" in JS, a syntax error in RE2; `[[:alpha:]]` is a POSIX class in RE2,
 *    a bracket followed by letters in JS (so `[` inside a class is escaped).
 * Capturing groups become non-capturing: matching only asks yes or no.
 */
export type Translation = { ok: true; source: string } | { ok: false; reason: string };

// JS \s: WhiteSpace and LineTerminator of ECMA-262, as RE2 class content.
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r\\p{Zs}\\x{2028}\\x{2029}\\x{FEFF}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const CONTROL = /^[A-Za-z]$/;
const HEX = /^[0-9A-Fa-f]$/;

const fail = (reason: string): Translation => ({ ok: false, reason });

export function jsToRe2(src: string): Translation {
  let out = '';
  let i = 0;
  let inClass = false;
  let classNegated = false;
  let classHasNonSpace = false;
  let classBody = '';
  const emit = (text: string) => {
    if (inClass) classBody += text;
    else out += text;
  };
  // An escape at src[i] (a backslash); returns its RE2 spelling and length, or a refusal.
  const escape = (): { text: string; len: number } | { reason: string } => {
    const n = src[i + 1];
    if (n === undefined) return { reason: 'a trailing backslash' };
    if (/[1-9]/.test(n)) return { reason: 'backreferences (\\1 …) are not supported: they cannot be matched in linear time' };
    switch (n) {
      case 'k':
        return { reason: 'named backreferences (\\k<…>) are not supported: they cannot be matched in linear time' };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        return { text: `\\${n}`, len: 2 };
      case 'b':
      case 'B':
        // Inside a class JS reads \b as backspace.
        return inClass ? (n === 'b' ? { text: '\\x{08}', len: 2 } : { reason: '\\B inside a character class' }) : { text: `\\${n}`, len: 2 };
      case 'v':
        return { text: '\\x{0B}', len: 2 };
      case '0':
        return { text: '\\x{00}', len: 2 };
      case 's':
        return { text: inClass ? JS_SPACE : `[${JS_SPACE}]`, len: 2 };
      case 'S':
        // RE2 has no class item for "not JS space": the class is closed as an alternation.
        if (inClass) {
          classHasNonSpace = true;
          return { text: '', len: 2 };
        }
        return { text: `[^${JS_SPACE}]`, len: 2 };
      case 'c': {
        const c = src[i + 2] ?? '';
        if (!CONTROL.test(c)) return { text: '\\\\c', len: 2 };
        return { text: `\\x{${(c.charCodeAt(0) % 32).toString(16)}}`, len: 3 };
      }
      case 'x':
        return { text: `\\x{${src.slice(i + 2, i + 4)}}`, len: 4 };
      case 'u': {
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          const code = parseInt(src.slice(i + 3, close), 16);
          if (code >= 0xd800 && code <= 0xdfff) return { reason: 'a lone surrogate (\\u{D800}–\\u{DFFF}) cannot be matched' };
          return { text: `\\x{${code.toString(16)}}`, len: close - i + 1 };
        }
        const hex = (at: number) =>
          src
            .slice(at, at + 4)
            .split('')
            .every((c) => HEX.test(c))
            ? parseInt(src.slice(at, at + 4), 16)
            : NaN;
        const hi = hex(i + 2);
        if (hi >= 0xd800 && hi <= 0xdbff && src.startsWith('\\u', i + 6)) {
          const lo = hex(i + 8);
          if (lo >= 0xdc00 && lo <= 0xdfff) return { text: `\\x{${(((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000).toString(16)}}`, len: 12 };
        }
        if (hi >= 0xd800 && hi <= 0xdfff) return { reason: 'a lone surrogate (\\uD800–\\uDFFF) cannot be matched' };
        return { text: `\\x{${hi.toString(16)}}`, len: 6 };
      }
      case 'p':
      case 'P': {
        const close = src.indexOf('}', i + 3);
        const body = src.slice(i + 3, close);
        const [key, value] = body.includes('=') ? (body.split('=') as [string, string]) : ['', body];
        if (key === 'Script_Extensions' || key === 'scx') return { reason: `\\${n}{${body}}: Script_Extensions is not supported; use \\${n}{Script=…}` };
        // RE2 spells general categories (L, Lu, …) and scripts (Greek, Latin, …) bare; the loader
        // reports names it does not know.
        return { text: `\\${n}{${value}}`, len: close - i + 1 };
      }
      case '/':
        return { text: '/', len: 2 };
      default: {
        // The u dialect allows only syntax characters (and - in a class) as identity escapes.
        const cp = String.fromCodePoint(src.codePointAt(i + 1)!);
        return { text: `\\${cp}`, len: 1 + cp.length };
      }
    }
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const e = escape();
      if ('reason' in e) return fail(e.reason);
      emit(e.text);
      i += e.len;
      continue;
    }
    if (inClass) {
      i++;
      if (c !== ']') {
        classBody += c === '[' ? '\\[' : c;
        continue;
      }
      inClass = false;
      if (!classHasNonSpace) out += `[${classNegated ? '^' : ''}${classBody}]`;
      else if (classNegated) return fail('\\S inside a negated class [^…] is not supported; write it with \\s');
      else out += classBody ? `(?:[${classBody}]|[^${JS_SPACE}])` : `[^${JS_SPACE}]`;
      continue;
    }
    if (c === '[') {
      if (src.startsWith('[^]', i)) {
        out += '(?s:.)';
        i += 3;
        continue;
      }
      if (src.startsWith('[]', i)) return fail('the empty class [] matches nothing');
      inClass = true;
      classNegated = src.startsWith('[^', i);
      classHasNonSpace = false;
      classBody = '';
      i += classNegated ? 2 : 1;
      // A ] right after [ or [^ is a syntax error in the u dialect, so no special case here.
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2, i + 4);
      if (rest.startsWith('=') || rest.startsWith('!')) return fail('lookahead (?= …) / (?! …) is not supported: it cannot be matched in linear time');
      if (rest === '<=' || rest === '<!') return fail('lookbehind (?<= …) / (?<! …) is not supported: it cannot be matched in linear time');
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
        continue;
      }
      if (rest.startsWith('<')) {
        // A named group: the name only serves captures, which matching does not use.
        out += '(?:';
        i = src.indexOf('>', i) + 1;
        continue;
      }
      // Inline modifiers (?i: …) exist only on newer Node versions.
      return fail(`the group '(?${src[i + 2] ?? ''}' is not supported`);
    }
    if (c === '(') {
      out += '(?:';
      i++;
      continue;
    }
    if (c === '.') {
      out += JS_DOT;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return { ok: true, source: out };
}
