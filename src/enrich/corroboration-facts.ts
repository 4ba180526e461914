import type { Enricher } from './enricher.js';
import { DAY_MS, parseDate } from '../util/dates.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Most of `times` (ms) that fall inside any window of `span` ms. */
export function mostInWindow(times: number[], span: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! > span) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Facts that say how far a signal goes, which the pattern rules need: every public session through
 * a hosting exit (not one VPN login), several payout changes in a few days (not one bank switch).
 * Built on the session facts, so this enricher runs after them.
 */
export const corroborationFacts: Enricher = {
  name: 'corroboration',
  provides: {
    hostingShare: {
      type: 'object',
      description: 'sessions (network.sessions and interviews) with a public IP, and how many of them came through a hosting / VPN / datacenter network',
      properties: {
        public: { type: 'integer', description: 'sessions with a public IP address' },
        hosting: { type: 'integer', description: 'of those, through a hosting, VPN or datacenter network' },
        share: { type: 'number', description: 'hosting / public, 0 to 1' },
      },
    },
    payrollChanges: {
      type: 'object',
      description: 'payroll.changes with a date',
      properties: {
        dated: { type: 'integer', description: 'changes with a usable date' },
        mostIn7Days: { type: 'integer', description: 'most changes within any 7 days' },
      },
    },
  },
  derive(a, _ctx, derived) {
    const out: Record<string, unknown> = {};
    const sessions = (derived.sessions as Array<{ ipScope?: string; hosting?: boolean }> | undefined) ?? [];
    const pub = sessions.filter((s) => s.ipScope === 'public');
    if (pub.length) {
      const hosting = pub.filter((s) => s.hosting === true).length;
      out.hostingShare = { public: pub.length, hosting, share: round2(hosting / pub.length) };
    }
    const changes = ((a.payroll as { changes?: Array<{ at?: unknown }> } | undefined)?.changes ?? [])
      .map((c) => parseDate(c.at))
      .filter((t): t is number => t !== undefined);
    if (changes.length) out.payrollChanges = { dated: changes.length, mostIn7Days: mostInWindow(changes, 7 * DAY_MS) };
    return out;
  },
};
