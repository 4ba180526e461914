// npm run bench: synthetic exports measured side by side in one run. Each measurement runs in its
// own child process (fresh heap, its own peak RSS). Not a test: no pass/fail, only figures against
// the targets of issue 12.
//
//   BENCH_SIZES=10000,100000   sizes (default); BENCH_1M=1 adds 1,000,000 (long: minutes)
//   BENCH_JRE_RECORDS=10000    records for the engine comparison
//   BENCH_SHARD_SIZE=…         size for shard + merge (default: the largest size up to 100k; 0 = skip)
//   BENCH_COLD_RUNS=15         runs per cold-start figure
//   BENCH_FORMATS=text,json,csv  the real CLI per format and size: wall, CPU, peak RSS (empty = skip)
//   BENCH_JOBS=2               worker threads for the --jobs row beside the one-thread row (0 = skip)
//   BENCH_JOBS_SIZE=…          size for that comparison (default: the largest size up to 100k)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate, GENERATOR_VERSION } from './generate.js';
import { DUCKDB_CHECKS } from './duckdb-checks.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(ROOT, '.bench');
const CLI = resolve(ROOT, 'bin/dprk-check.js');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
if (process.env.BENCH_1M === '1' && !SIZES.includes(1_000_000)) SIZES.push(1_000_000);
const JRE_RECORDS = Number(process.env.BENCH_JRE_RECORDS ?? 10000);
const SHARD_SIZE = Number(process.env.BENCH_SHARD_SIZE ?? Math.max(...SIZES.filter((s) => s <= 100_000)));
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const FORMATS = (process.env.BENCH_FORMATS ?? 'text,json,csv').split(',').filter(Boolean);
const JOBS = Number(process.env.BENCH_JOBS ?? 2);
const JOBS_SIZE = Number(process.env.BENCH_JOBS_SIZE ?? Math.max(...SIZES.filter((s) => s <= 100_000)));

function measure(mode, file, limit) {
  const args = ['--max-old-space-size=4096', '--expose-gc', resolve(ROOT, 'bench/child.js'), mode, file, ...(limit ? [String(limit)] : [])];
  return JSON.parse(
    execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
      .trim()
      .split('\n')
      .pop(),
  );
}
const rate = (m) => m.records / (m.ms / 1000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (s) => process.stderr.write(`${s}\n`);

async function exportFile(kind, size) {
  const file = resolve(DIR, `${kind === 'ordinary' ? 'applicants' : 'heavy'}-${size}-v${GENERATOR_VERSION}.ndjson`);
  if (!existsSync(file)) {
    log(`generating ${size} ${kind} applicants → ${file}`);
    await generate(file, size, 42, { linkHeavy: kind === 'link-heavy' });
  }
  return file;
}

let duckdbMissing;
function duckdb(file) {
  if (duckdbMissing) return undefined;
  try {
    return measure('duckdb', file);
  } catch (e) {
    duckdbMissing =
      String(e.message)
        .split('\n')
        .find((l) => l.includes('Error')) ?? 'failed';
    return undefined;
  }
}

mkdirSync(DIR, { recursive: true });
const rows = [];
for (const size of SIZES) {
  for (const kind of ['ordinary', 'link-heavy']) {
    const file = await exportFile(kind, size);
    log(`measuring ${size} ${kind}…`);
    const floorRun = measure('floor', file);
    const full = measure('dprk', file);
    rows.push({ size, kind, mb: statSync(file).size / 1e6, floor: floorRun, full, duck: duckdb(file) });
  }
}

/**
 * One CLI run as a user runs it: wall ms, and peak RSS (MB) and CPU ms of the whole process (every
 * thread) from a preload that reports them at exit (no /usr/bin/time needed). Exit 0 and 1 are
 * both a completed check. `heap`: --max-old-space-size in MB, when given.
 */
function cliRun(args, { heap } = {}) {
  const rssFile = resolve(DIR, 'rss.json');
  rmSync(rssFile, { force: true });
  const node = ['--import', pathToFileURL(resolve(ROOT, 'bench/rss-preload.mjs')).href, ...(heap ? [`--max-old-space-size=${heap}`] : [])];
  const t = performance.now();
  const r = spawnSync(process.execPath, [...node, CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t;
  const ok = r.status === 0 || r.status === 1;
  const usage = ok && existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : {};
  rmSync(rssFile, { force: true });
  return { ok, status: r.status, error: ok ? undefined : (r.stderr || '').trim().split('\n').slice(-2).join(' ').slice(0, 200), ms, ...usage };
}

/** A run that must complete (the comparisons below mean nothing otherwise). */
function mustRun(args, options) {
  const r = cliRun(args, options);
  if (!r.ok) throw new Error(`dprk-check ${args.join(' ')}: exit ${r.status}: ${r.error}`);
  return r;
}

/** `dprk-check FILE -f FORMAT -o OUT`, default heap, and the size of what it wrote. */
function cliFormat(format, file) {
  const outFile = resolve(DIR, `out.${format}`);
  const r = cliRun([file, '-f', format, '-o', outFile, '--no-progress']);
  const outMB = existsSync(outFile) ? statSync(outFile).size / 1e6 : 0;
  rmSync(outFile, { force: true });
  return { ...r, outMB };
}
const formatRows = [];
for (const size of FORMATS.length ? SIZES : []) {
  for (const kind of ['ordinary', 'link-heavy']) {
    const file = await exportFile(kind, size);
    for (const format of FORMATS) {
      log(`measuring the CLI, ${size} ${kind}, -f ${format}…`);
      formatRows.push({ size, kind, format, ...cliFormat(format, file) });
    }
  }
}

/** Median wall time of `runs` starts of one command. */
function coldStart(args, { node = process.execPath, env = process.env } = {}) {
  const times = [];
  for (let i = 0; i < COLD_RUNS + 2; i++) {
    const t = performance.now();
    spawnSync(node, args, { cwd: ROOT, stdio: 'ignore', env });
    if (i >= 2) times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
const coldSet = (opts) => ({
  base: coldStart(['-e', '0'], opts),
  version: coldStart([CLI, '--version'], opts),
  clean: coldStart([CLI, 'fixtures/clean-applicant.json'], opts),
  minimal: coldStart([CLI, '--no-config', 'fixtures/clean-applicant.json', '-f', 'json'], opts),
});
const coldLine = (label, c) =>
  `${label}: node -e 0 ${c.base.toFixed(0)} · --version ${c.version.toFixed(0)} (${(c.version / c.base).toFixed(2)}×) · clean fixture ${c.clean.toFixed(0)} (${(c.clean / c.base).toFixed(2)}×) · clean fixture -f json --no-config ${c.minimal.toFixed(0)} (${(c.minimal / c.base).toFixed(2)}×)`;
log('measuring cold start…');
const cold = coldSet();
// Node 20 reads the file NODE_EXTRA_CA_CERTS names at every start (22 and later only when TLS is
// first used): on a machine that sets it, `node -e 0` itself is slower and the ratio looks better
// than the tool is. The same starts without it, and on the other Node lines CI tests, when installed.
const coldMore = [];
const bare = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'));
if (process.env.NODE_EXTRA_CA_CERTS || process.env.NODE_OPTIONS)
  coldMore.push([`node ${process.versions.node}, without NODE_EXTRA_CA_CERTS and NODE_OPTIONS`, coldSet({ env: bare })]);
for (const line of ['node22', 'node24']) {
  const node = resolve(ROOT, '.ci/node-versions/node_modules', line, 'bin/node');
  if (!existsSync(node)) continue;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  coldMore.push([`node ${version.replace(/^v/, '')}`, coldSet({ node })]);
}

let shard;
if (SHARD_SIZE > 0) {
  const file = await exportFile('ordinary', SHARD_SIZE);
  log(`measuring shard + merge at ${SHARD_SIZE}…`);
  const out = (n) => resolve(DIR, `shard-${n}.json`);
  const cli = (args) => mustRun(args, { heap: 4096 }).ms;
  const one = cli(['-f', 'json', '-o', out('one'), '--no-progress', file]);
  const shards = [1, 2, 3, 4].map((i) => cli(['--shard', `${i}/4`, '-f', 'json', '-o', out(i), '--no-progress', file]));
  const merge = cli(['merge', '-o', out('merged'), out(1), out(2), out(3), out(4)]);
  shard = { one, shards, merge };
  for (const n of ['one', 'merged', 1, 2, 3, 4]) rmSync(out(n), { force: true });
}

let jobs;
if (JOBS > 1 && JOBS_SIZE > 0) {
  const file = await exportFile('ordinary', JOBS_SIZE);
  log(`measuring --jobs 1 and --jobs ${JOBS} at ${JOBS_SIZE}…`);
  const run = (n) => mustRun(['--jobs', String(n), '-f', 'json', '-o', '/dev/null', '--no-progress', file], { heap: 4096 });
  jobs = { one: run(1), many: run(JOBS) };
}

const first = rows[0];
const jreFile = await exportFile('ordinary', first.size);
log(`measuring json-rules-engine on ${JRE_RECORDS} records…`);
const oursFull = measure('dprk-bench-rules', jreFile, JRE_RECORDS);
const ours = measure('engine-ours', jreFile, JRE_RECORDS);
const theirs = measure('engine-jre', jreFile, JRE_RECORDS);
const stages = measure('stages', jreFile, 10000);

const out = [];
out.push(
  '',
  `dprk-check benchmark (node ${process.version}, ${process.platform}/${process.arch}, ${(await import('node:os')).availableParallelism()} cores)`,
  '',
);
out.push('size       export       file MB   floor rec/s   dprk rec/s   ratio to floor   CPU s   peak RSS MB   live heap MB   links   high+crit');
for (const r of rows) {
  out.push(
    `${fmt(r.size).padEnd(10)} ${r.kind.padEnd(11)} ${r.mb.toFixed(0).padStart(8)}   ${fmt(rate(r.floor)).padStart(11)}   ${fmt(rate(r.full)).padStart(10)}   ${(rate(r.full) / rate(r.floor)).toFixed(3).padStart(13)}×   ${(r.full.cpuMs / 1000).toFixed(1).padStart(5)}   ${String(r.full.maxRssMB).padStart(11)}   ${String(r.full.liveMB ?? '–').padStart(12)}   ${String(r.full.links).padStart(5)}   ${String(r.full.flagged).padStart(9)}`,
  );
}
out.push(
  `(dprk: read + validate + enrich + evaluate ${first.full.rules} built-in rules + link + score + build report, in process; floor: read + split + JSON.parse of the same file)`,
);
for (const kind of ['ordinary', 'link-heavy']) {
  const rs = rows.filter((r) => r.kind === kind);
  if (rs.length < 2) continue;
  const a = rs[0];
  const b = rs[rs.length - 1];
  out.push(
    `peak RSS ${kind} ${fmt(a.size)} → ${fmt(b.size)}: ${a.full.maxRssMB} → ${b.full.maxRssMB} MB (×${(b.full.maxRssMB / a.full.maxRssMB).toFixed(2)} for ×${b.size / a.size} records); floor ${a.floor.maxRssMB} → ${b.floor.maxRssMB} MB`,
  );
}

if (formatRows.length) {
  out.push('', 'the CLI per format (dprk-check FILE -f FORMAT -o OUT, default heap; peak RSS and CPU of the whole process):');
  out.push('size       export       format   wall s   CPU s   rec/s     peak RSS MB   × at smallest size   output MB');
  for (const r of formatRows) {
    const base = formatRows.find((x) => x.kind === r.kind && x.format === r.format && x.size === SIZES[0]);
    const cells = r.ok
      ? `${(r.ms / 1000).toFixed(1).padStart(6)}   ${(r.cpuMs / 1000).toFixed(1).padStart(5)}   ${fmt(r.size / (r.ms / 1000)).padStart(7)}   ${String(r.maxRssMB).padStart(11)}   ${`×${(r.maxRssMB / base.maxRssMB).toFixed(2)}`.padStart(18)}   ${r.outMB.toFixed(0).padStart(9)}`
      : `failed (exit ${r.status}): ${r.error}`;
    out.push(`${fmt(r.size).padEnd(10)} ${r.kind.padEnd(11)} ${r.format.padEnd(6)}   ${cells}`);
  }
}

out.push('', 'DuckDB (@duckdb/node-api), the checks it can express as SQL over the same NDJSON (bench/duckdb-checks.js):');
if (duckdbMissing) out.push(`  not measured: ${duckdbMissing}`);
else {
  out.push('size       export       load ms   total ms   rec/s (total)   dprk ÷ DuckDB time   peak RSS MB');
  for (const r of rows.filter((x) => x.duck)) {
    out.push(
      `${fmt(r.size).padEnd(10)} ${r.kind.padEnd(11)} ${fmt(r.duck.loadMs).padStart(8)}   ${fmt(r.duck.ms).padStart(8)}   ${fmt(rate(r.duck)).padStart(13)}   ${(r.full.ms / r.duck.ms).toFixed(1).padStart(17)}×   ${String(r.duck.maxRssMB).padStart(11)}`,
    );
  }
  const r = rows.find((x) => x.duck);
  out.push(
    `  ${Object.keys(DUCKDB_CHECKS).length} checks at ${fmt(r.size)} ${r.kind}: ${Object.entries(r.duck.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')}`,
  );
  out.push('  DuckDB does: per-record field comparisons and exact shared-value groups, columnar and multi-threaded.');
  out.push('  It does not: schema validation with per-record errors, phone parsing (E.164, country, line type), IP → country/ASN,');
  out.push('  fuzzy names/companies and transliteration, résumé similarity, watchlists, exceptions, evidence and a message per finding.');
}

out.push(
  '',
  coldLine(`cold start (median of ${COLD_RUNS}, wall ms), node ${process.versions.node}`, cold),
  ...coldMore.map(([label, c]) => coldLine(`  ${label}`, c)),
);
if (shard) {
  const sum = shard.shards.reduce((a, b) => a + b, 0);
  out.push(
    '',
    `shard + merge at ${fmt(SHARD_SIZE)} (CLI, -f json, wall ms): one run ${fmt(shard.one)} · 4 shards ${shard.shards.map(fmt).join(' + ')} = ${fmt(sum)} (run one after another) · merge ${fmt(shard.merge)} · shards in parallel ≈ ${fmt(Math.max(...shard.shards) + shard.merge)} with enough cores`,
  );
}

if (jobs) {
  out.push('', `--jobs at ${fmt(JOBS_SIZE)} ordinary (CLI, -f json, whole process):`);
  out.push('threads      wall s   rec/s      CPU s   peak RSS MB');
  for (const [label, m] of [
    ['--jobs 1', jobs.one],
    [`--jobs ${JOBS}`, jobs.many],
  ]) {
    out.push(
      `${label.padEnd(10)} ${(m.ms / 1000).toFixed(1).padStart(8)}   ${fmt(JOBS_SIZE / (m.ms / 1000)).padStart(7)}   ${(m.cpuMs / 1000).toFixed(1).padStart(8)}   ${String(m.maxRssMB).padStart(11)}`,
    );
  }
  out.push(
    `  speed-up ×${(jobs.one.ms / jobs.many.ms).toFixed(2)} on ${(await import('node:os')).availableParallelism()} cores (the report is the same byte for byte but the time stamp)`,
  );
}

out.push('', `same ${Object.keys(theirs.matches).length ? '' : '(no) '}rules, same ${fmt(JRE_RECORDS)} records (bench/rules ↔ bench/jre-rules.js):`);
const warm = (m) => m.records / (m.warmMs / 1000);
out.push('                       first pass   second pass (same facts, both engines warmed up)');
out.push(`  dprk-check evaluate  ${fmt(rate(ours)).padStart(9)} rec/s  ${fmt(warm(ours)).padStart(9)} rec/s  (${ours.rules} rules on prepared facts)`);
out.push(
  `  json-rules-engine    ${fmt(rate(theirs)).padStart(9)} rec/s  ${fmt(warm(theirs)).padStart(9)} rec/s  (engine.run, ${theirs.rules} rules on the same facts)`,
);
out.push(`  ratio                ${(rate(ours) / rate(theirs)).toFixed(1).padStart(9)}×      ${(warm(ours) / warm(theirs)).toFixed(1).padStart(9)}×`);
out.push(
  `  (for scale: the whole dprk-check pipeline with these rules, from the file: ${fmt(rate(oursFull))} rec/s, ${(rate(oursFull) / rate(theirs)).toFixed(1)}× the engine alone)`,
);
const ids = [...new Set([...Object.keys(theirs.matches), ...Object.keys(ours.matches).filter((k) => k.includes('.bench-'))])].sort();
const diff = ids.filter((id) => (ours.matches[id] ?? 0) !== (theirs.matches[id] ?? 0));
out.push(
  `  matches per rule agree: ${diff.length === 0 ? 'yes' : `no — ${diff.map((id) => `${id} ${ours.matches[id] ?? 0} vs ${theirs.matches[id] ?? 0}`).join('; ')}`}`,
);
out.push('', `where the time goes (µs per record, in memory, ${fmt(stages.records)} records, second pass):`);
out.push(
  `  ${Object.entries(stages.us)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}`,
);
out.push('', 'targets (issue 12): ≥ 0.2× floor at 100k · peak RSS at 1M ≤ 1.5× at 10k · cold start ≤ 3× node -e 0 (clean fixture), ≤ 2× (--version)', '');
process.stdout.write(out.join('\n'));
