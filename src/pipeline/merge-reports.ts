import type { ApplicantList, ApplicantResult, LinkKeys, LinkList, Report, RunError, SkippedInput } from '../model/report.js';
import { SpilledList } from '../util/spilled-list.js';
import { placed, type SourceLocation } from '../model/source-location.js';
import type { FailOn } from '../model/levels.js';
import { buildReport } from '../report/build.js';
import { score } from '../score/score.js';
import { Correlator, type LinkResult } from '../correlate/correlator.js';
import { builtinLinkKinds } from '../correlate/link-kinds.js';
import { ResultStore } from './result-store.js';
import { linkSpilled } from './link-spilled.js';
import { applyLinks } from '../correlate/apply-links.js';
import { addLinkKeys } from '../correlate/parse-link-keys.js';

export interface MergeOptions {
  failOn?: FailOn;
  generatedAt: string;
}

export interface MergeResult {
  report: Report;
  /** What a person should know about the merge (missing shards, shard-local links…). */
  notes: string[];
  recomputed: boolean;
  /** Frees the merged results' spill file once the report is written. */
  release: () => void;
}

/** A report to merge; `inSourceOrder` when known (its applicants' sources never go down), else it is checked. */
export interface MergeInput {
  file: string;
  report: Report;
  inSourceOrder?: boolean;
}

/**
 * Combine reports (from --shard jobs, or any runs) into one. When every report carries link keys
 * (written with --shard or --link-keys), links are recomputed over all applicants: the shards'
 * own linkage findings are dropped and everyone is re-scored. Otherwise each report's links are
 * kept as they are and marked `scope: shard-local`, since links between reports cannot be seen.
 *
 * The merged applicants go into a result store (spilled past a few thousand, result-store.ts).
 * Shard reports are each in input order, which is source order for files read in sorted order:
 * then they are merged k ways, one applicant of each report in hand at a time; otherwise every
 * applicant is read and sorted in memory.
 */
export function mergeReports(reports: MergeInput[], options: MergeOptions): MergeResult {
  const notes: string[] = [];
  const first = reports[0]!.report;
  const errors: RunError[] = [];
  const skipped = new Map<string, SkippedInput>();
  const seenErrors = new Set<string>();
  const recompute = reports.every((r) => r.report.linkKeys);
  if (!recompute) {
    const without = reports.filter((r) => !r.report.linkKeys).map((r) => r.file);
    notes.push(
      `${without.join(', ')} carr${without.length === 1 ? 'ies' : 'y'} no link keys (write shard reports with --shard or --link-keys): links are kept per report and marked shard-local`,
    );
  }
  for (const { file, report } of reports) {
    if (report.tool.rulesVersion !== first.tool.rulesVersion)
      notes.push(`${file} was made with rules ${report.tool.rulesVersion}, ${reports[0]!.file} with ${first.tool.rulesVersion}`);
    for (const e of report.errors) {
      const key = `${e.source}\u0000error`;
      if (!seenErrors.has(key)) errors.push(e);
      seenErrors.add(key);
    }
    for (const s of report.skipped ?? []) skipped.set(s.path, s);
  }
  const applicants = new ResultStore();
  const correlator = recompute ? new Correlator() : undefined;
  const cursors = reports.map((r) => new KeyCursor(r.report.linkKeys ?? []));
  // The merged report's link keys, in its order (a merged report can be merged again).
  const mergedKeys = new SpilledList<LinkKeys>('link-keys');
  for (const { a, from, duplicate } of inSourceOrder(reports, notes)) {
    const k = correlator ? cursors[from]!.keyOf(a) : undefined;
    if (duplicate) continue;
    const ordinal = applicants.length;
    if (correlator) {
      dropLinkage(a);
      addLinkKeys(correlator, ordinal, a, k);
      if (k) mergedKeys.push(k);
    }
    applicants.append(a);
  }
  errors.sort((a, b) => byLocation(a.location, b.location));
  errors.push(...missingShards(reports.map((r) => r.report)));
  let links: LinkList;
  if (correlator) links = relink(correlator.finish(), applicants, correlator);
  else links = reports.flatMap(({ report }) => Array.from(report.links, (l) => ({ ...l, scope: 'shard-local' as const })));
  const list = applicants.list();
  const report: Report = {
    ...buildReport(list, errors, links, {
      version: first.tool.version,
      rulesVersion: first.tool.rulesVersion,
      rulesCount: 0,
      failOn: options.failOn ?? first.failOn,
      generatedAt: options.generatedAt,
    }),
    ...(skipped.size ? { skipped: [...skipped.values()] } : {}),
    ...(reports.some((r) => r.report.interrupted) ? { interrupted: true } : {}),
    ...(recompute ? { linkKeys: mergedKeys } : {}),
  };
  return {
    report,
    notes,
    recomputed: recompute,
    release: () => {
      applicants.close();
      mergedKeys.close();
      correlator?.close();
      if (links instanceof SpilledList) links.close();
    },
  };
}

/** An applicant as merged: the report it came from, and whether an earlier report already had it. */
interface Merged {
  a: ApplicantResult;
  from: number;
  duplicate: boolean;
}

/**
 * Every report's applicants in one deterministic order: path, then position (ties in report
 * order); an applicant in more than one report (same source and id) is kept once, the first (the
 * others come as duplicates, for their reports' link keys to stay in step).
 */
function* inSourceOrder(reports: MergeInput[], notes: string[]): Generator<Merged> {
  const duplicate = (a: ApplicantResult) => notes.push(`${a.source} (${a.id}) appears in more than one report; kept once`);
  if (!reports.every((r) => r.inSourceOrder ?? sorted(r.report.applicants))) {
    // Shards interleave records; put them back in order: all in memory, as they must be sorted.
    const seen = new Set<string>();
    const all: Merged[] = [];
    reports.forEach(({ report }, from) => {
      for (const a of report.applicants) {
        const key = `${a.source}\u0000${a.id}`;
        if (seen.has(key)) duplicate(a);
        all.push({ a, from, duplicate: seen.has(key) });
        seen.add(key);
      }
    });
    yield* all.sort((x, y) => byLocation(x.a.location, y.a.location) || (x.duplicate ? 1 : 0) - (y.duplicate ? 1 : 0));
    return;
  }
  // k-way: the next of each report in hand; the smallest source goes first, ties to the earlier report.
  const its = reports.map((r) => r.report.applicants[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  // The same source in two reports is the same record: those are next to each other here.
  let tie: string | undefined;
  const tieIds = new Set<string>();
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (h.done) continue;
      if (best < 0 || byLocation(h.value.location, (heads[best]!.value as ApplicantResult).location) < 0) best = i;
    }
    if (best < 0) return;
    const a = heads[best]!.value as ApplicantResult;
    heads[best] = its[best]!.next();
    if (tie !== a.source) {
      tie = a.source;
      tieIds.clear();
    }
    const key = `${a.source}\u0000${a.id}`;
    if (tieIds.has(key)) duplicate(a);
    yield { a, from: best, duplicate: tieIds.has(key) };
    tieIds.add(key);
  }
}

/**
 * A report's link keys, taken in step with its applicants: a shard report writes both in its input
 * order, one key set per applicant, so the next key set is the applicant's and none is held. A
 * report out of step (edited, or written otherwise) is looked up by source and id from then on.
 */
class KeyCursor {
  private readonly it: Iterator<LinkKeys>;
  private head: IteratorResult<LinkKeys>;
  private byKey: Map<string, LinkKeys> | undefined;

  constructor(private readonly keys: Iterable<LinkKeys>) {
    this.it = keys[Symbol.iterator]();
    this.head = this.it.next();
  }

  keyOf(a: ApplicantResult): LinkKeys | undefined {
    if (!this.byKey) {
      const k = this.head.done ? undefined : this.head.value;
      if (k && k.source === a.source && k.id === a.id) {
        this.head = this.it.next();
        return k;
      }
      this.byKey = new Map();
      for (const each of this.keys) this.byKey.set(`${each.source}\u0000${each.id}`, each);
    }
    return this.byKey.get(`${a.source}\u0000${a.id}`);
  }
}

function sorted(list: ApplicantList): boolean {
  let last: SourceLocation | undefined;
  for (const a of list) {
    if (last !== undefined && byLocation(last, a.location) > 0) return false;
    last = a.location;
  }
  return true;
}

/** A shard's own linkage findings go (links are found again across all shards), and the applicant is re-scored. */
function dropLinkage(a: ApplicantResult): void {
  if (a.findings.some((f) => f.family === 'linkage')) {
    a.findings = a.findings.filter((f) => f.family !== 'linkage');
    const s = score(a.findings);
    a.score = s.score;
    a.level = s.level;
    a.contributions = s.contributions;
  }
  a.warnings = a.warnings.filter((w) => !/also appears at .* never merged/.test(w.message));
}

/** Links across all applicants, applied to their results (in memory, or a round at a time on disk). */
function relink(found: LinkResult[], applicants: ResultStore, correlator: Correlator): LinkList {
  const person = (ordinal: number) => correlator.person(ordinal);
  if (applicants.spilled)
    return linkSpilled(found, applicants, {
      n: applicants.length,
      earlier: [],
      person,
      identity: (o) => correlator.meta(o),
      exceptionsOf: [],
      kinds: builtinLinkKinds(),
      rules: [],
    });
  return applyLinks(found, (ordinal) => {
    const result = applicants.get(ordinal);
    return result ? { result, person: person(ordinal) } : undefined;
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
