import type { Facts } from '../model/applicant.js';
import type { CompiledException, Suppression } from '../model/exception.js';
import type { ExplainedFinding, Finding } from '../model/finding.js';
import type { CompiledRule } from '../model/rule.js';
import { applyExceptions } from './exceptions.js';
import { applyExplanations } from './explain.js';
import { applyPatterns } from './patterns.js';

export interface Settled {
  findings: Finding[];
  suppressed: Suppression[];
  explained: ExplainedFinding[];
}

/**
 * From the ordinary rules' findings to the scored ones: exceptions, then declarations, then the
 * patterns over what is left (a suppressed or explained finding never completes a pattern), then
 * exceptions and declarations on the patterns' own findings.
 */
export function settleFindings(facts: Facts, raw: Finding[], rules: CompiledRule[], exceptions: CompiledException[]): Settled {
  const ex = applyExceptions(facts, raw, exceptions);
  const decl = applyExplanations(facts, ex.findings, rules);
  const patterns = applyPatterns(decl.findings, rules);
  if (patterns.length === 0) return { findings: decl.findings, suppressed: ex.suppressed, explained: decl.explained };
  const pex = applyExceptions(facts, patterns, exceptions);
  const pdecl = applyExplanations(facts, pex.findings, rules);
  return {
    findings: [...decl.findings, ...pdecl.findings],
    suppressed: [...ex.suppressed, ...pex.suppressed],
    explained: [...decl.explained, ...pdecl.explained],
  };
}
