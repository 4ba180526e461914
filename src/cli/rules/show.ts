import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import type { Finding } from '../../model/finding.js';
import type { Severity } from '../../model/levels.js';
import type { CompiledRule, LinkSpec, PatternExpr } from '../../model/rule.js';
import { didYouMean } from '../../ruleset/suggest-id.js';
import { score, SEVERITY_WEIGHT } from '../../score/score.js';
import { describeCondition } from './describe-condition.js';
import { blockingProblems, ruleRows } from './list.js';
import { loadPacks, type PackRequest } from './load-packs.js';

export interface ShowOptions extends Omit<PackRequest, 'targets'> {
  format: 'text' | 'json';
}

/** What one finding of this severity does to the score on its own, in words. */
export function severityWeight(severity: Severity, family: Finding['family']): string {
  const weight = SEVERITY_WEIGHT[severity];
  if (weight === 0) return `${severity}: weight 0 in the score; shown to reviewers, never raises the score`;
  const alone = score([{ ruleId: 'x', family, severity, title: '', evidence: [], references: [], falsepositives: [], next: '' }]);
  return `${severity}: weight ${weight} in the score; on its own a finding of this rule scores ${alone.score}/100 (${alone.level})`;
}

/** A linkage rule in words: what it groups on, and the severity by distinct people. */
export function describeLink(l: LinkSpec, severity: Severity): string {
  const ladder = (l.severityByPeople ?? []).map((s) => `, ${s.severity} from ${s.atLeast} people`).join('');
  const allow = l.allowShared?.length ? `; --allow-shared entries of kind ${l.allowShared.join(', ')} keep a value out` : '';
  return `two or more different people in the batch share one value of ${l.key} (severity ${severity}${ladder})${allow}`;
}

/** A pattern in words: "all of (A, any of (B, C))". */
export function describePattern(p: PatternExpr): string {
  if (typeof p === 'string') return p;
  if ('all' in p) return `all of (${p.all.map(describePattern).join(', ')})`;
  if ('any' in p) return `any of (${p.any.map(describePattern).join(', ')})`;
  return `at least ${p.atLeast} of (${p.of.map(describePattern).join(', ')})`;
}

function wrap(text: string, indent: string, width = 100): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && indent.length + cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

export function runShow(id: string, opts: ShowOptions, io: CliIO): number {
  const packs = loadPacks({ ...opts, targets: [] }, io);
  if (blockingProblems(packs, io)) return EXIT.ERROR;
  const rules = packs.load.ruleSet.rules;
  const rule = rules.find((r) => r.spec.id === id);
  if (!rule) {
    const guess = didYouMean(id, rules.map((r) => r.spec.id));
    io.stderr.write(`dprk-check: no rule '${id}'${guess ? `; ${guess}` : ''} (\`dprk-check rules list\` shows the ids)\n`);
    return EXIT.ERROR;
  }
  const row = ruleRows(packs).find((r) => r.id === id)!;
  const exceptions = packs.tuned.exceptions.filter((e) => e.ruleIds.has(id));
  const condition = rule.spec.pattern !== undefined ? describePattern(rule.spec.pattern) : rule.spec.link ? describeLink(rule.spec.link, row.severity) : describeCondition(rule.spec.match!);
  if (opts.format === 'json') {
    const { cases, match, ...meta } = rule.spec;
    io.stdout.write(`${JSON.stringify({ ...meta, ...row, source: row.source, condition, match, fields: rule.fieldsRead, weight: SEVERITY_WEIGHT[row.severity], exceptions: exceptions.map((e) => e.id), cases }, null, 2)}\n`);
    return EXIT.OK;
  }
  io.stdout.write(showText(rule, row, condition, exceptions.map((e) => `${e.id} (${e.source.file}:${e.source.line}): ${e.reason}`)));
  return EXIT.OK;
}

function showText(rule: CompiledRule, row: ReturnType<typeof ruleRows>[number], condition: string, exceptions: string[]): string {
  const s = rule.spec;
  const out: string[] = [`${s.id} — ${s.title}`, `  file:       ${row.source}`, `  family:     ${s.family}`, `  status:     ${s.status}${s.replacedBy ? ` (replaced by ${s.replacedBy})` : ''}`];
  out.push(`  severity:   ${severityWeight(row.severity, s.family)}`);
  if (row.fileSeverity) out.push(`              (the rule file says ${row.fileSeverity}; the configuration sets ${row.severity})`);
  if (row.disabledBy) out.push(`  disabled:   by the configuration (${row.disabledBy}): it does not run`);
  out.push('', 'Description', wrap(s.description, '  '), '', 'Matches when', wrap(condition, '  '));
  out.push('', 'Fields used', wrap(rule.fieldsRead.join(', ') || (s.pattern !== undefined ? '(none: a pattern over the findings of the rules it names)' : s.link ? '(none of one record: links across the batch)' : '(none)'), '  '));
  if (s.escalate) out.push(`  escalated by ${s.escalate.by ?? 1} severity step(s) when ${s.escalate.distinct} or more distinct values match`);
  if (s.explainedBy?.length) out.push('', 'Explained (not scored) when', ...s.explainedBy.map((e) => wrap(`- ${e.because}: ${describeCondition(e.when)}`, '  ')));
  if (rule.requires.length) out.push(`  evaluated only when all of these hold data: ${rule.requires.join(', ')}`);
  out.push('', 'References');
  out.push(...(s.references.length ? s.references.map((r) => `  - ${[r.title, r.date, r.url].filter(Boolean).join(' — ')}`) : ['  (none)']));
  out.push('', 'False positives');
  out.push(...(s.falsepositives.length ? s.falsepositives.map((f) => wrap(f, '    ').replace(/^ {4}/, '  - ')) : ['  (none)']));
  out.push('', 'Next step', wrap(s.next, '  '));
  if (exceptions.length) out.push('', 'Exceptions that can suppress it', ...exceptions.map((e) => `  - ${e}`));
  out.push('', `Cases (${s.cases.match.length} must match, ${s.cases.nomatch.length} must not match)`);
  for (const kind of ['match', 'nomatch'] as const) {
    for (const c of s.cases[kind]) {
      out.push(`  ${kind.padEnd(8)} ${c.name}`);
      out.push(`           ${JSON.stringify(c.applicant)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
