// npm run bench: synthetic exports at 10k and 100k applicants, measured side by side in one run.
// Each measurement runs in its own child process (fresh heap, its own peak RSS). Not a test: no
// pass/fail, only figures against the targets in issue 4.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate, GENERATOR_VERSION } from './generate.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(ROOT, '.bench');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const JRE_RECORDS = Number(process.env.BENCH_JRE_RECORDS ?? 10000);

function measure(mode, file, limit) {
  const args = ['--max-old-space-size=4096', '--expose-gc', resolve(ROOT, 'bench/child.js'), mode, file, ...(limit ? [String(limit)] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
}
const rate = (m) => m.records / (m.ms / 1000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

mkdirSync(DIR, { recursive: true });
const rows = [];
for (const size of SIZES) {
  const file = resolve(DIR, `applicants-${size}-v${GENERATOR_VERSION}.ndjson`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${size} applicants → ${file}\n`);
    await generate(file, size);
  }
  process.stderr.write(`measuring ${size}…\n`);
  const floorRun = measure('floor', file);
  const full = measure('dprk', file);
  rows.push({ size, mb: statSync(file).size / 1e6, floor: floorRun, full });
}

const first = rows[0];
const jreFile = resolve(DIR, `applicants-${first.size}-v${GENERATOR_VERSION}.ndjson`);
process.stderr.write(`measuring json-rules-engine on ${JRE_RECORDS} records…\n`);
const oursFull = measure('dprk-bench-rules', jreFile, JRE_RECORDS);
const ours = measure('engine-ours', jreFile, JRE_RECORDS);
const theirs = measure('engine-jre', jreFile, JRE_RECORDS);
const stages = measure('stages', jreFile, 10000);

const out = [];
out.push('', `dprk-check benchmark (node ${process.version}, ${process.platform}/${process.arch})`, '');
out.push('size      file MB   floor rec/s   dprk-check rec/s   ratio to floor   peak RSS MB   live heap MB   links   high+critical');
for (const r of rows) {
  out.push(
    `${fmt(r.size).padEnd(9)} ${r.mb.toFixed(0).padStart(7)}   ${fmt(rate(r.floor)).padStart(11)}   ${fmt(rate(r.full)).padStart(16)}   ${(rate(r.full) / rate(r.floor)).toFixed(2).padStart(13)}×   ${String(r.full.maxRssMB).padStart(11)}   ${String(r.full.liveMB ?? '–').padStart(12)}   ${String(r.full.links).padStart(5)}   ${String(r.full.flagged).padStart(13)}`,
  );
}
out.push(`(dprk-check: read + validate + enrich + evaluate ${first.full.rules} built-in rules + link + score + build report; floor: read + split + JSON.parse)`);
if (rows.length > 1) {
  const a = rows[0];
  const b = rows[rows.length - 1];
  out.push(`peak RSS ${fmt(a.size)} → ${fmt(b.size)}: ${a.full.maxRssMB} → ${b.full.maxRssMB} MB (×${(b.full.maxRssMB / a.full.maxRssMB).toFixed(2)} for ×${b.size / a.size} records); floor ${a.floor.maxRssMB} → ${b.floor.maxRssMB} MB`);
}
out.push('', `same ${Object.keys(theirs.matches).length ? '' : '(no) '}rules, same ${fmt(JRE_RECORDS)} records (bench/rules ↔ bench/jre-rules.js):`);
const warm = (m) => m.records / (m.warmMs / 1000);
out.push('                       first pass   second pass (same facts, both engines warmed up)');
out.push(`  dprk-check evaluate  ${fmt(rate(ours)).padStart(9)} rec/s  ${fmt(warm(ours)).padStart(9)} rec/s  (${ours.rules} rules on prepared facts)`);
out.push(`  json-rules-engine    ${fmt(rate(theirs)).padStart(9)} rec/s  ${fmt(warm(theirs)).padStart(9)} rec/s  (engine.run, ${theirs.rules} rules on the same facts)`);
out.push(`  ratio                ${(rate(ours) / rate(theirs)).toFixed(1).padStart(9)}×      ${(warm(ours) / warm(theirs)).toFixed(1).padStart(9)}×`);
out.push(`  (for scale: the whole dprk-check pipeline with these rules, from the file: ${fmt(rate(oursFull))} rec/s, ${(rate(oursFull) / rate(theirs)).toFixed(1)}× the engine alone)`);
const ids = [...new Set([...Object.keys(theirs.matches), ...Object.keys(ours.matches).filter((k) => k.includes('.bench-'))])].sort();
const diff = ids.filter((id) => (ours.matches[id] ?? 0) !== (theirs.matches[id] ?? 0));
out.push(`  matches per rule agree: ${diff.length === 0 ? 'yes' : `no — ${diff.map((id) => `${id} ${ours.matches[id] ?? 0} vs ${theirs.matches[id] ?? 0}`).join('; ')}`}`);
out.push('', `where the time goes (µs per record, in memory, ${fmt(stages.records)} records after warm-up):`);
out.push(`  ${Object.entries(stages.us).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
out.push('', 'targets: ≥ 0.5× floor, ≥ 50× json-rules-engine, RSS flat', '');
process.stdout.write(out.join('\n'));
