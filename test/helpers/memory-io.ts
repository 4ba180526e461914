import { captureIO } from './cli.js';

/** A CliIO that records what the CLI prints, for in-process runs (a wrapper over captureIO). */
export function memoryIO(cwd: string, env: Record<string, string | undefined> = {}) {
  return captureIO({ cwd, env, isTTY: false, now: '2026-11-01T12:00:00Z' });
}
