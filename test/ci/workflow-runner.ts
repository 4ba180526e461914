import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A tiny local stand-in for the GitHub Actions runner, enough to run docs/examples/dprk-check.yml:
 * matrix jobs, `needs`, `if: always()`, step outputs, env, $GITHUB_OUTPUT / $GITHUB_STEP_SUMMARY,
 * and the artifact actions as copies between folders. Anything else the workflow starts to use
 * (another expression, another action, another `if`) throws, so the test cannot silently skip it.
 */

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
export interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, unknown>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}
export interface Workflow {
  jobs: Record<string, Job>;
}

export interface StepResult {
  job: string;
  name: string;
  skipped: boolean;
  code: number;
  stdout: string;
  stderr: string;
}
export interface JobRun {
  job: string;
  matrix: Record<string, unknown>;
  dir: string;
  ok: boolean;
  summary: string;
  steps: StepResult[];
}

export interface RunnerOptions {
  root: string; // a scratch folder: one work dir per job run, artifacts beside them
  prepare: (dir: string) => void; // lays out a fresh checkout (inputs, scripts) for each job run
  path: string; // PATH prefix that holds a `dprk-check` command
  skipSteps: string[]; // steps done by the test itself (installing dprk-check)
}

type Context = { matrix: Record<string, unknown>; jobTotal: number; outputs: Record<string, Record<string, string>> };

function expression(expr: string, ctx: Context): string {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^matrix\.(\w+)$/.exec(e))) return String(ctx.matrix[m[1]!]);
  if (e === 'strategy.job-total') return String(ctx.jobTotal);
  if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return ctx.outputs[m[1]!]?.[m[2]!] ?? '';
  throw new Error(`workflow runner: expression not supported here: \${{ ${e} }}`);
}

const substitute = (s: string, ctx: Context): string => s.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => expression(e, ctx));

/** Only the conditions the workflow is meant to use; anything else is a test failure. */
function shouldRun(cond: string | undefined, failedSoFar: boolean): boolean {
  if (cond === undefined) return !failedSoFar;
  if (cond.trim() === 'always()') return true;
  throw new Error(`workflow runner: condition not supported here: ${cond}`);
}

function parseOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

function matrixRuns(job: Job): Record<string, unknown>[] {
  const matrix = job.strategy?.matrix;
  if (!matrix) return [{}];
  const keys = Object.keys(matrix);
  if (keys.length !== 1) throw new Error('workflow runner: one matrix axis only');
  return matrix[keys[0]!]!.map((v) => ({ [keys[0]!]: v }));
}

function runUses(step: Step, dir: string, artifacts: string, ctx: Context): { code: number; stderr: string } {
  const action = step.uses!.replace(/@.*/, '');
  const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
  switch (action) {
    case 'actions/checkout':
    case 'actions/setup-node':
      return { code: 0, stderr: '' };
    case 'actions/upload-artifact': {
      const target = join(artifacts, w.name!);
      mkdirSync(target, { recursive: true });
      const file = join(dir, w.path!);
      if (!existsSync(file)) return { code: 0, stderr: `warning: no files found at ${w.path}` }; // if-no-files-found: warn
      copyFileSync(file, join(target, w.path!));
      return { code: 0, stderr: '' };
    }
    case 'actions/download-artifact': {
      if (w['merge-multiple'] !== 'true' || !w.pattern?.endsWith('*')) throw new Error('workflow runner: only pattern + merge-multiple downloads');
      const prefix = w.pattern.slice(0, -1);
      for (const name of existsSync(artifacts) ? readdirSync(artifacts) : []) {
        if (!name.startsWith(prefix)) continue;
        for (const f of readdirSync(join(artifacts, name))) copyFileSync(join(artifacts, name, f), join(dir, f));
      }
      return { code: 0, stderr: '' };
    }
    case 'github/codeql-action/upload-sarif': {
      // Code scanning refuses a missing or malformed file: so does this.
      const file = join(dir, w.sarif_file!);
      if (!existsSync(file)) return { code: 1, stderr: `no SARIF file at ${w.sarif_file}` };
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; runs?: unknown[] };
      if (sarif.version !== '2.1.0' || !Array.isArray(sarif.runs)) return { code: 1, stderr: 'not SARIF 2.1.0' };
      mkdirSync(join(artifacts, '..', 'code-scanning'), { recursive: true });
      copyFileSync(file, join(artifacts, '..', 'code-scanning', `${w.category}.sarif`));
      return { code: 0, stderr: '' };
    }
    default:
      throw new Error(`workflow runner: action not supported here: ${step.uses}`);
  }
}

/** Run every job in order of `needs`; returns one JobRun per job and matrix entry. */
export function runWorkflow(wf: Workflow, o: RunnerOptions): JobRun[] {
  const artifacts = join(o.root, 'artifacts');
  const runs: JobRun[] = [];
  const jobOk: Record<string, boolean> = {};
  const pending = Object.keys(wf.jobs);
  while (pending.length) {
    const name = pending.find((j) => [wf.jobs[j]!.needs ?? []].flat().every((n) => n in jobOk));
    if (!name) throw new Error('workflow runner: a cycle in needs');
    pending.splice(pending.indexOf(name), 1);
    const job = wf.jobs[name]!;
    const needsOk = [job.needs ?? []].flat().every((n) => jobOk[n]);
    if (!shouldRun(job.if, !needsOk)) {
      jobOk[name] = false;
      continue;
    }
    const entries = matrixRuns(job);
    jobOk[name] = true;
    entries.forEach((matrix, index) => {
      const dir = join(o.root, `${name}-${index + 1}`);
      mkdirSync(dir, { recursive: true });
      o.prepare(dir);
      const ctx: Context = { matrix, jobTotal: entries.length, outputs: {} };
      const summaryFile = join(dir, '.step-summary');
      writeFileSync(summaryFile, '');
      const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
      let failed = false;
      const steps: StepResult[] = [];
      job.steps.forEach((step, i) => {
        const label = step.name ?? step.uses ?? `step ${i + 1}`;
        if (o.skipSteps.includes(label) || !shouldRun(step.if, failed)) {
          steps.push({ job: name, name: label, skipped: true, code: 0, stdout: '', stderr: '' });
          return;
        }
        let r: { code: number; stdout?: string; stderr: string };
        if (step.uses) {
          r = runUses(step, dir, artifacts, ctx);
        } else {
          const script = join(dir, `.step-${i}.sh`);
          writeFileSync(script, substitute(step.run!, ctx));
          chmodSync(script, 0o755);
          const outFile = join(dir, `.step-${i}.out`);
          const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), ctx)]));
          const p = spawnSync('bash', ['-e', script], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 120_000,
            env: {
              ...process.env,
              PATH: `${o.path}:${process.env.PATH}`,
              CI: 'true',
              GITHUB_ACTIONS: 'true',
              NO_COLOR: '1',
              FORCE_COLOR: undefined,
              ...jobEnv,
              ...env,
              GITHUB_OUTPUT: outFile,
              GITHUB_STEP_SUMMARY: summaryFile,
            },
          });
          r = { code: p.status ?? 1, stdout: p.stdout, stderr: p.stderr };
          if (step.id) ctx.outputs[step.id] = parseOutputs(outFile);
        }
        if (r.code !== 0) failed = true;
        steps.push({ job: name, name: label, skipped: false, code: r.code, stdout: r.stdout ?? '', stderr: r.stderr });
      });
      if (failed) jobOk[name] = false;
      runs.push({ job: name, matrix, dir, ok: !failed, summary: readFileSync(summaryFile, 'utf8'), steps });
    });
  }
  return runs;
}
