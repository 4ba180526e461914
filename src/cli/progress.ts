import type { Ora } from 'ora';
import type { CliIO } from './io.js';

export interface Progress {
  update(p: { done: number; flagged: number }): void;
  stop(): void;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

/** A spinner only for a person watching a terminal: never in CI logs, never on stdout. */
export function progressWanted(io: CliIO, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  const ci = io.env.CI;
  // A real terminal stream can move the cursor; something that only claims isTTY cannot host a spinner.
  const canDraw = typeof (io.stderr as { cursorTo?: unknown }).cursorTo === 'function';
  return !!io.stderr.isTTY && canDraw && (ci === undefined || ci === '' || ci === '0' || ci === 'false');
}

export async function startProgress(io: CliIO, flag: boolean | undefined): Promise<Progress> {
  if (!progressWanted(io, flag)) return NONE;
  // Loaded only for a person at a terminal: ora and its dependencies cost every other run start-up time.
  const { default: ora } = await import('ora');
  const started = Date.now();
  let last = 0;
  const spinner: Ora = ora({
    stream: io.stderr as NodeJS.WritableStream,
    isEnabled: true,
    // Standard input may be the data being read: raw mode would swallow it (and Ctrl-C).
    discardStdin: false,
    text: 'Reading applicants…',
  }).start();
  return {
    update({ done, flagged }) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
      spinner.text = `Checked ${done.toLocaleString('en-US')} records · ${rate.toLocaleString('en-US')}/s · ${flagged.toLocaleString('en-US')} flagged so far`;
    },
    stop() {
      spinner.stop();
    },
  };
}
