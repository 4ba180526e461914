import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { expect, test } from 'vitest';

/**
 * Dependencies point down. The folders of src/, bottom first: a file may import its own folder and
 * folders listed BEFORE its own, never one listed after it. The README's "Development" section
 * states the same order; change both together.
 *
 * - util, model: helpers and shared types, no knowledge of any stage
 * - normalize, intel: names, phones, companies, IPs; offline IP data
 * - the stages in the order a record meets them: read → join → validate → enrich → (the rules,
 *   against the validated and derived fields: yaml, positioned YAML documents and their
 *   diagnostics; runtime, what compiled rules call (field paths, comparators, list matching, the
 *   regex engine, message templates); operators, one descriptor per condition operator; compile,
 *   rule files to closures; ruleset, loading, discovery, cache, lists, linting) → evaluate →
 *   score → correlate. score is the pure scoring formula: a record is scored once checked, and
 *   correlate re-scores the applicants a link raises, so score sits below correlate.
 * - report, redact, formats: the report and how it is rendered
 * - history, pipeline: what a run keeps; the stages wired together
 * - config, watchlist: the configuration file (loading, rule tuning, exceptions) and the sanctions
 *   list parsers: not commands, used by them
 * - cli: the commands (check, rules — with the case runner, which watchlist import runs on the
 *   rules it writes —, watchlist import, --print-config, …) and their I/O; no folder below imports it
 */
const LAYERS = [
  'util',
  'model',
  'normalize',
  'intel',
  'read',
  'join',
  'validate',
  'enrich',
  'yaml',
  'runtime',
  'operators',
  'compile',
  'ruleset',
  'evaluate',
  'score',
  'correlate',
  'report',
  'redact',
  'formats',
  'history',
  'pipeline',
  'config',
  'watchlist',
  'cli',
];

/**
 * Today's upward imports, one entry per importing file and imported file. This list only shrinks:
 * an entry that no longer exists fails the test too (delete it), and any new upward import fails.
 */
const KNOWN_UPWARD: Record<string, string> = {};

/** Cycles between files inside one folder, known today; same rule: the list only shrinks. */
const KNOWN_FILE_CYCLES: Record<string, string> = {};

const SRC = join(import.meta.dirname, '../../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative specifiers of static imports, re-exports and dynamic import() calls (comments dropped). */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const specs = [
    ...code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.'));
}

interface Edge {
  from: string;
  to: string;
}

function readGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of tsFiles(SRC)) {
    const from = relative(SRC, file).split('\\').join('/');
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const to = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
      edges.push({ from, to });
    }
  }
  return edges;
}

const folder = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '(src root)');
const edges = readGraph();

test('the import graph was read (guards the parser above)', () => {
  expect(edges.length).toBeGreaterThan(300);
  expect(edges).toContainEqual({ from: 'cli/main.ts', to: 'cli/program.ts' });
  // Every resolved import names a file that exists, so a parsing slip cannot hide an edge.
  const files = new Set(tsFiles(SRC).map((f) => relative(SRC, f).split('\\').join('/')));
  expect(edges.filter((e) => !files.has(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
});

test('every folder of src/ has a place in the layer order', () => {
  const folders = new Set(tsFiles(SRC).map((f) => folder(relative(SRC, f).split('\\').join('/'))));
  expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
});

test('no import points up the layer order (beyond the shrinking list of known ones)', () => {
  const rank = (p: string) => LAYERS.indexOf(folder(p));
  const upward = edges.filter((e) => folder(e.from) !== folder(e.to) && rank(e.to) > rank(e.from)).map((e) => `${e.from} -> ${e.to}`);
  const unique = [...new Set(upward)].sort();
  expect(
    unique.filter((e) => !Object.hasOwn(KNOWN_UPWARD, e)),
    'new upward imports: import downward instead, or move the shared piece down',
  ).toEqual([]);
  expect(
    Object.keys(KNOWN_UPWARD).filter((e) => !unique.includes(e)),
    'fixed: delete these from KNOWN_UPWARD',
  ).toEqual([]);
});

test('no cycle between folders once the known upward imports are set aside', () => {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [folder(e.from), folder(e.to)];
    if (a === b || Object.hasOwn(KNOWN_UPWARD, `${e.from} -> ${e.to}`)) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  expect(cycles(graph)).toEqual([]);
});

test('no cycle between files (beyond the known ones)', () => {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    graph.get(e.from)!.add(e.to);
  }
  const found = cycles(graph).map((c) => c.join(' ⇄ '));
  expect(found.filter((c) => !Object.hasOwn(KNOWN_FILE_CYCLES, c))).toEqual([]);
  expect(
    Object.keys(KNOWN_FILE_CYCLES).filter((c) => !found.includes(c)),
    'fixed: delete these from KNOWN_FILE_CYCLES',
  ).toEqual([]);
});

/** Strongly connected components with more than one member (Tarjan), each sorted, as cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
