import type { SchemaNode } from '../model/schema-node.js';
import { DAY_MS, parseDate } from '../util/dates.js';
import { lookupTable } from '../util/lookup-table.js';

/** How consistently sessions sit outside the declared country, and how many countries in a week. */
export const SESSION_SUMMARY_SCHEMA: Record<string, SchemaNode> = lookupTable({
  sessionLocation: {
    type: 'object',
    description: 'observed session countries against claimedLocation.country (sessions without a country are left out)',
    properties: {
      located: { type: 'integer', description: 'sessions with an observed country' },
      elsewhere: { type: 'integer', description: 'located sessions whose country differs from claimedLocation.country (only when it is declared)' },
      elsewhereShare: { type: 'number', description: 'elsewhere / located, 0 to 1' },
      countriesIn7Days: { type: 'integer', description: 'most distinct observed countries among sessions within any 7 days (sessions with a time only)' },
    },
  },
  countryShares: {
    type: 'array',
    description: 'each observed country with its number and share of located sessions, most frequent first',
    items: {
      type: 'object',
      properties: {
        country: { type: 'string' },
        sessions: { type: 'integer' },
        share: { type: 'number', description: '0 to 1' },
      },
    },
  },
});

const WINDOW_MS = 7 * DAY_MS;
const round2 = (x: number) => Math.round(x * 100) / 100;

function countriesInWindow(timed: Array<{ t: number; country: string }>): number {
  timed.sort((a, b) => a.t - b.t);
  let best = 0;
  let lo = 0;
  const counts = new Map<string, number>();
  for (const s of timed) {
    counts.set(s.country, (counts.get(s.country) ?? 0) + 1);
    while (s.t - timed[lo]!.t > WINDOW_MS) {
      const c = timed[lo]!.country;
      const n = counts.get(c)! - 1;
      if (n === 0) counts.delete(c);
      else counts.set(c, n);
      lo++;
    }
    best = Math.max(best, counts.size);
  }
  return best;
}

export function summariseSessions(sessions: Array<Record<string, unknown>>, declaredCountry: string | undefined): Record<string, unknown> {
  const located = sessions.filter((s): s is Record<string, unknown> & { country: string } => typeof s.country === 'string');
  if (located.length === 0) return {};
  const summary: Record<string, unknown> = { located: located.length };
  if (declaredCountry) {
    const elsewhere = located.filter((s) => s.country.toUpperCase() !== declaredCountry.toUpperCase()).length;
    summary.elsewhere = elsewhere;
    summary.elsewhereShare = round2(elsewhere / located.length);
  }
  const timed = located.flatMap((s) => {
    const t = parseDate(s.at);
    return t === undefined ? [] : [{ t, country: s.country }];
  });
  if (timed.length) summary.countriesIn7Days = countriesInWindow(timed);
  const counts = new Map<string, number>();
  for (const s of located) counts.set(s.country, (counts.get(s.country) ?? 0) + 1);
  const countryShares = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([country, n]) => ({ country, sessions: n, share: round2(n / located.length) }));
  return { sessionLocation: summary, countryShares };
}
