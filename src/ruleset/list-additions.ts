import type { Diagnostic } from '../model/diagnostic.js';
import type { ListAddition, NamedList } from '../model/list.js';
import type { SourcePosition } from '../model/rule.js';
import { parseCidr } from '../normalize/ip.js';
import { closest } from '../util/closest.js';

const at = (p: SourcePosition) => ({ file: p.file, line: p.line, column: p.column });

/**
 * Merge a configuration's watchlist entries into the loaded lists, before rules are compiled (list
 * operands are resolved at compile time). Entries are held to the same bar as list files. Returns
 * new list objects; the loaded ones are not changed.
 */
export function addListEntries(lists: Map<string, NamedList>, additions: ListAddition[]): { lists: Map<string, NamedList>; diagnostics: Diagnostic[] } {
  const out = new Map(lists);
  const diagnostics: Diagnostic[] = [];
  for (const add of additions) {
    const list = out.get(add.list);
    if (!list) {
      const known = [...out.keys()];
      const guess = closest(add.list, known);
      diagnostics.push({
        code: 'config-invalid',
        severity: 'error',
        ...at(add.source),
        message: `lists: unknown list '${add.list}'`,
        hint: guess
          ? `did you mean '${guess}'?`
          : known.length
            ? `lists loaded: ${known.join(', ')}`
            : 'no named lists are loaded; a configuration can only add entries to a list a rule pack defines',
      });
      continue;
    }
    let ok = true;
    add.entries.forEach((e, i) => {
      const where = at(add.entrySources[i] ?? add.source);
      if (list.kind === 'cidr' && !parseCidr(e.value)) {
        ok = false;
        diagnostics.push({
          code: 'config-invalid',
          severity: 'error',
          ...where,
          message: `lists.${add.list}: '${e.value}' is not a CIDR range`,
          hint: 'write e.g. 203.0.113.0/24',
        });
      }
      if ((list.kind === 'company' || list.kind === 'name') && !e.source) {
        ok = false;
        diagnostics.push({
          code: 'config-invalid',
          severity: 'error',
          ...where,
          message: `lists.${add.list}: watchlist entry '${e.value}' has no source`,
          hint: 'every watchlist entry needs source: { title, url, date } (an internal case reference will do)',
        });
      }
    });
    if (ok) out.set(list.id, { ...list, entries: [...list.entries, ...add.entries] });
  }
  return { lists: out, diagnostics };
}
