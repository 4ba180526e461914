// The fuzzing harness: builds cases (mutated inputs, seeds, regressions), runs each through the
// built CLI as a child process, and checks the oracles. Used by fuzz/run.mjs and test/ci/fuzz.test.ts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';
import { REPO, WorkerPool, assertBuilt, pool, runCli } from './exec.mjs';
import { accountProblems, checkFormat, outputProblems, processProblems } from './oracles.mjs';
import { mutateRecord } from './mutate-records.mjs';
import { mutateConfig, mutateCsv, mutateRule } from './mutate-docs.mjs';

const FUZZ = join(REPO, 'fuzz');
export const KINDS = ['records', 'rules', 'configs', 'csv'];

export const DEFAULTS = {
  batch: 40, // records per CLI run: one process start (~0.5 s) shared by many records
  baseTimeoutMs: 20_000, // a run's bound: this, plus perRecordMs for each record (or CSV row / 20)
  perRecordMs: 150,
  concurrency: 2,
};

// ---------------------------------------------------------------- seeds

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const filesIn = (dir, ext) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .filter((f) => f.endsWith(ext))
        .sort()
    : [];

export function loadSeeds() {
  const records = filesIn(join(FUZZ, 'seeds/records'), '.json').flatMap((f) => {
    const v = readJson(join(FUZZ, 'seeds/records', f));
    return (Array.isArray(v) ? v : [v]).map((rec) => ({ file: f, rec }));
  });
  const rules = filesIn(join(FUZZ, 'seeds/rules'), '.yaml').map((f) => ({ file: f, text: readFileSync(join(FUZZ, 'seeds/rules', f), 'utf8') }));
  const configs = filesIn(join(FUZZ, 'seeds/configs'), '.yaml').map((f) => ({ file: f, text: readFileSync(join(FUZZ, 'seeds/configs', f), 'utf8') }));
  const csv = filesIn(join(FUZZ, 'seeds/csv'), '.csv').map((f) => ({ file: f, text: readFileSync(join(FUZZ, 'seeds/csv', f), 'utf8') }));
  return { records, rules, configs, csv };
}

// ---------------------------------------------------------------- case builders
// A case: { id, kind, note, files: {path: content}, setup?: [...], runs: [run] }
// A run: { argv, outputs: [[format, file | '<stdout>']], required?: [format], sources?: [..],
//          report?: 'out.json', expect?: {...}, onlyIfPreviousExit?: [..], records?: n }

const RECORD_OUTPUTS = [
  ['json', 'out.json'],
  ['sarif', 'out.sarif'],
  ['junit', 'out.xml'],
  ['csv', 'out.csv'],
  ['markdown', 'out.md'],
  ['github', '<stdout>'],
];
const outputArgs = (outputs) => outputs.flatMap(([f, file]) => ['-f', file === '<stdout>' ? f : `${f}:${file}`]);

export function recordsCase(id, lines, note, extraArgs = [], lineNotes) {
  const text = `${lines.join('\n')}\n`;
  const sources = lines
    .map((l, i) => [l, i + 1])
    .filter(([l]) => l.trim())
    .map(([, n]) => `in.ndjson#${n}`);
  return {
    id,
    kind: 'records',
    note: lineNotes ? lineNotes.filter(Boolean).join('\n') : note,
    lineNotes,
    files: { 'in.ndjson': text },
    runs: [
      {
        argv: ['--no-config', ...extraArgs, ...outputArgs(RECORD_OUTPUTS), 'in.ndjson'],
        outputs: RECORD_OUTPUTS,
        required: ['json', 'sarif', 'junit'],
        report: 'out.json',
        sources,
        records: lines.length,
      },
    ],
  };
}

/** A mutated rule keeps its family; its id and file get a fuzz- slug so the built-in one stays. */
function renameRule(file, text) {
  const family = dirname(file);
  const slug = basename(file, '.yaml');
  return { path: `pack/${family}/fuzz-${slug}.yaml`, text: text.replace(new RegExp(`^id: ${family}\\.${slug}$`, 'm'), `id: ${family}.fuzz-${slug}`) };
}

export function ruleCase(id, file, text, note, applicantLine) {
  const { path, text: renamed } = renameRule(file, text);
  return {
    id,
    kind: 'rules',
    note,
    files: { [path]: renamed, 'in.ndjson': `${applicantLine}\n` },
    runs: [
      { argv: ['rules', 'validate', '--no-config', '--format', 'json', 'pack'], outputs: [['json', '<stdout>']], required: ['json'] },
      {
        argv: ['--no-config', '--rules', 'pack', '-f', 'json:out.json', '-f', 'sarif:out.sarif', 'in.ndjson'],
        outputs: [
          ['json', 'out.json'],
          ['sarif', 'out.sarif'],
        ],
        report: 'out.json',
        sources: ['in.ndjson#1'],
        requiredUnlessExit2: ['json'],
      },
    ],
  };
}

export function configCase(id, text, note, lines) {
  const sources = lines.map((_, i) => `in.ndjson#${i + 1}`);
  return {
    id,
    kind: 'configs',
    note,
    files: { 'cfg.yaml': text, 'in.ndjson': `${lines.join('\n')}\n` },
    runs: [
      {
        argv: ['--config', 'cfg.yaml', '-f', 'json:out.json', '-f', 'junit:out.xml', '-f', 'github', 'in.ndjson'],
        outputs: [
          ['json', 'out.json'],
          ['junit', 'out.xml'],
          ['github', '<stdout>'],
        ],
        report: 'out.json',
        sources,
        requiredUnlessExit2: ['json'],
      },
      { argv: ['rules', 'list', '--config', 'cfg.yaml', '--format', 'json'], outputs: [], requiredUnlessExit2: [] },
    ],
  };
}

export function csvCase(id, file, text, note, applicantLine) {
  // Import time grows with the rows (3,000 rows take ~3 s of CPU): bound it per 20 rows.
  const records = Math.ceil(text.split(/\r\n|\r|\n/).length / 20);
  return {
    id,
    kind: 'csv',
    note,
    files: { [file]: text, 'in.ndjson': `${applicantLine}\n` },
    runs: [
      {
        argv: ['watchlist', 'import', '--out', 'wl', '--date', '2026-11-01', file],
        outputs: [],
        records,
        expect: { exit: [0, 2], exit2Stderr: '^dprk-check: watchlist import: ' },
      },
      // A pack that import wrote must load: exit 2 here means import wrote what its loader refuses.
      {
        onlyIfPreviousExit: [0],
        argv: ['--no-config', '--rules', 'wl', '-f', 'json:out.json', 'in.ndjson'],
        outputs: [['json', 'out.json']],
        report: 'out.json',
        sources: ['in.ndjson#1'],
        required: ['json'],
        expect: { exit: [0, 1] },
      },
    ],
  };
}

// ---------------------------------------------------------------- random generation

/** Yields fuzzed cases forever (the caller bounds count and time), round-robin over kinds. */
export function* generate(seed, kinds = KINDS, { batch = DEFAULTS.batch } = {}) {
  const seeds = loadSeeds();
  const clean = JSON.stringify(seeds.records.find((s) => s.file === 'clean-applicant.json').rec);
  const few = seeds.records
    .filter((s) => (!Array.isArray(s.rec) && s.rec.schemaVersion !== undefined) || s.file.startsWith('flagged'))
    .slice(0, 4)
    .map((s) => JSON.stringify(s.rec));
  for (let n = 0; ; n++) {
    // A mutation can build a tree too deep for the serialiser itself: try again with another draw.
    for (let attempt = 0; ; attempt++) {
      try {
        yield makeCase(seeds, clean, few, kinds[n % kinds.length], prng(attempt ? `${seed}:${n}:${attempt}` : `${seed}:${n}`), `random:${seed}:${n}`, batch);
        break;
      } catch (e) {
        if (!(e instanceof RangeError) || attempt >= 5) throw e;
      }
    }
  }
}

/** One random case of a kind, from its PRNG. */
function makeCase(seeds, clean, few, kind, r, id, batch) {
  if (kind === 'records') {
    const lines = [];
    const notes = [];
    for (let i = 0; i < batch; i++) {
      const s = r.pick(seeds.records);
      // One in four records is left as it is: a batch is mostly ordinary records.
      if (r.chance(0.25)) {
        lines.push(JSON.stringify(s.rec));
        notes.push('');
        continue;
      }
      const m = mutateRecord(r, s.rec, i);
      lines.push(m.line);
      notes.push(`${s.file}: ${m.note}`);
    }
    return recordsCase(id, lines, null, r.chance(0.2) ? ['--no-strict'] : [], notes);
  } else if (kind === 'rules') {
    const s = r.pick(seeds.rules);
    const m = mutateRule(r, s.text);
    return ruleCase(id, s.file, m.text, `${s.file}: ${m.note}`, r.pick([clean, ...few]));
  } else if (kind === 'configs') {
    const s = r.pick(seeds.configs);
    const m = mutateConfig(r, s.text);
    return configCase(id, m.text, `${s.file}: ${m.note}`, [clean, ...few]);
  } else {
    const s = r.pick(seeds.csv);
    const m = mutateCsv(r, s.text);
    return csvCase(id, s.file, m.text, `${s.file}: ${m.note}`, clean);
  }
}

/** The seeds themselves, unmutated: each must pass every oracle. */
export function seedCases() {
  const seeds = loadSeeds();
  const clean = JSON.stringify(seeds.records.find((s) => s.file === 'clean-applicant.json').rec);
  return [
    recordsCase(
      'seed:records',
      seeds.records.map((s) => JSON.stringify(s.rec)),
      'every seed record',
    ),
    ...seeds.rules.map((s) => ruleCase(`seed:rules/${s.file}`, s.file, s.text, 'seed rule', clean)),
    ...seeds.configs.map((s) => configCase(`seed:configs/${s.file}`, s.text, 'seed config', [clean])),
    ...seeds.csv.map((s) => csvCase(`seed:csv/${s.file}`, s.file, s.text, 'seed CSV', clean)),
  ];
}

// ---------------------------------------------------------------- regressions

/** File contents in a regression case: a string, or { repeat: [[text, times], …] } built at run time. */
function materialise(content) {
  if (typeof content === 'string') return content;
  if (content && Array.isArray(content.repeat)) return content.repeat.map(([t, n]) => t.repeat(n)).join('');
  if (content && content.json !== undefined) return JSON.stringify(content.json);
  // { rows: { head, template, count, tail } }: `{n}` in the template counts from 1.
  if (content && content.rows) {
    const { head = '', template, count, tail = '' } = content.rows;
    let out = head;
    for (let n = 1; n <= count; n++) out += template.replaceAll('{n}', String(n));
    return out + tail;
  }
  if (content && Array.isArray(content.ndjson)) return `${content.ndjson.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n')}\n`;
  throw new Error(`fuzz: unknown file content ${JSON.stringify(content).slice(0, 80)}`);
}

export function regressionCases() {
  const dir = join(FUZZ, 'regressions');
  return filesIn(dir, '.json').map((f) => ({ ...readJson(join(dir, f)), file: `fuzz/regressions/${f}` }));
}

export function knownFailures() {
  const p = join(FUZZ, 'known-failures.json');
  return existsSync(p) ? readJson(p) : {};
}

/** Is this failure expected for now? By case id, or by a `signature:` text found in a problem. */
export function expectedBy(known, result) {
  if (known[result.id]) return result.id;
  for (const key of Object.keys(known)) {
    if (key.startsWith('signature:') && result.problems.some((p) => p.includes(key.slice('signature:'.length)))) return key;
  }
  return null;
}

// ---------------------------------------------------------------- running

function layout(dir, c) {
  for (const [path, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), materialise(content));
  }
  for (const step of c.setup ?? []) {
    if (step.mkfifo) {
      mkdirSync(dirname(join(dir, step.mkfifo)), { recursive: true });
      execFileSync('mkfifo', [join(dir, step.mkfifo)]);
    } else if (step.symlink) {
      mkdirSync(dirname(join(dir, step.symlink.path)), { recursive: true });
      execFileSync('ln', ['-s', step.symlink.target, join(dir, step.symlink.path)]);
    } else throw new Error(`fuzz: unknown setup step ${JSON.stringify(step)}`);
  }
}

function expectProblems(r, expect = {}) {
  const p = [];
  if (expect.exit && !expect.exit.includes(r.code)) p.push(`expected exit ${expect.exit.join(' or ')}, got ${r.code}`);
  if (expect.stderr && !new RegExp(expect.stderr, 'm').test(r.stderr)) p.push(`stderr lacks /${expect.stderr}/`);
  if (expect.stdout && !new RegExp(expect.stdout, 'm').test(r.stdout)) p.push(`stdout lacks /${expect.stdout}/`);
  if (expect.notStderr && new RegExp(expect.notStderr, 'm').test(r.stderr)) p.push(`stderr has /${expect.notStderr}/`);
  if (expect.notStdout && new RegExp(expect.notStdout, 'm').test(r.stdout)) p.push(`stdout has /${expect.notStdout}/`);
  // A refusal must say where: the file (and line) it could not take.
  if (expect.exit2Stderr && r.code === 2 && !new RegExp(expect.exit2Stderr, 'm').test(r.stderr))
    p.push(`exit 2 without /${expect.exit2Stderr}/ on stderr: ${r.stderr.split('\n')[0].slice(0, 160)}`);
  if (expect.maxMs && r.ms > expect.maxMs) p.push(`took ${Math.round(r.ms)} ms, bound ${expect.maxMs} ms`);
  return p;
}

/**
 * A defect no CLI output shows (a table lookup that reaches Object.prototype but only changes a
 * key): call the built module's export directly and look at what it returns.
 */
async function moduleRun(run) {
  const mod = await import(pathToFileURL(join(REPO, run.module)).href);
  const tag = `${run.export}(${run.args.map((x) => JSON.stringify(x)).join(', ')})`;
  let result;
  try {
    result = await mod[run.export](...run.args);
  } catch (e) {
    return [`${tag} threw: ${e.message}`];
  }
  const text = typeof result === 'string' ? result : JSON.stringify(result);
  if (run.expect?.notResult && new RegExp(run.expect.notResult).test(text)) return [`${tag} returned ${JSON.stringify(text).slice(0, 120)}`];
  return [];
}

/** Run one case in a fresh folder; returns { id, kind, ok, problems, ms, runs }. */
export async function runCase(c, opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const dir = mkdtempSync(join(o.tmp ?? tmpdir(), 'dprk-fuzz-'));
  const problems = [];
  let ms = 0;
  let runs = 0;
  try {
    layout(dir, c);
    let previous = null;
    for (const [i, run] of c.runs.entries()) {
      if (run.module) {
        problems.push(...(await moduleRun(run)));
        runs++;
        continue;
      }
      if (run.onlyIfPreviousExit && !(previous && run.onlyIfPreviousExit.includes(previous.code))) continue;
      const timeoutMs = run.timeoutMs ?? c.timeoutMs ?? o.baseTimeoutMs + o.perRecordMs * (run.records ?? 1);
      const r = await (o.exec ?? runCli)(run.argv, { cwd: dir, timeoutMs, stdin: run.stdin });
      runs++;
      ms += r.ms;
      previous = r;
      const tag = c.runs.length > 1 ? `run ${i + 1} (${run.argv.slice(0, 2).join(' ')}): ` : '';
      const here = [...processProblems(r, timeoutMs), ...expectProblems(r, run.expect)];
      if (!r.timedOut && !r.signal) {
        const required = [...(run.required ?? []), ...(r.code !== 2 ? (run.requiredUnlessExit2 ?? []) : [])];
        const files = run.outputs.filter(([, f]) => f !== '<stdout>');
        here.push(...outputProblems(dir, files, { required }));
        for (const [format, f] of run.outputs) {
          if (f !== '<stdout>') continue;
          if (!r.stdout && !required.includes(format)) continue;
          try {
            checkFormat(format, r.stdout);
          } catch (e) {
            here.push(`${format} on stdout: ${e.message}`.slice(0, 300));
          }
        }
        if (run.report && existsSync(join(dir, run.report))) {
          try {
            here.push(...accountProblems(JSON.parse(readFileSync(join(dir, run.report), 'utf8')), run.sources));
          } catch {
            /* reported by the format check */
          }
        }
      }
      problems.push(...here.map((p) => tag + p));
      if (r.timedOut) break;
    }
  } catch (e) {
    problems.push(`harness: ${e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { id: c.id, kind: c.kind, note: c.note, ok: problems.length === 0, problems, ms, runs };
}

/**
 * A records batch failed: find one line that fails alone (bisection), so the regression saved is
 * small. Returns the failing case for that line, or the batch when no single line does.
 */
export async function minimise(c, opts) {
  if (c.kind !== 'records') return c;
  let lines = readLines(c);
  let notes = c.lineNotes ?? lines.map(() => '');
  const extra = c.runs[0].argv.slice(1, c.runs[0].argv.indexOf('-f'));
  for (let guard = 0; lines.length > 1 && guard < 10; guard++) {
    const half = Math.ceil(lines.length / 2);
    const a = recordsCase(c.id, lines.slice(0, half), null, extra, notes.slice(0, half));
    if (!(await runCase(a, opts)).ok) {
      lines = lines.slice(0, half);
      notes = notes.slice(0, half);
      continue;
    }
    const b = recordsCase(c.id, lines.slice(half), null, extra, notes.slice(half));
    if (!(await runCase(b, opts)).ok) {
      lines = lines.slice(half);
      notes = notes.slice(half);
      continue;
    }
    break; // needs lines from both halves (a link between records, say): keep this set
  }
  return recordsCase(c.id, lines, null, extra, notes);
}
const readLines = (c) => materialise(c.files['in.ndjson']).replace(/\n$/, '').split('\n');

/** Save a failing case as a regression file (found by the fuzzer); returns its path. */
export function saveRegression(c, result) {
  const hash = createHash('sha256').update(JSON.stringify(c.files)).digest('hex').slice(0, 10);
  const id = `found-${c.kind}-${hash}`;
  const path = join(FUZZ, 'regressions', `${id}.json`);
  const { id: _old, ...rest } = c;
  writeFileSync(
    path,
    `${JSON.stringify({ id, what: `found by ${c.id}: ${result.problems[0]}`, foundBy: c.id, problems: result.problems, ...rest }, null, 2)}\n`,
  );
  return path;
}

/**
 * Run cases from a generator within count and time; `onResult` sees each result as it comes.
 * Returns the figures: cases and inputs tried per kind, failures, cases/s.
 */
export async function fuzz({
  seed = 'dprk',
  count = 200,
  seconds = 60,
  kinds = KINDS,
  batch = DEFAULTS.batch,
  concurrency = DEFAULTS.concurrency,
  onResult,
  minimiseFailures = true,
  tmp,
  spawn = false,
} = {}) {
  assertBuilt();
  const { exec, close } = executor(spawn, concurrency);
  try {
    return await fuzzWith({ seed, count, seconds, kinds, batch, concurrency, onResult, minimiseFailures, opts: { tmp, exec } });
  } finally {
    close();
  }
}

/** In-process workers (fast) or one process per run (`spawn`: the launcher exactly as users run it). */
function executor(spawn, concurrency) {
  if (spawn) return { exec: runCli, close: () => {} };
  const workers = new WorkerPool({ size: concurrency });
  return { exec: (argv, o) => workers.run(argv, o), close: () => workers.close() };
}

async function fuzzWith({ seed, count, seconds, kinds, batch, concurrency, onResult, minimiseFailures, opts }) {
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const gen = generate(seed, kinds, { batch });
  const figures = {
    seed,
    cases: 0,
    runs: 0,
    inputs: { records: 0, rules: 0, configs: 0, csv: 0 },
    failures: [],
    seconds: 0,
    casesPerSecond: 0,
    recordsPerSecond: 0,
  };
  let made = 0;
  const next = () => (made < count && Date.now() < deadline ? (made++, gen.next().value) : null);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let c = next(); c; c = next()) {
        const result = await runCase(c, opts);
        figures.cases++;
        figures.runs += result.runs;
        figures.inputs[c.kind] += c.kind === 'records' ? c.runs[0].records : 1;
        if (!result.ok) {
          const small = minimiseFailures && Date.now() < deadline ? await minimise(c, opts) : c;
          const again = small === c ? result : await runCase(small, opts);
          figures.failures.push({ ...(again.ok ? result : again), case: again.ok ? c : small });
        }
        onResult?.(result, c);
      }
    }),
  );
  figures.seconds = (Date.now() - started) / 1000;
  figures.casesPerSecond = figures.cases / figures.seconds;
  figures.recordsPerSecond = figures.inputs.records / figures.seconds;
  return figures;
}

/** Run seeds and regression cases; returns results, each marked expected (known) or not. */
export async function regressions({ concurrency = DEFAULTS.concurrency, only, tmp, spawn = false } = {}) {
  assertBuilt();
  const known = knownFailures();
  let cases = [...seedCases(), ...regressionCases()];
  if (only) cases = cases.filter((c) => only.some((x) => c.id.includes(x)));
  const { exec, close } = executor(spawn, concurrency);
  try {
    // A case may ask for its own process (`"spawn": true`): what it tests is the launcher itself.
    const results = await pool(cases, concurrency, (c) => runCase(c, { tmp, exec: c.spawn ? runCli : exec }));
    return results.map((r) => ({ ...r, expected: r.ok ? null : expectedBy(known, r) }));
  } finally {
    close();
  }
}
