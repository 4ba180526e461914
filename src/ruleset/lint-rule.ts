import type { Diagnostic } from '../model/diagnostic.js';
import type { CompiledRule, RuleSpec } from '../model/rule.js';
import { validateApplicant } from '../validate/validate-applicant.js';
import { didYouMean } from './suggest-id.js';
import { caseApplicant } from './case-applicant.js';
import { diagnosticAt, keyPositionOf, pointerToKeys, type YamlSource } from '../yaml/yaml-source.js';

/**
 * Rule-quality checks. These never stop `check` from running the rule (it is safe and means what
 * it says); they make `rules validate` exit 1, so a team's CI can hold its pack to the same bar as
 * the built-in one. What is an error and what is a warning is documented in docs/rules.md.
 */
export function lintRule(spec: RuleSpec, src: YamlSource, lintCases = true): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ruleId = spec.id;
  const warn = (keys: Array<string | number>, code: Diagnostic['code'], message: string, hint: string) =>
    out.push(diagnosticAt(src, keys, code, message, { ruleId, hint, severity: 'warning' }));

  if (spec.references.length === 0) {
    warn(
      ['references'],
      'rule-missing-references',
      'the rule cites no references',
      'add references: [{ title, url, date }] naming the public source (advisory, indictment, report) this heuristic rests on',
    );
  }
  if (spec.falsepositives.length === 0) {
    warn(
      ['falsepositives'],
      'rule-missing-falsepositives',
      'the rule lists no false positives',
      'add falsepositives: [...] with the benign situations that also match, so a reviewer knows what to rule out',
    );
  }
  for (const kind of ['match', 'nomatch'] as const) {
    if (spec.cases[kind].length === 0) {
      const what = kind === 'match' ? 'must-match' : 'must-not-match';
      warn(
        ['cases'],
        'rule-missing-cases',
        `the rule has no ${what} case (cases.${kind})`,
        `add cases.${kind}: [{ name, applicant }] with ${kind === 'match' ? 'an applicant the rule must flag' : 'a look-alike applicant the rule must not flag'}; run \`dprk-check rules test\``,
      );
    }
  }
  if (spec.status === 'deprecated' && !spec.replacedBy) {
    warn(
      ['status'],
      'rule-replacement',
      'a deprecated rule names no replacement',
      'add replacedBy: <id of the rule that replaces it>, so configurations that mention this id can be updated',
    );
  }
  if (spec.replacedBy && spec.status !== 'deprecated') {
    warn(['replacedBy'], 'rule-replacement', `replacedBy is set but the rule's status is '${spec.status}'`, 'set status: deprecated, or remove replacedBy');
  }
  if (spec.replacedBy === spec.id) {
    warn(['replacedBy'], 'rule-replacement', 'the rule names itself as its replacement', 'name the id of the rule that replaces it');
  }
  if (lintCases) out.push(...checkCases(spec, src));
  return out;
}

/** Case applicants are checked against the applicant schema here, so a typo shows with its line. */
function checkCases(spec: RuleSpec, src: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const kind of ['match', 'nomatch'] as const) {
    spec.cases[kind].forEach((c, i) => {
      // A linkage case holds several applicants (a batch); each is checked on its own.
      const each = c.applicants
        ? c.applicants.map((a, j) => ({ a, at: ['applicants', j] as Array<string | number> }))
        : [{ a: c.applicant, at: ['applicant'] as Array<string | number> }];
      for (const { a, at } of each) checkOne(a, at, c, i, kind);
    });
  }
  return out;

  function checkOne(applicant: Record<string, unknown>, at: Array<string | number>, c: { name: string }, i: number, kind: 'match' | 'nomatch'): void {
    {
      const v = validateApplicant(caseApplicant({ spec }, { name: c.name, applicant }, i));
      for (const e of [...v.errors, ...v.warnings]) {
        const keys = ['cases', kind, i, ...at, ...pointerToKeys(e.path ?? '')];
        const d = diagnosticAt(src, keys, 'rule-case-invalid', `case '${c.name}': ${e.message}`, {
          ruleId: spec.id,
          severity: 'warning',
          hint: e.hint ?? 'fix the case applicant so it is a valid applicant record (`dprk-check schema` prints the model)',
        });
        if (e.code === 'applicant-unknown-field') Object.assign(d, keyPositionOf(src, keys));
        out.push(d);
      }
    }
  }
}

/** Checks across the loaded set: a replacement must name a rule that exists. */
export function lintRuleSet(rules: CompiledRule[], sources: Map<string, YamlSource>): Diagnostic[] {
  const ids = rules.map((r) => r.spec.id);
  const out: Diagnostic[] = [];
  for (const r of rules) {
    const target = r.spec.replacedBy;
    if (!target || ids.includes(target)) continue;
    const src = sources.get(r.spec.id);
    if (!src) continue;
    const guess = didYouMean(target, ids);
    out.push(
      diagnosticAt(src, ['replacedBy'], 'rule-replacement', `replacedBy names '${target}', which is not a loaded rule`, {
        ruleId: r.spec.id,
        severity: 'warning',
        hint: guess ?? 'name the id of an existing rule (dprk-check rules list)',
      }),
    );
  }
  return out;
}
