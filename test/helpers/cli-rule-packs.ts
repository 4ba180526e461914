import { stringify } from 'yaml';
import { runCli } from './cli.js';
import { tempDir, writeTree } from './temp-tree.js';

/** A fresh temp directory with these files (relative path → text); removed after the test file. */
export const tempTree = (files: Record<string, string>): string => writeTree(files, tempDir('dprk-rules-'));

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

/** Run the CLI in-process, in `cwd`, with captured output and no colour (runCli underneath). */
export function cli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Captured> {
  return runCli(argv, { cwd, env: { NO_COLOR: '1', ...env }, isTTY: false, now: '2026-01-01T00:00:00Z' });
}

/** An applicant record file's text. */
export const applicant = (a: Record<string, unknown>): string => JSON.stringify({ id: 'cand-1', name: { full: 'Jordan Miller' }, ...a });
