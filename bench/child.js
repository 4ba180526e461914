// One measurement in a fresh process, so peak RSS belongs to it alone. Prints one JSON line.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const [mode, file, limitArg] = process.argv.slice(2);
const limit = limitArg ? Number(limitArg) : Infinity;
const ROOT = resolve(import.meta.dirname, '..');

/** The floor: stream the file, split lines, JSON.parse each. Nothing else. */
async function* parsedLines() {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = rest + chunk.toString('utf8');
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
      const line = text.slice(pos, nl);
      pos = nl + 1;
      if (!line) continue;
      yield JSON.parse(line);
      if (++n >= limit) return;
    }
    rest = text.slice(pos);
  }
  if (rest.trim() && n < limit) yield JSON.parse(rest);
}

async function floor() {
  let records = 0;
  for await (const v of parsedLines()) if (v) records++;
  return { records };
}

async function dprk(rulePaths) {
  const { loadRuleSet } = await import('../dist/ruleset/load.js');
  const { activeRules } = await import('../dist/evaluate/evaluate.js');
  const { runBatch } = await import('../dist/pipeline/run-batch.js');
  const { buildReport } = await import('../dist/report/build.js');
  const rules = activeRules(loadRuleSet(rulePaths ? { paths: rulePaths } : {}).rules);
  const t0 = performance.now();
  // As `dprk-check -f json` runs it: nothing is masked, so results need not keep message parts.
  const batch = await runBatch(
    [file],
    rules,
    { cwd: ROOT, stdin: process.stdin, inputFormat: 'applicant' },
    { strict: true, enrich: {}, keepMessageParts: false },
  );
  const report = buildReport(batch.applicants, batch.errors, batch.links, {
    version: 'bench',
    rulesVersion: 'bench',
    rulesCount: rules.length,
    failOn: 'high',
    generatedAt: new Date().toISOString(),
  });
  const ms = performance.now() - t0;
  // What stays alive per applicant (results + link index), as opposed to GC headroom in peak RSS.
  let liveMB;
  if (globalThis.gc) {
    globalThis.gc();
    liveMB = Math.round((process.memoryUsage().heapUsed / 1e6) * 10) / 10;
  }
  const matches = {};
  for (const a of report.applicants) for (const f of a.findings) matches[f.ruleId] = (matches[f.ruleId] ?? 0) + 1;
  return {
    liveMB,
    records: report.summary.total,
    invalid: report.summary.invalid,
    rules: rules.length,
    links: report.links.length,
    flagged: report.summary.byLevel.high + report.summary.byLevel.critical,
    ms,
    matches,
  };
}

/** Facts for the engine comparison, prepared before timing starts (same objects for both engines). */
async function benchFacts() {
  const { validateApplicant } = await import('../dist/validate/validate-applicant.js');
  const { enrich } = await import('../dist/enrich/index.js');
  const facts = [];
  for await (const v of parsedLines()) {
    const r = validateApplicant(v, {});
    if (r.applicant) facts.push(enrich(r.applicant, {}));
  }
  return facts;
}

/** Our evaluate stage alone, bench rules, on prepared facts. */
async function engineOurs() {
  const { loadRuleSet } = await import('../dist/ruleset/load.js');
  const { evaluate, activeRules } = await import('../dist/evaluate/evaluate.js');
  const rules = activeRules(loadRuleSet({ paths: [resolve(ROOT, 'bench/rules')] }).rules);
  const facts = await benchFacts();
  const matches = {};
  const pass = (count) => {
    const t0 = performance.now();
    for (const f of facts) for (const x of evaluate(f, rules).findings) if (count) matches[x.ruleId] = (matches[x.ruleId] ?? 0) + 1;
    return performance.now() - t0;
  };
  // Two timed passes over the same facts, for both engines alike: the first includes warming up
  // (JIT, caches), the second is the steady state a long batch runs in.
  const ms = pass(true);
  return { records: facts.length, rules: rules.length, ms, warmMs: pass(false), matches };
}

/** json-rules-engine's engine.run alone, translated bench rules, on the same prepared facts. */
async function engineJre() {
  const { makeEngine } = await import('./jre-rules.js');
  const engine = makeEngine();
  const facts = await benchFacts();
  const matches = {};
  const pass = async (count) => {
    const t0 = performance.now();
    for (const applicant of facts) {
      const { events } = await engine.run({ applicant });
      if (count) for (const e of events) matches[e.type] = (matches[e.type] ?? 0) + 1;
    }
    return performance.now() - t0;
  };
  const ms = await pass(true);
  return { records: facts.length, rules: engine.rules.length, ms, warmMs: await pass(false), matches };
}

/** Where the time goes: each stage over the same records in memory (second pass, after warm-up). */
async function stages() {
  const { validateApplicant } = await import('../dist/validate/validate-applicant.js');
  const { enrich } = await import('../dist/enrich/index.js');
  const { evaluate, activeRules } = await import('../dist/evaluate/evaluate.js');
  const { loadRuleSet } = await import('../dist/ruleset/load.js');
  const { score } = await import('../dist/score/score.js');
  const { Correlator } = await import('../dist/correlate/correlator.js');
  const rules = activeRules(loadRuleSet().rules);
  const lines = [];
  let rest = '';
  for await (const chunk of createReadStream(file)) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const l of parts) if (l && lines.length < limit) lines.push(l);
  }
  const us = {};
  const time = (name, f) => {
    const t = performance.now();
    const r = f();
    us[name] = Math.round(((performance.now() - t) / lines.length) * 1000 * 10) / 10;
    return r;
  };
  for (let round = 0; round < 2; round++) {
    const values = time('JSON.parse', () => lines.map((l) => JSON.parse(l)));
    time('validate', () => values.map((v) => validateApplicant(v, {})));
    const facts = time('enrich', () => values.map((v) => enrich(v, {})));
    const evals = time(`evaluate (${rules.length} rules)`, () => facts.map((f) => evaluate(f, rules)));
    time('score', () => evals.map((e) => score(e.findings)));
    const c = new Correlator();
    time('link index', () => facts.forEach((f, i) => c.add(i, f, String(i))));
    time('find links', () => c.finish());
  }
  return { records: lines.length, us };
}

const t0 = performance.now();
let out;
if (mode === 'floor') out = await floor();
else if (mode === 'dprk') out = await dprk();
else if (mode === 'dprk-bench-rules') out = await dprk([resolve(ROOT, 'bench/rules')]);
else if (mode === 'engine-ours') out = await engineOurs();
else if (mode === 'engine-jre') out = await engineJre();
else if (mode === 'stages') out = await stages();
else if (mode === 'duckdb') out = await (await import('./duckdb-checks.js')).runDuckdb(file);
else throw new Error(`unknown mode ${mode}`);
out.ms ??= performance.now() - t0;
out.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
// CPU time of this process (user + system): steadier than wall time on a shared machine.
const cpu = process.cpuUsage();
out.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(`${JSON.stringify({ mode, ...out })}\n`);
