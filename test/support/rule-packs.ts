import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/program.js';

/** A fresh temp directory with these files (relative path → text) written into it. */
export function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dprk-rules-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

/**
 * A complete, valid rule as an object: flags a phone number with the given prefix. Tests override
 * keys to make exactly the problem they are about.
 */
export function phoneRule(slug = 'phone-prefix', prefix = '+850', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Phone number starts with ${prefix}`,
    id: `network.${slug}`,
    family: 'network',
    severity: 'high',
    status: 'experimental',
    description: `A contact phone number starts with ${prefix}; a test rule for the tooling.`,
    references: [{ title: 'Test reference', url: 'https://example.org/ref', date: '2024-01-01' }],
    falsepositives: ['A legitimate number with this prefix'],
    next: 'Call the number and confirm who answers.',
    match: { field: 'contact.phones[]', startsWith: prefix },
    cases: {
      match: [{ name: 'prefixed phone', applicant: { contact: { phones: [`${prefix} 1234 5678`] } } }],
      nomatch: [{ name: 'other phone', applicant: { contact: { phones: ['+1 614 555 0142'] } } }],
    },
    ...extra,
  };
}

export const yaml = (v: unknown): string => stringify(v, { lineWidth: 0 });

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, in `cwd`, with captured output and no colour. */
export async function cli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    env: { NO_COLOR: '1', ...env },
    cwd,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** An applicant record file's text. */
export const applicant = (a: Record<string, unknown>): string => JSON.stringify({ id: 'cand-1', name: { full: 'Jordan Miller' }, ...a });
