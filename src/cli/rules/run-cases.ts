import type { CompiledRule, RuleCase } from '../../model/rule.js';
import { joinMessage } from '../../runtime/message-template.js';
import { blankResult } from '../../report/blank-result.js';
import { enrich } from '../../enrich/index.js';
import type { EnrichContext } from '../../enrich/enricher.js';
import { builtinIpResolver } from '../../intel/ip-resolver.js';
import { validateApplicant } from '../../validate/validate-applicant.js';
import type { EvidenceItem } from '../../model/rule.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { Correlator } from '../../correlate/correlator.js';
import { applyLinks } from '../../correlate/apply-links.js';
import { linkKindsFrom } from '../../correlate/link-kinds.js';
import type { ApplicantResult } from '../../model/report.js';
import { settleFindings } from '../../evaluate/settle.js';
import { caseApplicant } from '../../ruleset/case-applicant.js';

export interface CaseResult {
  ruleId: string;
  kind: 'match' | 'nomatch';
  name: string;
  /** Line of the case in the rule file, when known. */
  line?: number;
  passed: boolean;
  /** Why it failed, in words: invalid case, or what matched vs what was expected. */
  problem?: string;
  evidence?: EvidenceItem[];
  /** The case holds none of the data the rule reads, so the rule was not evaluated at all. */
  noData?: boolean;
}

/**
 * Run one rule's embedded cases, like ESLint's RuleTester runs valid/invalid lists. Cases see the
 * bundled IP data (opened only if a case has a public IP), as a check run would.
 */
export function runCases(rule: CompiledRule, ctx: EnrichContext = { ip: builtinIpResolver() }, all: CompiledRule[] = [rule]): CaseResult[] {
  const out: CaseResult[] = [];
  const kinds: Array<['match' | 'nomatch', RuleCase[]]> = [
    ['match', rule.spec.cases.match],
    ['nomatch', rule.spec.cases.nomatch],
  ];
  for (const [kind, cases] of kinds) {
    cases.forEach((c, i) => {
      const line = rule.caseLine?.(kind, i);
      const base = { ruleId: rule.spec.id, kind, name: c.name, ...(line ? { line } : {}) };
      if (rule.link) {
        out.push({ ...base, ...runLinkCase(rule, c, i, ctx, all, kind) });
        return;
      }
      const v = validateApplicant(caseApplicant(rule, c, i));
      if (!v.applicant) {
        out.push({ ...base, passed: false, problem: `case applicant is invalid: ${v.errors.map((e) => e.message).join('; ')}` });
        return;
      }
      const facts = enrich(v.applicant, ctx);
      const hasData = rule.hasData(facts);
      let evidence = hasData && !rule.pattern ? rule.evaluate(facts) : null;
      let explained: string | undefined;
      if (rule.pattern) {
        // A pattern's case runs every loaded rule, then the patterns over their findings.
        const settled = settleFindings(facts, evaluate(facts, all).findings, all, []);
        evidence = settled.findings.find((f) => f.ruleId === rule.spec.id)?.evidence ?? null;
      } else if (evidence && rule.explainedBy) {
        // A declaration that explains the finding makes the case a non-match (the finding is not scored).
        explained = rule.explainedBy.find((e) => e.holds(facts))?.because;
        if (explained) evidence = null;
      }
      const matched = evidence !== null;
      const passed = matched === (kind === 'match');
      const wrongReason = passed && evidence && c.expect ? unmet(c.expect, evidence, rule.render(facts, evidence)) : undefined;
      out.push({
        ...base,
        passed: passed && !wrongReason,
        evidence: evidence ?? undefined,
        ...(hasData ? {} : { noData: true }),
        problem: wrongReason
          ? `matched, but not as expected: ${wrongReason}`
          : passed
          ? undefined
          : kind === 'match'
            ? hasData
              ? explained
                ? `expected the rule to match, but a declaration explains it: ${explained}`
                : rule.pattern
                  ? `expected the pattern to fire, but it did not (it combines ${rule.pattern.ruleIds.join(', ')})`
                  : 'expected the rule to match, but it did not'
              : `expected the rule to match, but the case holds no data for what it reads (${(rule.requires.length ? rule.requires : rule.fields).join(', ')})`
            : `expected no match, but it matched: ${(evidence ?? []).map((e) => `${e.path} = ${JSON.stringify(e.value)}${e.note ? ` (${e.note})` : ''}`).join('; ') || '(no evidence)'}`,
      });
    });
  }
  return out;
}

/**
 * A linkage rule's case is a small batch: its applicants are checked and linked as `check` would,
 * with the loaded linkage rules; the case matches when any of them gets this rule's finding.
 */
function runLinkCase(rule: CompiledRule, c: RuleCase, index: number, ctx: EnrichContext, all: CompiledRule[], kind: 'match' | 'nomatch'): Omit<CaseResult, 'ruleId' | 'kind' | 'name'> {
  const applicants = c.applicants ?? [];
  const kinds = linkKindsFrom(all.includes(rule) ? all : [...all, rule]);
  const correlator = new Correlator({ kinds });
  const results: ApplicantResult[] = [];
  for (const [j, raw] of applicants.entries()) {
    const v = validateApplicant(caseApplicant(rule, { name: c.name, applicant: raw }, index * 100 + j));
    if (!v.applicant) return { passed: false, problem: `case applicant ${j + 1} is invalid: ${v.errors.map((e) => e.message).join('; ')}` };
    const facts = enrich(v.applicant, ctx);
    correlator.add(j, facts, `case#${j + 1}`);
    results.push(blankResult(facts.id, { file: 'case', line: j + 1 }, facts.name.full));
  }
  applyLinks(correlator.finish(), (o) => (results[o] ? { result: results[o]!, person: correlator.meta(o)!.person } : undefined), { kinds });
  const evidence = results.flatMap((r) => r.findings.filter((f) => f.ruleId === rule.spec.id).flatMap((f) => f.evidence));
  const matched = results.some((r) => r.findings.some((f) => f.ruleId === rule.spec.id));
  const passed = matched === (kind === 'match');
  return {
    passed,
    ...(matched ? { evidence } : {}),
    problem: passed ? undefined : kind === 'match' ? 'expected the applicants to link, but they did not' : `expected no link, but they linked: ${evidence.map((e) => `${e.path} (${e.note ?? ''})`).join('; ')}`,
  };
}
/** What a matching case's `expect:` asked for and the finding does not show, or undefined. */
function unmet(expect: NonNullable<RuleCase['expect']>, evidence: EvidenceItem[], parts: ReturnType<CompiledRule['render']>): string | undefined {
  const problems: string[] = [];
  const paths = new Set(evidence.map((e) => e.path));
  const missing = (expect.evidence ?? []).filter((p) => !paths.has(p));
  if (missing.length) problems.push(`no evidence at ${missing.join(', ')} (evidence: ${[...paths].join(', ') || 'none'})`);
  if (expect.message !== undefined) {
    const message = parts ? joinMessage(parts) : undefined;
    if (message === undefined) problems.push(`expect.message is set but the rule has no message`);
    else if (!message.includes(expect.message)) problems.push(`message does not contain ${JSON.stringify(expect.message)} (message: ${JSON.stringify(message)})`);
  }
  return problems.length ? problems.join('; ') : undefined;
}
