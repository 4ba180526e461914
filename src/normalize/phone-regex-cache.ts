import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * libphonenumber-js tests every pattern of its metadata through one helper, matchesEntirely,
 * which builds `new RegExp('^(?:' + pattern + ')$')` on every call: half the cost of parsing a
 * number and reading its type. The helper is pure and the patterns come from the bundled
 * metadata (a few hundred distinct ones), so the same test with each RegExp built once answers
 * the same. Installed on the CommonJS build that normalize/phone.ts loads; if a future version
 * lays its files out differently, nothing is changed and parsing is only slower.
 */
export function cachePhoneRegexes(resolveFrom: string): boolean {
  try {
    const require = createRequire(resolveFrom);
    const file = join(dirname(require.resolve('libphonenumber-js/max')), '..', 'build', 'helpers', 'matchesEntirely.js');
    if (!existsSync(file)) return false;
    const helper = require(file) as { default?: unknown; __cached?: boolean };
    if (helper.__cached) return true;
    if (typeof helper.default !== 'function' || helper.default.length !== 2) return false;
    const built = new Map<string, RegExp>();
    // Not global or sticky: test() keeps no state between calls.
    helper.default = (text: string | undefined, pattern: string): boolean => {
      let re = built.get(pattern);
      if (!re) {
        re = new RegExp(`^(?:${pattern})$`);
        built.set(pattern, re);
      }
      return re.test(text || '');
    };
    helper.__cached = true;
    return true;
  } catch {
    return false;
  }
}
