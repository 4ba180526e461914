#!/usr/bin/env node
// npm run fuzz -- [--count N] [--seconds S] [--seed X] [--kinds records,rules,configs,csv]
//                 [--batch N] [--regressions] [--only TEXT] [--save] [--json] [--spawn]
// Bounded in count and time. Exit 0 when every failure is listed in fuzz/known-failures.json,
// 1 when something new failed (or a known failure now passes: remove it from the file).
import { parseArgs } from 'node:util';
import { DEFAULTS, KINDS, fuzz, knownFailures, expectedBy, regressions, saveRegression } from './lib/harness.mjs';

const { values: a } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '120' },
    seed: { type: 'string', default: String(Date.now()) },
    kinds: { type: 'string', default: KINDS.join(',') },
    batch: { type: 'string', default: String(DEFAULTS.batch) },
    regressions: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    save: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    spawn: { type: 'boolean', default: false },
  },
});

const say = (s) => {
  if (!a.json) process.stdout.write(`${s}\n`);
};
let bad = 0;

if (a.regressions) {
  const results = await regressions({ only: a.only, spawn: a.spawn });
  const known = knownFailures();
  for (const r of results) {
    if (r.ok && known[r.id]) {
      bad++;
      say(`PASSES  ${r.id}  (listed in fuzz/known-failures.json: remove it)`);
    } else if (r.ok) say(`ok      ${r.id}  ${Math.round(r.ms)} ms`);
    else if (r.expected) say(`known   ${r.id}  ${r.problems[0]}\n        why: ${known[r.expected]}`);
    else {
      bad++;
      say(`FAIL    ${r.id}\n${r.problems.map((p) => `        - ${p}`).join('\n')}`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  say(
    `\nregressions: ${results.length} cases, ${results.length - failed.length} pass, ${failed.filter((r) => r.expected).length} known failures, ${bad} unexpected`,
  );
  if (a.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const known = knownFailures();
  const figures = await fuzz({
    seed: a.seed,
    count: Number(a.count),
    seconds: Number(a.seconds),
    kinds: a.kinds.split(','),
    batch: Number(a.batch),
    spawn: a.spawn,
    onResult: (r) => {
      if (!a.json) process.stdout.write(r.ok ? '.' : 'F');
    },
  });
  say('');
  for (const f of figures.failures) {
    const why = expectedBy(known, f);
    if (!why) bad++;
    say(
      `${why ? 'known' : 'FAIL'}  ${f.id} (${f.kind})${why ? `  — ${known[why]}` : ''}\n${f.problems.map((p) => `      - ${p}`).join('\n')}\n      input: ${(f.case.note ?? '').split('\n').slice(0, 3).join(' | ').slice(0, 300)}`,
    );
    if (a.save && !why) say(`      saved as ${saveRegression(f.case, f)}`);
  }
  const i = figures.inputs;
  say(
    `fuzz: seed ${figures.seed}: ${figures.cases} cases (${i.records} records, ${i.rules} rule files, ${i.configs} configs, ${i.csv} CSVs) in ${figures.runs} CLI runs, ${figures.seconds.toFixed(1)} s: ${figures.casesPerSecond.toFixed(2)} cases/s, ${figures.recordsPerSecond.toFixed(1)} records/s; ${figures.failures.length} failing (${bad} unexpected)`,
  );
  if (a.json) process.stdout.write(`${JSON.stringify({ ...figures, failures: figures.failures.map(({ case: _c, ...f }) => f) }, null, 2)}\n`);
}
process.exitCode = bad ? 1 : 0;
