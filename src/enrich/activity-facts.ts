import type { Enricher } from './enricher.js';
import { parseDate } from '../util/dates.js';

/** A time with a clock and an explicit offset: without one, the hour of day is a guess. */
export const TIMED = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Night at the declared place: 22:00 to 05:59. */
const NIGHT_FROM = 22;
const NIGHT_TO = 6;
/** A working day in UTC+8 (China) or UTC+9 (North Korea's own time; Russia's Far East is +9 to +10). */
const ASIA_OFFSETS = [8, 9];
const ASIA_DAY = [9, 18];
/** Hours that count as an ordinary day at the declared place: such sessions never count as "Asian working day". */
const LOCAL_DAY = [8, 20];

const hourFormats = new Map<string, Intl.DateTimeFormat>();

export function localHour(ms: number, timeZone: string): number | undefined {
  let f = hourFormats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    } catch {
      return undefined;
    }
    hourFormats.set(timeZone, f);
  }
  return Number(f.format(new Date(ms)));
}

function inAsianWorkday(ms: number): boolean {
  return ASIA_OFFSETS.some((off) => {
    const d = new Date(ms + off * 3_600_000);
    const day = d.getUTCDay();
    const h = d.getUTCHours();
    return day >= 1 && day <= 5 && h >= ASIA_DAY[0]! && h < ASIA_DAY[1]!;
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * When the applicant is active, read in the time zone they declared. Only self-chosen sessions
 * count (network.sessions): interview times are set with the employer and say little about the
 * applicant's own day.
 */
export const activityFacts: Enricher = {
  name: 'activity',
  provides: {
    activity: {
      type: 'object',
      description: 'network.sessions times read in claimedLocation.timezone (only sessions with a date-time and an explicit offset or Z)',
      properties: {
        timezone: { type: 'string' },
        timed: { type: 'integer', description: 'sessions with a usable time' },
        night: { type: 'integer', description: 'sessions between 22:00 and 05:59 at the declared place' },
        nightShare: { type: 'number', description: 'night / timed, 0 to 1' },
        asiaWorkday: {
          type: 'integer',
          description: 'sessions inside a Monday–Friday 09:00–17:59 working day at UTC+8 or UTC+9 and outside 08:00–19:59 at the declared place',
        },
        asiaWorkdayShare: { type: 'number', description: 'asiaWorkday / timed, 0 to 1' },
      },
    },
  },
  derive(a) {
    const tz = a.claimedLocation?.timezone;
    const sessions = a.network?.sessions ?? [];
    if (!tz || sessions.length === 0) return {};
    let timed = 0;
    let night = 0;
    let asia = 0;
    for (const s of sessions) {
      if (typeof s.at !== 'string' || !TIMED.test(s.at.trim())) continue;
      const ms = parseDate(s.at);
      if (ms === undefined) continue;
      const h = localHour(ms, tz);
      if (h === undefined) return {};
      timed++;
      if (h >= NIGHT_FROM || h < NIGHT_TO) night++;
      if (inAsianWorkday(ms) && (h < LOCAL_DAY[0]! || h >= LOCAL_DAY[1]!)) asia++;
    }
    if (timed === 0) return {};
    return {
      activity: { timezone: tz, timed, night, nightShare: round2(night / timed), asiaWorkday: asia, asiaWorkdayShare: round2(asia / timed) },
    };
  },
};
