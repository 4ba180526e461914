import type { ApplicantResult, Link } from '../model/report.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Finding } from '../model/finding.js';
import type { Suppression, CompiledException } from '../model/exception.js';
import type { CompiledRule } from '../model/rule.js';
import type { LinkResult } from '../correlate/correlator.js';
import type { LinkKinds } from '../correlate/link-kinds.js';
import { applyLinks, completeLinked } from '../correlate/apply-links.js';
import { parseSpilled, SpillFile } from '../util/spill-file.js';
import { blankResult } from '../report/blank-result.js';
import { parseSource } from '../model/source-location.js';
import type { ResultStore } from './result-store.js';
import { Column } from '../util/column.js';
import { SpilledList } from '../util/spilled-list.js';

/** Links handled per round: their members' additions are the only results-sized thing in memory. */
const MEMBERS_PER_ROUND = 4096;

export interface SpilledLinkContext {
  /** Applicants of this batch: ordinals below n. */
  n: number;
  /** Stand-ins for applicants of earlier runs (ordinals from n on): linked to, never reported. */
  earlier: ApplicantResult[];
  /** Each applicant's person key, by ordinal (Correlator.person). */
  person: (ordinal: number) => number;
  /**
   * Each applicant's id and source, by ordinal, as the correlator keeps them (Correlator.meta): the
   * result's own, read back without deserialising the whole result.
   */
  identity: (ordinal: number) => { id: string; source: string } | undefined;
  exceptionsOf: Array<CompiledException[] | undefined>;
  kinds: LinkKinds;
  rules: CompiledRule[];
}

/** What an applied entry of `found` is set to (see linkSpilled). */
const RELEASED = undefined as unknown as LinkResult;

/**
 * applyLinks over results that are on disk, in bounded memory: the same report as applyLinks over
 * results held in memory, without reading every linked applicant back at once (in a link-heavy
 * export most applicants are linked, each link adding a finding to every member).
 *
 * Links are applied a few thousand members at a time to stand-ins that hold only what a link adds
 * (its findings, warnings and suppressions, appended in link order, as applyLinks does). What each
 * round added is set aside on disk, by applicant. Then each patched applicant is read back once,
 * given its additions in order, completed by the pattern rules that name linkage rules and
 * re-scored (the end of applyLinks, on the whole result), and stored again.
 *
 * `found` is emptied as it is applied (its entries are let go): pass an array nothing else reads.
 */
export function linkSpilled(found: LinkResult[], store: ResultStore, ctx: SpilledLinkContext): SpilledList<Link> {
  const { n, earlier, person, exceptionsOf } = ctx;
  const additions = new Additions(n);
  // On disk past a few thousand, like the results: 56,000 links at a million ordinary applicants
  // were 32 MB of objects held until the report was written.
  const links = new SpilledList<Link>('links');
  try {
    for (let i = 0; i < found.length;) {
      const from = i;
      let members = 0;
      while (i < found.length && (i === from || members + found[i]!.members.length <= MEMBERS_PER_ROUND)) members += found[i++]!.members.length;
      const stubs = new Map<number, ApplicantResult>();
      const batch = found.slice(from, i);
      // The caller gives the links up: each round's are let go once applied, so the correlator's
      // links and the report's are not both held whole (at 100k link-heavy records, 37 and 15 MB).
      found.fill(RELEASED, from, i);
      const round = applyLinks(
        batch,
        (ordinal) => {
          if (ordinal >= n) {
            const r = earlier[ordinal - n];
            return r ? { result: r, person: person(ordinal) } : undefined;
          }
          let stub = stubs.get(ordinal);
          if (!stub) {
            // A stand-in needs the id and source only (what a link names); reading them from the
            // correlator's small record: a few dozen bytes read for each member, not a whole result.
            const who = ordinal < store.length ? ctx.identity(ordinal) : undefined;
            if (!who) return undefined;
            stub = blankResult(who.id, parseSource(who.source), '', who.source);
            stubs.set(ordinal, stub);
          }
          return { result: stub, person: person(ordinal), exceptions: exceptionsOf[ordinal] };
        },
        // No rules: pattern rules run once per applicant below, over all its findings.
        { kinds: ctx.kinds },
      );
      for (const l of round) links.push(l);
      for (const [ordinal, s] of stubs) {
        if (s.findings.length || s.warnings.length || s.suppressed?.length) additions.add(ordinal, { f: s.findings, w: s.warnings, s: s.suppressed ?? [] });
      }
    }
    for (let ordinal = 0; ordinal < n; ordinal++) {
      if (!additions.has(ordinal)) continue;
      const r = store.get(ordinal)!;
      let touched = false;
      for (const a of additions.of(ordinal)) {
        if (a.w.length) r.warnings = [...r.warnings, ...a.w];
        if (a.s.length) r.suppressed = [...(r.suppressed ?? []), ...a.s];
        if (a.f.length) {
          r.findings = [...r.findings, ...a.f];
          touched = true;
        }
      }
      // As applyLinks ends: patterns naming linkage rules complete, and the applicant is re-scored.
      if (touched) completeLinked(r, ctx.rules);
      store.replace(ordinal, r);
    }
  } finally {
    additions.close();
  }
  return links;
}

interface Addition {
  f: Finding[];
  w: Diagnostic[];
  s: Suppression[];
}

/** What links added to each applicant, on disk; per applicant a chain of entries in the order added. */
class Additions {
  private file: SpillFile | undefined;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly offsets = new Column(Float64Array);
  private readonly lengths = new Column(Uint32Array);
  private readonly next = new Column(Int32Array);
  private count = 0;

  constructor(n: number) {
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
  }

  add(ordinal: number, a: Addition): void {
    this.file ??= new SpillFile('links');
    const { at, length } = this.file.appendJson(a);
    const e = this.count++;
    this.offsets.set(e, at);
    this.lengths.set(e, length);
    this.next.set(e, -1);
    if (this.head[ordinal] === -1) this.head[ordinal] = e;
    else this.next.set(this.tail[ordinal]!, e);
    this.tail[ordinal] = e;
  }

  has(ordinal: number): boolean {
    return this.head[ordinal] !== -1;
  }

  *of(ordinal: number): Generator<Addition> {
    for (let e = this.head[ordinal]!; e !== -1; e = this.next.get(e)) yield parseSpilled<Addition>(this.file!.read(this.offsets.get(e), this.lengths.get(e)));
  }

  close(): void {
    this.file?.close();
  }
}
