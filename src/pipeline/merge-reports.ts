import type { ApplicantResult, Link, LinkKeys, Report, RunError, SkippedInput } from '../model/report.js';
import { placed, type SourceLocation } from '../model/source-location.js';
import type { FailOn } from '../model/levels.js';
import { buildReport } from '../report/build.js';
import { score } from '../score/score.js';
import { Correlator } from '../correlate/correlator.js';
import { applyLinks } from '../correlate/apply-links.js';
import { addLinkKeys, personOf } from '../correlate/parse-link-keys.js';

export interface MergeOptions {
  failOn?: FailOn;
  generatedAt: string;
}

export interface MergeResult {
  report: Report;
  /** What a person should know about the merge (missing shards, shard-local links…). */
  notes: string[];
  recomputed: boolean;
}

/**
 * Combine reports (from --shard jobs, or any runs) into one. When every report carries link keys
 * (written with --shard or --link-keys), links are recomputed over all applicants: the shards'
 * own linkage findings are dropped and everyone is re-scored. Otherwise each report's links are
 * kept as they are and marked `scope: shard-local`, since links between reports cannot be seen.
 */
export function mergeReports(reports: Array<{ file: string; report: Report }>, options: MergeOptions): MergeResult {
  const notes: string[] = [];
  const first = reports[0]!.report;
  const applicants: ApplicantResult[] = [];
  const errors: RunError[] = [];
  const skipped = new Map<string, SkippedInput>();
  const seen = new Set<string>();
  const recompute = reports.every((r) => r.report.linkKeys);
  if (!recompute) {
    const without = reports.filter((r) => !r.report.linkKeys).map((r) => r.file);
    notes.push(`${without.join(', ')} carr${without.length === 1 ? 'ies' : 'y'} no link keys (write shard reports with --shard or --link-keys): links are kept per report and marked shard-local`);
  }
  const keysBySource = new Map<string, LinkKeys>();
  for (const { file, report } of reports) {
    if (report.tool.rulesVersion !== first.tool.rulesVersion) notes.push(`${file} was made with rules ${report.tool.rulesVersion}, ${reports[0]!.file} with ${first.tool.rulesVersion}`);
    for (const k of report.linkKeys ?? []) keysBySource.set(`${k.source}\u0000${k.id}`, k);
    for (const a of report.applicants) {
      const key = `${a.source}\u0000${a.id}`;
      if (seen.has(key)) {
        notes.push(`${a.source} (${a.id}) appears in more than one report; kept once`);
        continue;
      }
      seen.add(key);
      applicants.push(a);
    }
    for (const e of report.errors) {
      const key = `${e.source}\u0000error`;
      if (!seen.has(key)) errors.push(e);
      seen.add(key);
    }
    for (const s of report.skipped ?? []) skipped.set(s.path, s);
  }
  // Shards interleave records; put them back in one deterministic order: path, then position.
  applicants.sort((a, b) => byLocation(a.location, b.location));
  errors.sort((a, b) => byLocation(a.location, b.location));
  errors.push(...missingShards(reports.map((r) => r.report)));
  let links: Link[];
  if (recompute) links = relink(applicants, keysBySource);
  else links = reports.flatMap(({ report }) => report.links.map((l) => ({ ...l, scope: 'shard-local' as const })));
  const report: Report = {
    ...buildReport(applicants, errors, links, {
      version: first.tool.version,
      rulesVersion: first.tool.rulesVersion,
      rulesCount: 0,
      failOn: options.failOn ?? first.failOn,
      generatedAt: options.generatedAt,
    }),
    ...(skipped.size ? { skipped: [...skipped.values()] } : {}),
    ...(reports.some((r) => r.report.interrupted) ? { interrupted: true } : {}),
    ...(recompute ? { linkKeys: applicants.map((a) => keysBySource.get(`${a.source}\u0000${a.id}`)).filter((k): k is LinkKeys => !!k) } : {}),
  };
  return { report, notes, recomputed: recompute };
}

/** Drop every shard's own linkage findings, re-score, and link across all applicants. */
function relink(applicants: ApplicantResult[], keys: Map<string, LinkKeys>): Link[] {
  const correlator = new Correlator();
  const persons: number[] = [];
  applicants.forEach((a, ordinal) => {
    if (a.findings.some((f) => f.family === 'linkage')) {
      a.findings = a.findings.filter((f) => f.family !== 'linkage');
      const s = score(a.findings);
      a.score = s.score;
      a.level = s.level;
      a.contributions = s.contributions;
    }
    a.warnings = a.warnings.filter((w) => !/also appears at .* never merged/.test(w.message));
    const k = keys.get(`${a.source}\u0000${a.id}`);
    persons.push(personOf(k));
    addLinkKeys(correlator, ordinal, a, k);
  });
  return applyLinks(correlator.finish(), (ordinal) => {
    const result = applicants[ordinal];
    return result ? { result, person: persons[ordinal]! } : undefined;
  });
}

/** Shard reports say which shard of how many they are; a missing one means records were never checked. */
function missingShards(reports: Report[]): RunError[] {
  const sharded = reports.filter((r) => r.shard);
  if (sharded.length === 0) return [];
  const count = sharded[0]!.shard!.count;
  const present = new Set(sharded.map((r) => r.shard!.index));
  const out: RunError[] = [];
  for (let i = 1; i <= count; i++) {
    if (present.has(i)) continue;
    const message = `no report for shard ${i}/${count}: its records were not checked`;
    out.push({ ...placed({ file: `shard ${i}/${count}` }), message, diagnostics: [{ code: 'report-invalid', severity: 'error', message }] });
  }
  if (sharded.some((r) => r.shard!.count !== count)) {
    const message = `the reports come from different shard splits (${[...new Set(sharded.map((r) => `/${r.shard!.count}`))].join(', ')})`;
    out.push({ ...placed({ file: 'shards' }), message, diagnostics: [{ code: 'report-invalid', severity: 'error', message }] });
  }
  return out;
}

/** `file#12` / `file[3]` / `file`: by file (code units), then by line or index (a whole file first). */
export function byLocation(a: SourceLocation, b: SourceLocation): number {
  const [na, nb] = [a.line ?? a.index ?? -1, b.line ?? b.index ?? -1];
  return a.file < b.file ? -1 : a.file > b.file ? 1 : na - nb;
}
