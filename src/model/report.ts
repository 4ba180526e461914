import { levelRank as levelRankOf, type FailOn, type Level, type Severity } from './levels.js';
import type { ExplainedFinding, Finding, FamilyContribution } from './finding.js';
import type { Diagnostic } from './diagnostic.js';
import type { Suppression } from './exception.js';
import type { HistoryEntry, Provenance, ReviewState } from './history.js';
import type { SourceLocation } from './source-location.js';

export interface ApplicantResult {
  id: string;
  /** The applicant's name, for the human report; formats that may land in shared logs redact it. */
  name: string;
  /** The record's place as written (`file#line`, `file[index]`, `file`): sourceText(location), the report contract's string. */
  source: string;
  location: SourceLocation;
  level: Level;
  score: number;
  findings: Finding[];
  contributions: FamilyContribution[];
  notEvaluated: string[];
  warnings: Diagnostic[];
  /** Findings removed by configured exceptions (absent when none were). */
  suppressed?: Suppression[];
  /** The latest review decision from the history (--history), if any. */
  review?: ReviewState;
  /** Earlier runs this applicant id was checked in (--history). */
  history?: HistoryEntry[];
  /** Findings a declaration in the record explains (travel, shift, payment arrangement…): shown, not scored. */
  explained?: ExplainedFinding[];
  /** One line: how many checks could run on this record, and what to collect to run more. */
  coverage?: string;
}

export interface RunError {
  /** sourceText(location), as for an applicant. */
  source: string;
  location: SourceLocation;
  /** The record's own id, when it had one the schema accepts (a record that is not JSON has none): never made up. */
  id?: string;
  /**
   * Where the record starts in its file, for an element of a JSON array (its location is its index):
   * what SARIF, GitHub annotations and JUnit place the error at, as they place an NDJSON line.
   */
  start?: { line: number; column: number };
  message: string;
  diagnostics: Diagnostic[];
}

/**
 * An error about an input as a whole, not about a record in it: a missing or unreadable file, a
 * FIFO, an empty file, a JSON document too large to read. Told apart by its code (which a JSON
 * report keeps), so a merged report counts it the same way.
 */
export function isInputError(e: RunError): boolean {
  const code = e.diagnostics[0]?.code;
  if (code === 'input-unreadable' || code === 'input-not-regular' || code === 'input-empty') return true;
  return code === 'input-too-large' && e.location.line === undefined && e.location.index === undefined;
}

/** Applicants who share one concrete thing (phone, ship-to address, payout account…). */
export interface Link {
  /** shared-phone, shared-ship-to, shared-payout-account, … (docs/linkage.md lists them all). */
  kind: string;
  /** The fields below are always set by check and merge; optional so hand-built reports stay valid. */
  severity?: Severity;
  /** The shared value, normalised; `#<key>` when only its hash is known (merged shard reports). */
  value: string;
  /** 64-bit hash (hex) of the normalised value: the same in every run, so shards can be merged. */
  key?: string;
  /** Applicant ids, in report order. */
  applicants: string[];
  /** Each applicant's source, parallel to `applicants` (ids may repeat). */
  sources?: string[];
  /** Set when a merge could not recompute the link across shards. */
  scope?: 'shard-local';
  /** Why the link is shown but not scored (e.g. shared by so many people it is a placeholder). */
  note?: string;
}

/** One source file in a joined run: what it was read as, and where each of its records went. */
export interface SourceFileSummary {
  file: string;
  /** The adapter that read it (okta, entra, greenhouse, applicant, …) or unknown. */
  format: string;
  /** records = joined + unjoined + errors */
  records: number;
  joined: number;
  unjoined: number;
  errors: number;
  /** Documented fields not mapped and similar notes, once per file with a count. */
  warnings?: string[];
  /** Protected fields removed at the door (nationality, gender, locale…): names only, never values. */
  dropped?: string[];
}

/** Where every source record went when several sources were joined into applicants. */
export interface JoinSummary {
  records: number;
  joined: number;
  unjoined: number;
  errors: number;
  files: SourceFileSummary[];
  /** Source records that belong to no applicant (an interviewer, a user who is not a candidate). */
  unjoinedRecords: Array<{ source: string; format: string; who: string }>;
}

/** An input left out on purpose (not an applicant file); listed so nothing disappears silently. */
export interface SkippedInput {
  path: string;
  reason: string;
}

/** One applicant's hashed link keys, carried in shard reports so `merge` can recompute links. */
export interface LinkKeys {
  id: string;
  source: string;
  /** Hash of the name's first and last token: records of one person are not linked to each other. */
  person: string;
  /** `space/role/key@path`, e.g. `address/shipTo/1f0c…@equipment.shipTo`. */
  keys: string[];
  /** One-permutation MinHash of the résumé text (base64), for near-duplicate résumés. */
  resumeSignature?: string;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Records that belong to other shards and were not checked here. */
  otherShards: number;
}

export interface Report {
  /** `data`: the data sets behind derived facts (name, build date, licence), e.g. data.ip. */
  tool: { name: string; version: string; rulesVersion: string; data?: Record<string, { name: string; date?: string; licence?: string; url?: string }> };
  generatedAt: string;
  failOn: FailOn;
  /**
   * total = evaluated + invalid counts records; `unreadable` (present when not 0) counts inputs that
   * held no record to check (a missing file, a FIFO, an empty file). Both kinds are in `errors`.
   */
  summary: { total: number; evaluated: number; invalid: number; unreadable?: number; byLevel: Record<Level, number> };
  applicants: ApplicantList;
  links: LinkList;
  errors: ErrorList;
  /** Set when sources were joined (docs/sources.md). */
  sources?: JoinSummary;
  /** Personal data has been masked (--redact): values read as [name], [email], [phone, US]... */
  redacted?: boolean;
  /** Files in named directories that are not applicant files. */
  skipped?: SkippedInput[];
  /** Ctrl-C stopped the run: the report covers only the records read so far. */
  interrupted?: boolean;
  shard?: ShardInfo;
  /** Read as it is written once a large run has spilled its keys to disk: iterate it, don't index it. */
  linkKeys?: Iterable<LinkKeys>;
  /** Input file hashes and the history used (HTML evidence packs show them). */
  provenance?: Provenance;
}

/**
 * The applicants of a report, in input order, read-only: a plain array, or a result store that
 * keeps results on disk past a size and reads each back when asked (pipeline/result-store.ts), so a
 * million applicants do not have to be in memory at once. Formats use only this: `length`, `at(i)`
 * and iteration in order; sorting goes through `levelAt` / `scoreAt`, which a store answers from
 * what it keeps in memory without reading a result back.
 */
export interface ApplicantList extends Iterable<ApplicantResult> {
  readonly length: number;
  /** A result read back each time it is asked for (a store): do not expect the same object twice. */
  at(index: number): ApplicantResult | undefined;
  /** Level and score without reading the result (absent on arrays). */
  levelOf?(index: number): Level;
  scoreOf?(index: number): number;
}

/**
 * The links of a report, in report order: a plain array, or a list on disk past a few thousand
 * (util/spilled-list.ts), since a link-heavy million-record run finds hundreds of thousands. Read
 * in order, as often as needed; each pass over a spilled list reads copies.
 */
export interface LinkList extends Iterable<Link> {
  readonly length: number;
}

/**
 * The records a run could not check, in input order: a plain array, or a list on disk past a few
 * thousand (util/spilled-list.ts), so ten million broken lines are counted and reported without
 * being held. Read in order, or by position (`at`); each read of a spilled one is a copy.
 */
export interface ErrorList extends Iterable<RunError> {
  readonly length: number;
  at(index: number): RunError | undefined;
  /** How many are about an input as a whole (isInputError), when counted as they were added. */
  readonly inputErrors?: number;
}

/** The first `n` errors, read no further than that. */
export function firstErrors(list: ErrorList, n: number): RunError[] {
  if (Array.isArray(list)) return (list as RunError[]).slice(0, n);
  const out: RunError[] = [];
  if (n <= 0) return out;
  for (const e of list) {
    out.push(e);
    if (out.length >= n) break;
  }
  return out;
}

/** An error list with `fn` applied to each error (masking): an array stays an array; a spilled list is mapped as it is read. */
export function mapErrors(list: ErrorList, fn: (e: RunError) => RunError): ErrorList {
  if (Array.isArray(list)) return (list as RunError[]).map((e) => fn(e));
  return {
    get length() {
      return list.length;
    },
    get inputErrors() {
      return list.inputErrors;
    },
    at: (i) => {
      const e = list.at(i);
      return e === undefined ? undefined : fn(e);
    },
    *[Symbol.iterator]() {
      for (const e of list) yield fn(e);
    },
  };
}

export function levelAt(list: ApplicantList, index: number): Level {
  return list.levelOf ? list.levelOf(index) : list.at(index)!.level;
}

export function scoreAt(list: ApplicantList, index: number): number {
  return list.scoreOf ? list.scoreOf(index) : list.at(index)!.score;
}

/** Positions worst first: level, then score, then input order (text, github). */
export function worstFirst(list: ApplicantList, positions: number[]): number[] {
  return positions.sort((x, y) => levelRankOf(levelAt(list, y)) - levelRankOf(levelAt(list, x)) || scoreAt(list, y) - scoreAt(list, x) || x - y);
}

/** Each applicant passed through `fn` as it is read (masking): never a full copy of the list. */
export function mapApplicants(list: ApplicantList, fn: (a: ApplicantResult, index: number) => ApplicantResult): ApplicantList {
  return {
    get length() {
      return list.length;
    },
    at: (i) => {
      const a = list.at(i);
      return a === undefined ? undefined : fn(a, i);
    },
    levelOf: (i) => levelAt(list, i),
    scoreOf: (i) => scoreAt(list, i),
    *[Symbol.iterator]() {
      let i = 0;
      for (const a of list) yield fn(a, i++);
    },
  };
}

/** A link list with `fn` applied to each link: an array stays an array; a spilled list is mapped as it is read. */
export function mapLinks(list: LinkList, fn: (l: Link) => Link): LinkList {
  if (Array.isArray(list)) return (list as Link[]).map((l) => fn(l));
  return {
    get length() {
      return list.length;
    },
    *[Symbol.iterator]() {
      for (const l of list) yield fn(l);
    },
  };
}
