import { mapApplicants, mapErrors, mapLinks, type ApplicantResult, type Link, type Report, type RunError } from '../model/report.js';
import { WHOLE_MESSAGE_PART, type Finding } from '../model/finding.js';

const WITHHELD = '[message withheld: its report did not record which words are personal data]';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EvidenceItem, MessagePart } from '../model/rule.js';
import { showValue } from '../runtime/message-template.js';
import { classifyField, classifyPointer, linkValueKind } from './pii-fields.js';
import { replaceFieldValues, replaceGotValues } from '../model/quoted-value.js';
import { maskAt, maskFor } from './mask.js';
import { KnownValues, maskShapes, noteReferenceValues, scrubText } from './scrub-text.js';

/**
 * --redact: the same report with personal data masked, for output that lands in shared CI logs.
 * Applicant ids, rule ids, sources, levels, scores and rule texts stay; names, e-mails, phones,
 * addresses, account data, wallets, IPs, dates of birth and hashes go. Pure: returns new objects.
 *
 * Structured values are masked by the field they came from (pii-fields.ts). Messages rendered
 * from a template are rendered again from their parts with the values masked; free text that
 * was not (notes, warnings, hand-built messages) is scrubbed with every value masked for that
 * applicant, then for the shapes of personal data (scrub-text.ts).
 */
export function redactReport(report: Report, options: { perApplicant?: boolean } = {}): Report {
  const linked = linkedValues(report);
  // Link keys go (the per-applicant `linkKeys` and each link's `key`): they are unsalted 64-bit
  // hashes of phones, e-mails and addresses, and a phone number is found from its hash by trying
  // every number. A masked report is one to share, never one to merge with links recomputed.
  const { linkKeys: _hashesOfPersonalData, ...unkeyed } = report;
  // perApplicant (the CLI's masking layer) on a spilled report: each applicant is masked as a format
  // reads it, so the report is never held masked in memory (it is read back per read anyway).
  // Results in memory are masked once, up front: formats read an applicant more than once (text's
  // table and blocks, SARIF's rules and results), and masking again each time is work done twice.
  const masked = mapApplicants(report.applicants, (a) => redactApplicant(a, linked.get(a.id) ?? []));
  return {
    ...unkeyed,
    redacted: true,
    applicants: options.perApplicant && !Array.isArray(report.applicants) ? masked : Array.from(masked),
    links: mapLinks(report.links, redactLink),
    errors: mapErrors(report.errors, redactError),
    ...(report.sources ? { sources: redactSources(report.sources) } : {}),
  };
}

/** Unjoined source records are listed by who they name (an e-mail, a user id): masked. */
function redactSources(s: NonNullable<Report['sources']>): NonNullable<Report['sources']> {
  return { ...s, unjoinedRecords: s.unjoinedRecords.map((u) => ({ ...u, who: u.who.includes('@') ? '[email]' : '[identifier]' })) };
}

type Hidden = Array<{ text: string; mask: string }>;

/** A linked applicant's findings may quote what it shares, and whom with: mask those too. */
function linkedValues(report: Report): Map<string, Hidden> {
  const out = new Map<string, Hidden>();
  if (report.links.length === 0) return out;
  // The names of linked applicants only (one pass over the results; none kept for the others).
  const names = new Map<string, string[]>();
  for (const link of report.links) for (const id of link.applicants) names.set(id, []);
  for (const a of report.applicants) names.get(a.id)?.push(a.name);
  for (const link of report.links) {
    const shared: Hidden = [{ text: link.value, mask: maskFor(linkValueKind(link.kind), link.value) }];
    for (const id of link.applicants) for (const n of names.get(id) ?? []) shared.push({ text: n, mask: '[name]' });
    for (const id of link.applicants) out.set(id, [...(out.get(id) ?? []), ...shared]);
  }
  return out;
}

export function redactApplicant(a: ApplicantResult, extra: Hidden = []): ApplicantResult {
  const known = new KnownValues();
  known.add(a.name, '[name]');
  for (const h of extra) known.add(h.text, h.mask);
  // First mask every structured value, so that all of them are known before any text is scrubbed:
  // one finding's note may quote a value another finding's evidence holds.
  const staged = a.findings.map((f) => ({
    f,
    evidence: f.evidence.map((e) => maskEvidenceValue(e, known)),
    parts: f.messageParts?.map((p) => maskPart(p, known)),
  }));
  return {
    ...a,
    name: '[name]',
    findings: staged.map(({ f, evidence, parts }) => redactFinding(f, evidence, parts, known)),
    warnings: a.warnings.map((w) => redactDiagnostic(w, (s) => scrubText(s, known))),
    // A review note is free text a reviewer typed (README asks them to keep personal data out of
    // it, but cannot make sure): scrubbed like every other text that may quote the applicant.
    ...(a.review?.decision.note ? { review: { ...a.review, decision: { ...a.review.decision, note: scrubText(a.review.decision.note, known) } } } : {}),
  };
}

function maskEvidenceValue(e: EvidenceItem, known: KnownValues): EvidenceItem {
  const m = maskAt(e.path, e.value);
  for (const h of m.hidden) known.add(h.text, h.mask);
  // What a note quotes may appear in a message that has no parts (a report read back by merge).
  if (e.note !== undefined) for (const h of noteReferenceValues(e.note)) known.add(h.text, h.mask);
  return { ...e, value: m.value };
}

function maskPart(p: MessagePart, known: KnownValues): MessagePart {
  if (typeof p === 'string') return p;
  if (p.path === WHOLE_MESSAGE_PART) return { path: p.path, values: [], text: WITHHELD };
  const masked = p.values.map((v) => {
    const m = maskAt(p.path, v);
    for (const h of m.hidden) known.add(h.text, h.mask);
    return m.value;
  });
  const shown = [...new Set(masked.map(showValue))];
  const text = shown.length === 0 ? p.text : shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ');
  return { path: p.path, values: masked, text };
}

function redactFinding(f: Finding, evidence: EvidenceItem[], parts: MessagePart[] | undefined, known: KnownValues): Finding {
  const scrub = (s: string) => scrubText(s, known);
  let message = f.message;
  if (parts) {
    // Literal parts are the rule's own words; only what was put into the placeholders is scrubbed.
    message = parts
      .map((p) =>
        typeof p === 'string' ? p : p.path === WHOLE_MESSAGE_PART ? p.text : classifyField(p.path) === 'public' ? maskShapes(p.text) : scrub(p.text),
      )
      .join('');
  } else if (message !== undefined) message = scrub(message);
  return {
    ...f,
    message,
    ...(parts ? { messageParts: parts } : {}),
    evidence: evidence.map((e) => ({
      ...e,
      value: scrubLeaves(e.path, e.value, known),
      ...(e.note !== undefined ? { note: scrub(e.note) } : {}),
    })),
  };
}

/** Strings the field table keeps may still hold an e-mail or IP typed into a free-text field. */
function scrubLeaves(path: string, v: unknown, known: KnownValues): unknown {
  if (typeof v === 'string') return classifyField(path) === 'public' ? maskShapes(v) : scrubText(v, known);
  if (Array.isArray(v)) return v.map((x, i) => scrubLeaves(`${path}[${i}]`, x, known));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubLeaves(`${path}.${k}`, x, known)]));
  return v;
}

function redactDiagnostic(d: Diagnostic, scrub: (s: string) => string): Diagnostic {
  const masked = (s: string) => scrub(maskQuoted(s, d.path));
  return { ...d, message: masked(d.message), ...(d.hint !== undefined ? { hint: masked(d.hint) } : {}) };
}

/**
 * A value a diagnostic quotes (`got "1990-02-30"`) is masked by the field the diagnostic points
 * at: a date of birth has no shape the shape pass could know it by. Kept only when that field is
 * public (a country code); a field the table does not know, or no field, is masked as well.
 */
function maskQuoted(text: string, pointer: string | undefined): string {
  // A value quoted after its field's path (an unreadable phone, a malformed IP) is masked by that
  // field, which the text itself names: a merged report keeps a warning's text, not its pointer.
  const fielded = replaceFieldValues(text, (path, v) => {
    const at = classifyField(path);
    return at === 'public' ? JSON.stringify(v) : maskFor(at ?? 'other', v);
  });
  const cls = pointer === undefined ? undefined : classifyPointer(pointer);
  if (cls === 'public') return fielded;
  return replaceGotValues(fielded, (v) => maskFor(cls ?? 'other', v));
}

function redactLink({ key: _hashOfTheValue, ...l }: Link): Link {
  return { ...l, value: maskFor(linkValueKind(l.kind), l.value) };
}

/** An invalid record never got as far as typed fields: only the shapes of personal data are known. */
function redactError(e: RunError): RunError {
  return { ...e, message: maskShapes(e.message), diagnostics: e.diagnostics.map((d) => redactDiagnostic(d, maskShapes)) };
}
