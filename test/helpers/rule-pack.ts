import { stringify } from 'yaml';
import { loadRuleSet, type RuleSet } from '../../src/ruleset/load.js';
import { DiagnosticsError, type Diagnostic } from '../../src/model/diagnostic.js';
import { validateApplicant } from '../../src/validate/validate-applicant.js';
import { enrich } from '../../src/enrich/index.js';
import type { EnrichContext } from '../../src/enrich/enricher.js';
import type { EvidenceItem } from '../../src/model/rule.js';
import { writeTree } from './temp-tree.js';

/** Small rule packs written to temp dirs, so engine tests never depend on the built-in rules. */
// The temp-tree helpers moved to temp-tree.ts (which cleans up by itself); re-exported for callers.
export { cleanupTempDirs, tempDir, writeTree } from './temp-tree.js';

export interface RuleOptions {
  id?: string;
  family?: string;
  severity?: string;
  status?: string;
  title?: string;
  format?: number;
  message?: string;
  requires?: string[];
  /** The match condition as data, or as literal YAML text (indented by the caller under `match:`). */
  match: unknown;
  extra?: Record<string, unknown>;
}

const PLACEHOLDER_CASES = {
  match: [{ name: 'placeholder match', applicant: { id: 'x' } }],
  nomatch: [{ name: 'placeholder nomatch', applicant: { id: 'y' } }],
};

/** A complete, schema-valid rule file. `match` given as a string is inserted verbatim after `match:`. */
export function ruleYaml(o: RuleOptions): string {
  const id = o.id ?? 'identity.test-rule';
  const head: Record<string, unknown> = {
    title: o.title ?? 'A rule written by a test',
    id,
    ...(o.format !== undefined ? { format: o.format } : {}),
    family: o.family ?? id.slice(0, id.indexOf('.')),
    severity: o.severity ?? 'medium',
    status: o.status ?? 'stable',
    description: 'A rule written by the test suite to exercise the engine.',
    references: [{ title: 'Test reference', url: 'https://example.org/ref', date: '2026-01-01' }],
    falsepositives: ['None: this is a test rule'],
    next: 'Nothing to verify: this is a test rule.',
    ...(o.message ? { message: o.message } : {}),
    ...(o.requires ? { requires: o.requires } : {}),
    ...(o.extra ?? {}),
  };
  const matchText = typeof o.match === 'string' ? `match:\n${o.match.replace(/\n?$/, '\n')}` : stringify({ match: o.match });
  return `${stringify(head)}${matchText}${stringify({ cases: PLACEHOLDER_CASES })}`;
}

/** File name for a rule id: family/slug.yaml, as the loader requires. */
export function ruleFile(id: string): string {
  return `${id.slice(0, id.indexOf('.'))}/${id.slice(id.indexOf('.') + 1)}.yaml`;
}

export function listYaml(id: string, kind: string, entries: unknown[]): string {
  return stringify({ list: id, kind, title: `Test list ${id}`, references: [{ title: 'Test reference' }], entries });
}

export function loadPack(files: Record<string, string>): { dir: string; ruleSet: RuleSet } {
  const dir = writeTree(files);
  return { dir, ruleSet: loadRuleSet({ paths: [dir], cwd: dir }) };
}

/** Load a pack that must fail; returns its diagnostics (file paths relative to the pack dir). */
export function loadErrors(files: Record<string, string>): Diagnostic[] {
  const dir = writeTree(files);
  try {
    loadRuleSet({ paths: [dir], cwd: dir });
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected the rule pack to fail to load, but it loaded');
}

/** 1-based line of the first line containing `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`'${needle}' not in text`);
  return text.slice(0, idx).split('\n').length;
}

/** 1-based column of `needle` on its line (plus `offset`). */
export function columnOf(text: string, needle: string, offset = 0): number {
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`'${needle}' not in text`);
  return idx - text.lastIndexOf('\n', idx - 1) + offset;
}

export type Matcher = (applicant: Record<string, unknown>, ctx?: EnrichContext) => EvidenceItem[] | null;

/**
 * Compile one condition (with optional named lists) through the real loader and return a function
 * that runs it on an applicant: validate (must pass, so a test cannot silently feed bad data) →
 * enrich → hasData → evaluate. null means "no finding".
 */
export function matcher(match: unknown, lists: Record<string, { kind: string; entries: unknown[] }> = {}, extra: Partial<RuleOptions> = {}): Matcher {
  const files: Record<string, string> = { [ruleFile('identity.test-rule')]: ruleYaml({ ...extra, match }) };
  for (const [id, l] of Object.entries(lists)) files[`lists/${id}.yaml`] = listYaml(id, l.kind, l.entries);
  const { ruleSet } = loadPack(files);
  const rule = ruleSet.rules[0]!;
  return (applicant, ctx) => {
    const v = validateApplicant({ id: 'cand-1', name: { full: 'Jordan Miller' }, ...applicant });
    if (!v.applicant) throw new Error(`test applicant is invalid: ${v.errors.map((e) => e.message).join('; ')}`);
    const facts = enrich(v.applicant, ctx);
    return rule.hasData(facts) ? rule.evaluate(facts) : null;
  };
}
