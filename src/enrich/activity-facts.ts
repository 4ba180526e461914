import type { Enricher } from './enricher.js';
import { parseDate } from '../util/dates.js';
import { memoize } from '../util/memo.js';

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

const DAY_MS = 86_400_000;
/** By canonical zone name: a few hundred at most, however an export spells them. */
const hourFormats = new Map<string, Intl.DateTimeFormat>();
/** Per canonical zone: UTC day number → the zone's offset in ms all that day, or null on a day its offset changes. */
const dayOffsets = new Map<string, Map<number, number | null>>();
/**
 * The zone as written → its canonical name (null: not a zone). ICU accepts any capitalisation, so
 * keyed as written the caches above could grow by one formatter per record of a hostile export.
 */
const canonicalZone = memoize((timeZone: string): string | null => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}, 1024);

/** Cached zones (tests: they stay bounded). */
export function cachedZoneCount(): number {
  return hourFormats.size;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = hourFormats.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      return null;
    }
    hourFormats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms` (a whole minute), read from the formatted wall clock. */
function offsetAt(f: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = Object.create(null);
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!) - ms;
}

/**
 * The hour of the day at `ms` in the zone `written` (any capitalisation ICU accepts). Formatting a
 * date in a zone costs microseconds, and an export has many sessions: the offset is looked up twice per zone and UTC day (at its start and at
 * the next day's start) and, when both agree — every day but the two a year when clocks change —
 * the hour is plain arithmetic. On a day the offset changes, every time is formatted on its own.
 */
export function localHour(ms: number, written: string): number | undefined {
  const timeZone = canonicalZone(written);
  const f = timeZone === null ? null : formatterFor(timeZone);
  if (timeZone === null || !f || !Number.isFinite(ms)) return undefined;
  const day = Math.floor(ms / DAY_MS);
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  let off = days.get(day);
  if (off === undefined) {
    const start = offsetAt(f, day * DAY_MS);
    off = start === offsetAt(f, (day + 1) * DAY_MS) ? start : null;
    if (days.size >= 4096) days.clear();
    days.set(day, off);
  }
  const at = off === null ? offsetAt(f, ms - (((ms % 60_000) + 60_000) % 60_000)) + ms : ms + off;
  return Math.floor((((at % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
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
