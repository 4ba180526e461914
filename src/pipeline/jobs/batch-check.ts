import type { CompiledRule } from '../../model/rule.js';
import type { CompiledException } from '../../model/exception.js';
import type { ApplicantResult, RunError } from '../../model/report.js';
import type { InputRecord } from '../../read/input-record.js';
import type { KeyOptions } from '../../correlate/link-keys.js';
import { applicantLinkKeys, type ApplicantLinkKeys } from '../../correlate/applicant-link-keys.js';
import { checkGroup, type CheckOptions } from '../check-record.js';

/**
 * What the batch loop needs of one checked record, as plain data: whichever thread checked it
 * (this one, or a worker with --jobs), the loop gets the same thing. The applicant's facts stay
 * where they were made; what linking needs of them travels as hashed keys, and the exceptions on
 * linkage rules as the indices of those that hold.
 */
export type BatchOutcome = { ok: true; result: ApplicantResult; links: ApplicantLinkKeys; held?: number[] } | { ok: false; error: RunError };

export interface BatchCheck extends CheckOptions {
  /** The allow-list's IP ranges: addresses in them are not link keys. */
  keys: KeyOptions;
  /** Exceptions on linkage rules (linkExceptions), tested against each applicant. */
  linkExceptions: CompiledException[];
}

/** The configured exceptions that cover a linkage rule: links are found at the end, so they are tested per record. */
export function linkExceptions(rules: CompiledRule[], exceptions: CompiledException[] = []): CompiledException[] {
  const linkIds = new Set(rules.filter((r) => r.link).map((r) => r.spec.id));
  return exceptions.filter((e) => [...e.ruleIds].some((id) => linkIds.has(id)));
}

/** A group of records checked (checkGroup), each applicant's link keys computed and link exceptions tested. */
export function checkForBatch(records: InputRecord[], rules: CompiledRule[], check: BatchCheck): BatchOutcome[] {
  return checkGroup(records, rules, check).map((o): BatchOutcome => {
    if (!o.ok) return o;
    const links = applicantLinkKeys(o.applicant, o.result.source, check.keys);
    if (!check.linkExceptions.length) return { ok: true, result: o.result, links };
    const held: number[] = [];
    check.linkExceptions.forEach((e, i) => {
      if (e.matches(o.applicant)) held.push(i);
    });
    return held.length ? { ok: true, result: o.result, links, held } : { ok: true, result: o.result, links };
  });
}
