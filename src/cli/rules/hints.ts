import type { Diagnostic } from '../../model/diagnostic.js';
import { lookupTable } from '../../util/lookup-table.js';

/** How to fix, for the diagnostics whose origin could not say more specifically. */
const BY_CODE: Partial<Record<Diagnostic['code'], string>> = lookupTable({
  'yaml-syntax': 'fix the YAML at this position (quote values that contain ": " or start with a special character)',
  'rule-schema': 'see "The rule file" in docs/rules.md for every key and what it takes',
  'rule-unknown-field': '`dprk-check schema` lists the applicant fields, `dprk-check schema --derived` the derived facts',
  'rule-unknown-list': 'name a list a loaded rule pack defines (list files have a top-level list: key)',
  'rule-invalid-regex': 'fix the pattern: it is a JavaScript regular expression, matched case-insensitively',
  'rule-unsafe-regex': 'rewrite it without backreferences or lookaround, with smaller repetition bounds, or use contains / startsWith / in',
  'list-invalid': 'see "Named lists" in docs/rules.md',
  'config-invalid': 'see "Configuration" in docs/rules.md for every key and what it takes',
  'input-unreadable': 'check that the path exists and is readable',
});

export function withHint(d: Diagnostic): Diagnostic {
  if (d.hint) return d;
  const required = /missing required field '([^']+)'/.exec(d.message);
  if (required) return { ...d, hint: `add ${required[1]}: to the ${d.code.startsWith('config') ? 'configuration' : d.code === 'list-invalid' ? 'list' : 'rule'} (docs/rules.md describes it)` };
  const operand = /(^|: )expected /.test(d.message);
  if (operand) return { ...d, hint: 'each operator takes one kind of operand; see its example under "Operators" in docs/rules.md' };
  return { ...d, hint: BY_CODE[d.code] ?? 'see docs/rules.md' };
}
