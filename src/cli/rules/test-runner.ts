import { Chalk } from 'chalk';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { printDiagnostics } from '../print-diagnostics.js';
import type { CompiledRule } from '../../model/rule.js';
import { runCases, type CaseResult } from './run-cases.js';
import { withHint } from './hints.js';
import { loadPacks, type PackRequest } from './load-packs.js';
import { plural } from '../../util/plural.js';

export interface TestOptions extends PackRequest {
  format: 'text' | 'json';
}

interface RuleOutcome {
  id: string;
  source: string;
  file: string;
  cases: CaseResult[];
  /** Kinds of case the rule lacks: a rule that cannot fail its tests is counted as failing. */
  missing: Array<'match' | 'nomatch'>;
}

const passed = (o: RuleOutcome) => o.missing.length === 0 && o.cases.every((c) => c.passed);

/** `all`: every loaded rule, which a pattern rule's cases run before the pattern. */
export function testRules(rules: CompiledRule[], all: CompiledRule[] = rules): RuleOutcome[] {
  return rules.map((rule) => ({
    id: rule.spec.id,
    source: `${rule.source.file}:${rule.source.line}`,
    file: rule.source.file,
    cases: runCases(rule, undefined, all),
    missing: (['match', 'nomatch'] as const).filter((k) => rule.spec.cases[k].length === 0),
  }));
}

/**
 * `rules test`: every rule's embedded cases, like a test runner. Counts are of cases (a missing
 * kind of case counts as one failure); the last line is always `N passed, N failed`.
 * Exit 0 all pass, 1 any failure, 2 the packs could not be loaded or hold no rules.
 */
export function runRuleTests(opts: TestOptions, io: CliIO): number {
  const packs = loadPacks(opts, io);
  const color = useColor(undefined, io.env, io.stderr.isTTY);
  const blocking = [...packs.configDiagnostics, ...packs.load.errors].filter((d) => d.severity === 'error');
  if (blocking.length) {
    printDiagnostics(io, blocking.map(withHint), color);
    io.stderr.write(`dprk-check: the rule packs could not be loaded (${plural(blocking.length, 'error')}); no case was run. \`dprk-check rules validate\` shows every problem.\n`);
    return EXIT.ERROR;
  }
  const rules = packs.load.ruleSet.rules.filter((r) => packs.isTarget(r.source.file));
  if (rules.length === 0) {
    io.stderr.write('dprk-check: no rules found to test.\n');
    return EXIT.ERROR;
  }
  const outcomes = testRules(rules, packs.load.ruleSet.rules);
  const casesPassed = outcomes.reduce((n, o) => n + o.cases.filter((c) => c.passed).length, 0);
  const casesFailed = outcomes.reduce((n, o) => n + o.cases.filter((c) => !c.passed).length + o.missing.length, 0);
  const code = casesFailed ? EXIT.FLAGGED : EXIT.OK;
  if (opts.format === 'json') {
    const rulesOut = outcomes.map((o) => ({ id: o.id, source: o.source, passed: passed(o), missing: o.missing, cases: o.cases.map(({ evidence: _, ...c }) => c) }));
    io.stdout.write(`${JSON.stringify({ passed: casesPassed, failed: casesFailed, rules: rulesOut }, null, 2)}\n`);
    return code;
  }
  const c = new Chalk({ level: useColor(undefined, io.env, io.stdout.isTTY) ? 1 : 0 });
  for (const o of outcomes) {
    const n = o.cases.length;
    if (passed(o)) {
      io.stdout.write(`${c.green('PASS')} ${o.id} ${c.dim(`(${plural(n, 'case')})`)}\n`);
      continue;
    }
    io.stdout.write(`${c.red('FAIL')} ${o.id} ${c.dim(o.source)}\n`);
    for (const r of o.cases.filter((x) => !x.passed)) io.stdout.write(`${failureText(r, c, o.file)}\n`);
    for (const k of o.missing) io.stdout.write(`  ${c.red('✗')} no ${k === 'match' ? 'must-match' : 'must-not-match'} case: add cases.${k} with at least one applicant\n`);
  }
  const failedRules = outcomes.filter((o) => !passed(o)).length;
  io.stdout.write(`\n${plural(outcomes.length, 'rule')}: ${outcomes.length - failedRules} passing, ${failedRules} failing\n`);
  io.stdout.write(`${casesPassed} passed, ${casesFailed} failed\n`);
  return code;
}

/** One failing case: expected vs got, with the evidence that made an unexpected match. */
function failureText(r: CaseResult, c: InstanceType<typeof Chalk>, file: string): string {
  const lines = [`  ${c.red('✗')} ${r.kind} › ${r.name}${r.line ? ` ${c.dim(`${file}:${r.line}`)}` : ''}`];
  if (r.problem?.startsWith('case applicant is invalid') || r.problem?.startsWith('matched, but not as expected')) {
    lines.push(`      ${r.problem}`);
    return lines.join('\n');
  }
  if (r.kind === 'match') {
    lines.push(`      expected: a match`);
    lines.push(`      got:      no match${r.noData ? ` (${r.problem!.replace(/^expected the rule to match, but /, '')})` : ''}`);
  } else {
    lines.push(`      expected: no match`);
    lines.push(`      got:      a match on`);
    for (const e of (r.evidence ?? []).slice(0, 8)) lines.push(`                ${e.path} = ${JSON.stringify(e.value)}${e.note ? ` (${e.note})` : ''}`);
    if ((r.evidence ?? []).length === 0) lines.push('                (no evidence: the condition holds through not / exists: false)');
  }
  return lines.join('\n');
}
