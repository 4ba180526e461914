/** The exit-code contract (README "Exit codes"), as in ESLint. */
export const EXIT = {
  /** No applicant at or above --fail-on. */
  OK: 0,
  /** At least one applicant at or above --fail-on. */
  FLAGGED: 1,
  /** Could not do what was asked: bad arguments, unreadable rules, or a record that could not be checked. */
  ERROR: 2,
  /**
   * Stopped by Ctrl-C (128 + SIGINT, the shell convention): a partial report was still written.
   * Not 2, so a CI step can tell "cancelled" from "bad input"; like 2 it never passes a gate.
   */
  INTERRUPTED: 130,
  /** Stopped by SIGTERM (128 + 15): the same partial report as Ctrl-C. */
  TERMINATED: 143,
  /** Stopped by SIGHUP (128 + 1: the terminal was closed): the same partial report as Ctrl-C. */
  HANGUP: 129,
} as const;
