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

type Terminal = NodeJS.WritableStream & {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  cursorTo(x: number, y?: number): boolean;
  moveCursor(dx: number, dy: number): boolean;
  clearLine(dir: -1 | 0 | 1): boolean;
};

/** Width assumed when the terminal reports none (a pseudo-terminal nobody sized: `docker exec -t`, `script`). */
const FALLBACK_COLUMNS = 80;

/**
 * The terminal as the spinner sees it: the same stream, except that it is never narrower than one
 * column. ora divides a line's width by `columns` to know how many lines to clear, and a terminal
 * that reports 0 columns made that Infinity: it cleared lines forever, never returning to the event
 * loop, so even Ctrl-C and SIGTERM went unanswered.
 */
export function spinnerStream(terminal: Terminal): Terminal {
  return {
    get isTTY() {
      return terminal.isTTY;
    },
    get columns() {
      const c = terminal.columns;
      return typeof c === 'number' && c >= 1 ? c : FALLBACK_COLUMNS;
    },
    get rows() {
      return terminal.rows;
    },
    write: (...args: Parameters<Terminal['write']>) => terminal.write(...args),
    cursorTo: (x: number, y?: number) => terminal.cursorTo(x, y),
    moveCursor: (dx: number, dy: number) => terminal.moveCursor(dx, dy),
    clearLine: (dir: -1 | 0 | 1) => terminal.clearLine(dir),
    once: (event: string, listener: (...a: unknown[]) => void) => (terminal.once(event, listener), undefined),
    removeListener: (event: string, listener: (...a: unknown[]) => void) => (terminal.removeListener(event, listener), undefined),
  } as unknown as Terminal;
}

export async function startProgress(io: CliIO, flag: boolean | undefined, color = true): Promise<Progress> {
  if (!progressWanted(io, flag)) return NONE;
  // Loaded only for a person at a terminal: ora and its dependencies cost every other run start-up time.
  const { default: ora } = await import('ora');
  const started = Date.now();
  let last = 0;
  const spinner: Ora = ora({
    stream: spinnerStream(io.stderr as unknown as Terminal),
    isEnabled: true,
    // NO_COLOR and --no-color hold for the spinner too (ora colours it cyan otherwise).
    color: color ? 'cyan' : false,
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
      spinner.text = `Checked ${done.toLocaleString('en-US')} ${done === 1 ? 'record' : 'records'} · ${rate.toLocaleString('en-US')}/s · ${flagged.toLocaleString('en-US')} flagged so far`;
    },
    stop() {
      spinner.stop();
    },
  };
}
