import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMAT_NAMES } from '../../src/formats/index.js';

/**
 * A masked report is one to share (a hiring manager, legal, a CI log): it carries no link keys,
 * the unsalted 64-bit hashes of phones, e-mails and addresses a shard report needs for merge.
 * Neither the per-applicant `linkKeys` nor a link's `key` survives --redact, in check or merge,
 * in any format. Runs the built binary, as a user does.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dprk-check.js');
const SHARDS = ['shard-1.json', 'shard-2.json', 'shard-3.json'];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
/** Every hash the shard reports carry, from their linkKeys and their links. */
let hashes: string[];

function cli(args: string[]): Ran {
  const r = spawnSync(process.execPath, [BIN, '--no-progress', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Doc {
  redacted?: boolean;
  linkKeys?: Array<{ keys: string[] }>;
  links: Array<{ key?: string; value: string }>;
  shard?: unknown;
}
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const doc = (file: string) => JSON.parse(read(file)) as Doc;
const found = (text: string) => hashes.filter((h) => text.includes(h));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'bundle.js'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'dprk-link-keys-'));
  copyFileSync(join(ROOT, 'fixtures/batch/export.ndjson'), join(dir, 'export.ndjson'));
  SHARDS.forEach((file, i) => {
    const r = cli(['--shard', `${i + 1}/${SHARDS.length}`, '-f', `json:${file}`, 'export.ndjson']);
    expect([0, 1, 2]).toContain(r.code);
  });
  const all = new Set<string>();
  for (const file of SHARDS) {
    const d = doc(file);
    for (const k of d.linkKeys ?? []) for (const key of k.keys) all.add(key.split(':')[1]!);
    for (const l of d.links) if (l.key) all.add(l.key);
  }
  hashes = [...all];
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('merge --redact: no link key in the merged report', () => {
  test('the shard reports do carry link keys, and links with keys (the search can fail)', () => {
    expect(hashes.length).toBeGreaterThan(20);
    expect(hashes.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    expect(SHARDS.every((f) => doc(f).linkKeys !== undefined)).toBe(true);
  });

  test('unmasked, the merged report keeps its link keys: it can be merged again', () => {
    const r = cli(['merge', '-f', 'json:merged.json', ...SHARDS]);
    expect(r.code).toBe(2); // the export holds broken records
    const merged = doc('merged.json');
    expect(merged.linkKeys?.length).toBeGreaterThan(0);
    expect(merged.links.length).toBeGreaterThan(0);
    expect(merged.links.every((l) => l.key)).toBe(true);
  });

  test('--redact -f json: no linkKeys, no link key, and no shard hash anywhere in the file', () => {
    const r = cli(['merge', '--redact', '-f', 'json:masked.json', ...SHARDS]);
    expect(r.code).toBe(2);
    const masked = doc('masked.json');
    expect(masked.redacted).toBe(true);
    expect(masked).not.toHaveProperty('linkKeys');
    expect(masked.links.length).toBeGreaterThan(0);
    for (const l of masked.links) expect(l).not.toHaveProperty('key');
    expect(found(read('masked.json'))).toEqual([]);
    // The links are still there, masked: only their hashes went.
    expect(masked.links.map((l) => l.value)).toContain('[address]');
  });

  test.each(FORMAT_NAMES)('--redact -f %s: no shard hash in the output or on standard error', (format) => {
    const r = cli(['merge', '--redact', '-f', `${format}:masked.${format}`, ...SHARDS]);
    expect(r.code).toBe(2);
    expect({ format, hashes: found(read(`masked.${format}`)) }).toEqual({ format, hashes: [] });
    expect({ format, stderr: found(r.stderr) }).toEqual({ format, stderr: [] });
  });

  test('a masked merged report merges again, its links kept per report (it has no keys to link by)', () => {
    cli(['merge', '--redact', '-f', 'json:masked.json', ...SHARDS]);
    const again = cli(['merge', '-f', 'json', 'masked.json']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('masked.json carries no link keys');
    expect(found(again.stdout)).toEqual([]);
  });
});

describe('check --redact: no link keys either', () => {
  test('a masked single run keeps its links, without their keys', () => {
    const r = cli(['--redact', '-f', 'json', 'export.ndjson']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as Doc;
    expect(report.links.length).toBeGreaterThan(0);
    for (const l of report.links) expect(l).not.toHaveProperty('key');
    expect(found(r.stdout)).toEqual([]);
  });

  test('--link-keys with --redact is refused before anything is read: exit 2, nothing written', () => {
    const r = cli(['--link-keys', '--redact', '-f', 'json:refused.json', 'export.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--link-keys and --redact cannot be combined');
    expect(r.stderr).toContain('dprk-check merge --redact');
    expect(r.stderr).not.toContain('report written');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'refused.json'))).toBe(false);
  });

  test('--link-keys without a JSON output is refused before anything is read (only the JSON report carries the keys)', () => {
    for (const outputs of [[], ['-f', 'sarif:keys.sarif'], ['-f', 'text', '-f', 'csv:keys.csv']]) {
      const r = cli(['--link-keys', ...outputs, 'export.ndjson']);
      expect({ outputs, code: r.code }).toEqual({ outputs, code: 2 });
      expect(r.stderr).toContain('--link-keys puts hashed link keys in the JSON report, but no JSON report is written');
      expect(r.stderr).toContain('-f json:FILE');
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'keys.sarif'))).toBe(false);
    expect(existsSync(join(dir, 'keys.csv'))).toBe(false);
    // With a JSON output beside another format, the keys are written.
    const r = cli(['--link-keys', '-f', 'json:with-keys.json', '-f', 'sarif:with-keys.sarif', 'export.ndjson']);
    expect(r.stderr).not.toContain('no JSON report is written');
    expect(doc('with-keys.json').linkKeys?.length).toBeGreaterThan(0);
  });

  test('redact: true from the configuration is refused alike; --no-redact on the command line writes the keys', () => {
    const sub = mkdtempSync(join(dir, 'config-'));
    copyFileSync(join(dir, 'export.ndjson'), join(sub, 'export.ndjson'));
    writeFileSync(join(sub, '.dprk-check.yaml'), 'defaults:\n  redact: true\n');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [BIN, '--no-progress', ...args], { cwd: sub, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const refused = run(['--link-keys', '-f', 'json', 'export.ndjson']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('pass --no-redact');
    const kept = run(['--link-keys', '--no-redact', '-f', 'json', 'export.ndjson']);
    expect(kept.status).toBe(2); // broken records in the export
    expect((JSON.parse(kept.stdout) as Doc).linkKeys?.length).toBeGreaterThan(0);
  });

  test('--shard with --redact writes a masked shard report without link keys, and says what that means for merge', () => {
    const r = cli(['--shard', '1/3', '--redact', '-f', 'json:masked-shard.json', 'export.ndjson']);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).toContain('--shard with --redact: the masked JSON report carries no link keys');
    const shard = doc('masked-shard.json');
    expect(shard.shard).toBeDefined();
    expect(shard).not.toHaveProperty('linkKeys');
    expect(found(read('masked-shard.json'))).toEqual([]);
  });

  test('--shard without a JSON output has nothing to warn about', () => {
    const r = cli(['--shard', '1/3', '--redact', '-f', 'text', 'export.ndjson']);
    expect(r.stderr).not.toContain('--shard with --redact');
  });
});
