import type { Diagnostic } from '../model/diagnostic.js';
import { placed, type SourceLocation } from '../model/source-location.js';
import type { InputRecord } from '../read/input-record.js';
import { readSourceFile, type RawItem } from '../read/source-file.js';
import { ATS, detectCsvFormat, detectRecordFormat, formatsTried, sourceAdapter } from '../read/adapters/registry.js';
import { fromApplicantCsv, unknownApplicantColumns } from '../read/adapters/applicant-csv.js';
import { RecordError, type Fragment } from '../read/adapters/source-adapter.js';
import type { Obj } from '../read/adapters/common.js';
import { isObj } from '../util/is-object.js';
import { addFacts, mergeApplicant } from './merge.js';
import { emptyPeople, type People } from './people.js';
import type { JoinSummary, SourceFileSummary } from '../model/report.js';

export interface JoinFile {
  path: string;
  shown: string;
  /** FORMAT:PATH, or the run's --input-format when not auto. */
  format?: string;
}

export interface JoinOptions {
  people?: People;
  /** Applicant records already read (standard input): they start applicants like any file's. */
  applicantRecords?: InputRecord[];
  salt: string;
  dobField?: string;
}

interface Anchor {
  id: string;
  location: SourceLocation;
  file: string;
  value: Obj;
  warnings: Diagnostic[];
  /** Only the crosswalk names this person: no applicant record. */
  synthetic?: boolean;
}

interface Pending {
  item: RawItem;
  format: string;
  fragment: Fragment;
  summary: SourceFileSummary;
}

const lower = (s: string) => s.trim().toLowerCase();

function errorRecord(at: SourceLocation, file: string, code: Diagnostic['code'], message: string, extra: Partial<Diagnostic> = {}): InputRecord {
  return { ...placed(at), file, error: { code, severity: 'error', file, message, ...extra } };
}

/**
 * The join stage: every record of every input becomes part of one applicant, an unjoined source
 * record (listed), or an error. Applicant records (the model, ATS exports, spreadsheets) start
 * applicants; source records (sign-ins, verifications, devices, payroll) join one by applicant
 * id, else by an e-mail the applicant declared, else through the --people crosswalk.
 */
export async function joinSources(files: JoinFile[], options: JoinOptions): Promise<{ records: InputRecord[]; summary: JoinSummary }> {
  const people = options.people ?? emptyPeople();
  const errors: InputRecord[] = people.errors.map((d) => ({ ...placed({ file: d.file ?? '--people' }), file: d.file ?? '--people', error: d }));
  const anchors: Anchor[] = [];
  const byId = new Map<string, Anchor>();
  const invalidApplicants: InputRecord[] = [];
  const pending: Pending[] = [];
  const summaries: SourceFileSummary[] = [];

  if (options.applicantRecords?.length) {
    const summary: SourceFileSummary = { file: '<stdin>', format: 'applicant', records: 0, joined: 0, unjoined: 0, errors: 0 };
    summaries.push(summary);
    for (const r of options.applicantRecords) {
      summary.records++;
      if (r.error || !isObj(r.value)) {
        summary.errors++;
        errors.push(r);
      } else {
        summary.joined++;
        addAnchor(r.value, { source: r.source, location: r.location, file: r.file, value: r.value }, anchors, byId, invalidApplicants, people);
      }
    }
  }
  for (const f of files) {
    const text = await readSourceFile(f.path, f.shown);
    const summary: SourceFileSummary = { file: f.shown, format: '', records: 0, joined: 0, unjoined: 0, errors: 0 };
    summaries.push(summary);
    let format = f.format ?? (text.layout === 'csv' ? detectCsvFormat(text.headers ?? []) : jsonFormat(text.items));
    // A CSV whose columns are dotted paths (Okta's System Log "Download CSV": actor.alternateId,
    // client.ipAddress …) is the JSON layout flattened: nest it again and detect that.
    if (text.layout === 'csv' && (!format || !sourceAdapter(format)?.detectCsv) && (text.headers ?? []).some((h) => h.includes('.'))) {
      const nested = text.items.map((i) => (i.value ? { ...i, value: unflatten(i.value) } : i));
      const nestedFormat = f.format ?? jsonFormat(nested);
      if (nestedFormat && sourceAdapter(nestedFormat)) {
        text.items = nested;
        format = nestedFormat;
      }
    }
    const firstValue = text.items.find((i) => i.value)?.value;
    summary.format = format ?? 'unknown';
    const notes = new Map<string, number>();
    const dropped = new Set<string>();
    const note = (m: string) => notes.set(m, (notes.get(m) ?? 0) + 1);
    if (!format && firstValue) {
      summary.records = text.items.length;
      summary.errors = text.items.length;
      errors.push(
        errorRecord(
          { file: f.shown },
          f.shown,
          'input-unknown-format',
          `${f.shown} is in no format this tool knows (${text.layout}${text.envelope ? `, records under "${text.envelope}"` : ''}); tried: ${formatsTried(text.layout)}`,
          {
            hint: 'name the format with FORMAT:PATH (e.g. okta:signins.json) if it is one of these; see docs/sources.md',
          },
        ),
      );
      continue;
    }
    if (format === 'applicant-csv') {
      const unknown = unknownApplicantColumns(text.headers ?? []);
      if (unknown.length)
        errors.push(
          errorRecord(
            { file: f.shown },
            f.shown,
            'input-unmapped',
            `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u}"`).join(', ')}: not read (docs/sources.md lists the columns; dprk-check init --csv writes a template)`,
            { line: 1 },
          ),
        );
    }
    for (const item of text.items) {
      summary.records++;
      if (!item.value) {
        summary.errors++;
        errors.push({ source: item.source, location: item.location, file: item.file, ...(item.line ? { line: item.line } : {}), error: item.error! });
        continue;
      }
      const adapter = format ? sourceAdapter(format) : undefined;
      try {
        if (!adapter) {
          // A detected ATS layout is a guess from the first records: a file may mix layouts, so
          // each record is recognised on its own unless FORMAT:PATH named the layout.
          const value = toApplicant(item.value, f.format || format === 'applicant-csv' ? format! : 'applicant', options, note);
          summary.joined++;
          addAnchor(value, item, anchors, byId, invalidApplicants, people);
          continue;
        }
        const fragment = adapter.adapt(item.value, { source: item.source, salt: options.salt, dobField: options.dobField });
        fragment.unmapped.forEach(note);
        fragment.dropped.forEach((d) => dropped.add(d));
        pending.push({ item, format: adapter.name, fragment, summary });
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        summary.errors++;
        errors.push(errorRecord(item.location, item.file, 'input-bad-value', `${format}: ${e.message}`, item.line ? { line: item.line } : {}));
      }
    }
    // What reading the file found (rows with empty cells past the header, text not in UTF-8) comes first.
    const fileNotes = text.warnings.map((w) => w.message);
    const noted = [...notes].slice(0, 50).map(([m, n]) => `${format}: ${m}${n > 1 ? ` (${n} records)` : ''}`);
    if (fileNotes.length + noted.length) summary.warnings = [...fileNotes, ...noted];
    if (dropped.size) summary.dropped = [...dropped].sort();
  }

  // E-mails applicants declared, for records that carry no applicant id.
  const byEmail = new Map<string, Set<Anchor>>();
  for (const a of anchors) {
    const contact = isObj(a.value.contact) ? a.value.contact : {};
    for (const e of Array.isArray(contact.emails) ? contact.emails : []) {
      if (typeof e !== 'string') continue;
      const set = byEmail.get(lower(e)) ?? new Set();
      set.add(a);
      byEmail.set(lower(e), set);
    }
  }
  const unjoined: JoinSummary['unjoinedRecords'] = [];
  for (const p of pending) {
    const { keys } = p.fragment;
    const label = `${p.item.source} (${p.format})`;
    if (!keys.id && keys.emails.length === 0 && keys.aliases.length === 0) {
      p.summary.errors++;
      errors.push(
        errorRecord(
          p.item.location,
          p.item.file,
          'input-no-join-key',
          `${p.format}: the record names nobody (no applicant id, e-mail or other identifier), so it cannot be joined to an applicant`,
        ),
      );
      continue;
    }
    const found = resolve(p.fragment, byId, byEmail, people);
    if (typeof found === 'string') {
      p.summary.errors++;
      errors.push(errorRecord(p.item.location, p.item.file, 'input-ambiguous-join', `${p.format}: ${found}`));
      continue;
    }
    let anchor = found.anchor;
    if (!anchor && found.id) {
      // Only the crosswalk names this person: start an applicant from the sources.
      anchor = {
        id: found.id,
        location: people.rowOf.get(found.id) ?? { file: '--people' },
        file: '--people',
        value: { id: found.id, name: { full: p.fragment.name ?? found.id } },
        warnings: [],
        synthetic: true,
      };
      anchors.push(anchor);
      byId.set(found.id, anchor);
    }
    if (!anchor) {
      p.summary.unjoined++;
      unjoined.push({ source: p.item.source, format: p.format, who: keys.emails[0] ?? keys.aliases[0] ?? keys.id ?? '' });
      continue;
    }
    if (anchor.synthetic && p.fragment.name && isObj(anchor.value.name) && anchor.value.name.full === anchor.id) anchor.value.name = { full: p.fragment.name };
    p.summary.joined++;
    for (const n of addFacts(anchor.value, p.fragment.facts, label))
      anchor.warnings.push({ code: 'input-unmapped', severity: 'warning', file: p.item.file, message: n });
  }

  const records: InputRecord[] = [
    ...anchors.map((a): InputRecord => ({
      ...placed(a.location),
      file: a.file,
      value: a.value,
      provenance: true,
      ...(a.warnings.length ? { warnings: a.warnings } : {}),
    })),
    ...invalidApplicants,
    ...errors,
  ];
  const totals = summaries.reduce(
    (t, s) => ({ records: t.records + s.records, joined: t.joined + s.joined, unjoined: t.unjoined + s.unjoined, errors: t.errors + s.errors }),
    { records: 0, joined: 0, unjoined: 0, errors: 0 },
  );
  return { records, summary: { ...totals, files: summaries, unjoinedRecords: unjoined } };
}

/** {"actor.id": "x", "outcome.result": "SUCCESS"} → {actor: {id: "x"}, outcome: {result: "SUCCESS"}}; "true"/"false" as booleans. */
export function unflatten(row: Obj): Obj {
  const out: Obj = {};
  for (const [key, raw] of Object.entries(row)) {
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    const parts = key.split('.');
    let at = out;
    parts.slice(0, -1).forEach((p) => {
      if (!isObj(at[p])) at[p] = {};
      at = at[p] as Obj;
    });
    at[parts[parts.length - 1]!] = value;
  }
  return out;
}

/**
 * A JSON file's format: the first of its first records that a layout recognises. Records with an
 * `id` or a `name` that no layout recognises are applicant records with problems, which
 * validation then names field by field.
 */
function jsonFormat(items: RawItem[]): string | undefined {
  const values = items
    .slice(0, 20)
    .map((i) => i.value)
    .filter((v): v is Obj => !!v);
  for (const v of values) {
    const f = detectRecordFormat(v);
    if (f) return f;
  }
  return values.some((v) => 'id' in v || 'name' in v) ? 'applicant' : undefined;
}

function toApplicant(v: Obj, format: string, options: JoinOptions, note: (m: string) => void): Obj {
  const system = format === 'applicant' ? (detectRecordFormat(v) === 'applicant' ? 'applicant' : (detectRecordFormat(v) ?? 'applicant')) : format;
  if (system === 'greenhouse') {
    const m = ATS.greenhouse(v, { dobField: options.dobField });
    m.unmapped.forEach(note);
    return m.applicant;
  }
  if (system === 'lever') {
    const m = ATS.lever(v);
    m.unmapped.forEach(note);
    return m.applicant;
  }
  if (system === 'ashby') {
    const m = ATS.ashby(v);
    m.unmapped.forEach(note);
    return m.applicant;
  }
  if (system === 'applicant-csv') return fromApplicantCsv(v);
  return v;
}

function addAnchor(value: Obj, item: RawItem, anchors: Anchor[], byId: Map<string, Anchor>, invalid: InputRecord[], people: People): void {
  const own = typeof value.id === 'string' && value.id.trim() ? value.id : typeof value.id === 'number' ? String(value.id) : undefined;
  if (!own) {
    // Validation reports what is missing, with the record's position.
    invalid.push({ source: item.source, location: item.location, file: item.file, value });
    return;
  }
  // The crosswalk may say that this ATS id is another applicant's (the same person in two systems).
  const claimed = people.byAlias.get(lower(own));
  const id = claimed && claimed.size === 1 && !claimed.has(own) ? [...claimed][0]! : own;
  if (id !== own) value = { ...value, id };
  const existing = byId.get(id);
  if (existing && !existing.synthetic) {
    for (const n of mergeApplicant(existing.value, value, item.source))
      existing.warnings.push({ code: 'input-duplicate-id', severity: 'warning', file: item.file, message: n });
    existing.warnings.push({
      code: 'input-duplicate-id',
      severity: 'warning',
      file: item.file,
      message: `${item.source} describes the same applicant (id '${id}'): joined into one`,
    });
    return;
  }
  const anchor: Anchor = { id, location: item.location, file: item.file, value: structuredClone(value), warnings: [] };
  anchors.push(anchor);
  byId.set(id, anchor);
}

/** Whose record it is: an applicant, an id only the crosswalk knows, nobody, or why that cannot be told. */
function resolve(f: Fragment, byId: Map<string, Anchor>, byEmail: Map<string, Set<Anchor>>, people: People): { anchor?: Anchor; id?: string } | string {
  const { keys } = f;
  if (keys.id && byId.has(keys.id)) return { anchor: byId.get(keys.id)! };
  const viaEmail = new Set<Anchor>();
  for (const e of keys.emails) for (const a of byEmail.get(lower(e)) ?? []) viaEmail.add(a);
  if (viaEmail.size > 1)
    return `the e-mail address is declared by ${viaEmail.size} applicants (${[...viaEmail]
      .map((a) => a.id)
      .slice(0, 5)
      .join(', ')}); the record is not joined to either`;
  if (viaEmail.size === 1) return { anchor: [...viaEmail][0]! };
  const ids = new Set<string>();
  for (const alias of [...keys.emails, ...keys.aliases, ...(keys.id ? [keys.id] : [])]) {
    const claimed = people.byAlias.get(lower(alias));
    if (claimed && claimed.size > 1)
      return `one identifier is claimed by ${claimed.size} applicants in --people (${[...claimed].slice(0, 5).join(', ')}); fix the crosswalk`;
    for (const id of claimed ?? []) ids.add(id);
    // A source that names the applicant id itself (an integrator's reference field).
    if (!claimed && byId.has(alias)) ids.add(alias);
  }
  if (ids.size > 1) return `its identifiers belong to different applicants in --people (${[...ids].slice(0, 5).join(', ')})`;
  if (ids.size === 1) {
    const id = [...ids][0]!;
    return { anchor: byId.get(id), id };
  }
  return {};
}
