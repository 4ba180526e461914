import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from './exec.mjs';

// Dev dependencies the suite already uses: the official SARIF schema (draft-04) and an XML check.
const require = createRequire(import.meta.url);
const { XMLValidator } = require('fast-xml-parser');
const Ajv04 = require('ajv-draft-04');
const ajv = new (Ajv04.default ?? Ajv04)({ strict: false, allErrors: false, validateFormats: false, logger: false });
const validateSarif = ajv.compile(JSON.parse(readFileSync(join(REPO, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')));

/** A V8 stack frame line ("    at fn (file.js:1:2)"): must never reach a user. */
const STACK_FRAME = /^\s+at .+[:(].*\d+:\d+\)?$/m;

/** What every run must satisfy, whatever its input: the process contract. */
export function processProblems(r, timeoutMs) {
  const p = [];
  if (r.timedOut) p.push(`hang: no exit within ${timeoutMs} ms`);
  else if (r.signal) p.push(`killed by ${r.signal}`);
  else if (![0, 1, 2].includes(r.code)) p.push(`exit code ${r.code}`);
  if (STACK_FRAME.test(r.stderr) || STACK_FRAME.test(r.stdout)) p.push('stack trace in output');
  if (/internal error/i.test(r.stderr)) p.push(`internal error: ${firstLine(r.stderr, /internal error/i)}`);
  if (/FATAL ERROR|Allocation failed|out of memory/i.test(r.stderr)) p.push(`V8 fatal: ${firstLine(r.stderr, /FATAL|Allocation/i)}`);
  const polluted = /FUZZ-PROTOTYPE-POLLUTED: (.*)/.exec(r.stderr);
  if (polluted) p.push(`prototype polluted: ${polluted[1]}`);
  return p;
}

const firstLine = (s, re) => (s.split('\n').find((l) => re.test(l)) ?? '').slice(0, 200);

/** Each output file is valid in its format. `required`: files that must exist. */
export function outputProblems(dir, outputs, { required = [] } = {}) {
  const p = [];
  for (const [format, file] of outputs) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (required.includes(format)) p.push(`${format}: no ${file} written`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    try {
      checkFormat(format, text);
    } catch (e) {
      p.push(`${format}: ${e.message}`.slice(0, 300));
    }
  }
  return p;
}

export function checkFormat(format, text) {
  switch (format) {
    case 'json':
      JSON.parse(text);
      return;
    case 'sarif': {
      const sarif = JSON.parse(text);
      if (!validateSarif(sarif)) throw new Error(`not valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors).slice(0, 200)}`);
      return;
    }
    case 'junit': {
      const ok = XMLValidator.validate(text);
      if (ok !== true) throw new Error(`not well-formed XML: ${ok.err.msg} (line ${ok.err.line})`);
      if (!/<testsuites?[\s>]/.test(text)) throw new Error('no <testsuites> element');
      return;
    }
    case 'csv':
      strictCsv(text);
      return;
    case 'github':
      for (const line of text.split('\n')) {
        if (line && !line.startsWith('::')) throw new Error(`a line that is no workflow command: ${JSON.stringify(line.slice(0, 80))}`);
        // A record's text must never start a second command inside one annotation.
        if (/\r|\n/.test(line)) throw new Error('raw line break in an annotation');
      }
      return;
    case 'markdown':
    case 'text':
      if (!text.length) throw new Error('empty');
      return;
    default:
      throw new Error(`unknown format ${format}`);
  }
}

/** RFC 4180: quotes balanced, nothing after a closing quote, every row as wide as the header. */
function strictCsv(text) {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let quoted = false,
    width = -1,
    cells = 1,
    row = 1,
    afterQuote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') i++;
        else {
          quoted = false;
          afterQuote = true;
        }
      }
      continue;
    }
    if (c === '"') {
      if (!afterQuote && (i === 0 || s[i - 1] === ',' || s[i - 1] === '\n')) {
        quoted = true;
        continue;
      }
      throw new Error(`stray quote on row ${row}`);
    }
    if (afterQuote && c !== ',' && c !== '\r' && c !== '\n') throw new Error(`text after a closing quote on row ${row}`);
    afterQuote = false;
    if (c === ',') cells++;
    else if (c === '\n') {
      if (width === -1) width = cells;
      else if (cells !== width) throw new Error(`row ${row} has ${cells} cells, the header ${width}`);
      cells = 1;
      row++;
    }
  }
  if (quoted) throw new Error('unclosed quote');
}

/**
 * Every input record is accounted for: each source appears once, as an applicant or an error,
 * and the summary adds up.
 */
export function accountProblems(report, expectedSources) {
  const p = [];
  const s = report.summary ?? {};
  const seen = [...(report.applicants ?? []).map((a) => a.source), ...(report.errors ?? []).map((e) => e.source)];
  if (expectedSources) {
    const want = new Set(expectedSources);
    // A run that joins sources merges records of one person (same id, e-mail or alias) into one
    // applicant: those records are accounted for by the per-file join summary instead.
    const joined = report.sources;
    if (joined) {
      const files = joined.files ?? [];
      const records = files.reduce((n, f) => n + f.records, 0);
      if (records !== expectedSources.length) p.push(`sources summary counts ${records} records, ${expectedSources.length} given`);
      for (const f of files)
        if (f.joined + f.unjoined + f.errors !== f.records)
          p.push(`${f.file}: ${f.joined} joined + ${f.unjoined} unjoined + ${f.errors} errors ≠ ${f.records} records`);
    }
    const missing = joined ? [] : expectedSources.filter((x) => !seen.includes(x));
    const extra = seen.filter((x) => !want.has(x));
    if (missing.length) p.push(`records not accounted for: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (+${missing.length - 5})` : ''}`);
    if (extra.length) p.push(`unexpected sources: ${extra.slice(0, 5).join(', ')}`);
    if (!joined && s.total !== expectedSources.length) p.push(`summary.total ${s.total}, records given ${expectedSources.length}`);
  }
  if (new Set(seen).size !== seen.length) p.push('a record reported twice');
  if (s.evaluated + s.invalid !== s.total) p.push(`summary: evaluated ${s.evaluated} + invalid ${s.invalid} ≠ total ${s.total}`);
  const byLevel = Object.values(s.byLevel ?? {}).reduce((a, b) => a + b, 0);
  if (byLevel !== s.evaluated) p.push(`summary.byLevel adds up to ${byLevel}, evaluated ${s.evaluated}`);
  if ((report.applicants ?? []).length !== s.evaluated) p.push(`${(report.applicants ?? []).length} applicants listed, summary.evaluated ${s.evaluated}`);
  return p;
}
