import type { Report } from '../model/report.js';
import type { Severity } from '../model/levels.js';
import type { RuleInfo } from './format.js';
import { referenceText } from './evidence.js';
import { oneLine, plainText } from './plain-text.js';
import { lookupTable } from '../util/lookup-table.js';

/** GitHub code scanning reads `security-severity` (0–10) to rank alerts as critical/high/medium/low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = lookupTable({ critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined });

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** Only absolute http(s) URLs: helpUri must be a URI, and a bare title is not one. */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Rules to describe: those that ran (when known) plus any that fired, sorted by id so indices are stable. */
export function collectRules(report: Report, known: RuleInfo[] | undefined): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const r of known ?? []) byId.set(r.id, r);
  for (const a of report.applicants) {
    for (const f of a.findings) {
      if (byId.has(f.ruleId)) continue;
      byId.set(f.ruleId, {
        id: f.ruleId,
        title: f.title,
        family: f.family,
        severity: f.severity,
        references: f.references,
        falsepositives: f.falsepositives,
        next: f.next,
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function helpText(r: RuleInfo): string {
  const parts = [`What to verify: ${r.next}`];
  if (r.falsepositives.length) parts.push(`Benign explanations: ${r.falsepositives.join('; ')}`);
  if (r.references.length) parts.push(`Sources:\n${r.references.map((x) => `- ${referenceText(x)}`).join('\n')}`);
  parts.push('A signal for a person to verify, never a verdict.');
  return parts.join('\n\n');
}

function helpMarkdown(r: RuleInfo): string {
  const esc = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');
  const parts = [`**What to verify:** ${esc(r.next)}`];
  if (r.falsepositives.length) parts.push(`**Benign explanations:**\n${r.falsepositives.map((f) => `- ${esc(f)}`).join('\n')}`);
  if (r.references.length) {
    const refs = r.references.map((x) => {
      const url = httpUrl(x.url);
      const title = esc([x.title, x.date].filter(Boolean).join(', '));
      return url ? `- [${title}](${url})` : `- ${title}`;
    });
    parts.push(`**Sources:**\n${refs.join('\n')}`);
  }
  parts.push('_A signal for a person to verify, never a verdict._');
  return parts.join('\n\n');
}

export function ruleDescriptor(r: RuleInfo, maxTags: number) {
  const tags = [...new Set(['security', 'dprk-it-worker', r.family, ...(r.tags ?? [])])].slice(0, maxTags);
  const helpUri = httpUrl(r.references.find((x) => httpUrl(x.url))?.url);
  const securitySeverity = SECURITY_SEVERITY[r.severity];
  return {
    id: r.id,
    shortDescription: { text: oneLine(r.title) },
    fullDescription: { text: plainText(r.description ?? r.title) },
    help: { text: plainText(helpText(r)), markdown: plainText(helpMarkdown(r)) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: {
      tags,
      precision: 'medium',
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      family: r.family,
      severity: r.severity,
    },
  };
}
