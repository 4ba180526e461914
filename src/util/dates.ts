import { memoize } from './memo.js';

/**
 * ISO 8601 dates as the model allows them: YYYY, YYYY-MM, YYYY-MM-DD or a full date-time with an
 * offset. Partial dates stand for the first day of their period. All results are epoch milliseconds.
 */
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const DAY_MS = 86_400_000;

export function parseDate(value: unknown): number | undefined {
  return typeof value === 'string' ? parseDateMemo(value) : undefined;
}

// Rules compare the same application, session and employment dates again and again.
const parseDateMemo = memoize(parseDateText);

function parseDateText(value: string): number | undefined {
  const m = DATE_RE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  const base = Date.UTC(year, month - 1, day);
  // Reject 2026-02-30 and friends: Date.UTC silently rolls them over.
  if (new Date(base).getUTCDate() !== day) return undefined;
  if (!m[4]) return base;
  const h = Number(m[4]);
  const min = Number(m[5]);
  const s = m[6] ? Number(m[6]) : 0;
  if (h > 23 || min > 59 || s > 60) return undefined;
  let offsetMin = 0;
  const tz = m[7];
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  return base + ((h * 60 + min) * 60 + s) * 1000 - offsetMin * 60_000;
}

export function isPlausibleDate(value: string): boolean {
  return parseDate(value) !== undefined;
}

/** Whole years from `birth` to `at`, as a person's age is counted. */
export function ageInYears(birth: number, at: number): number {
  const b = new Date(birth);
  const a = new Date(at);
  let years = a.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday = a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}

/** Epoch milliseconds inside the years the model allows; anything else is not a date we can use. */
export function isPlausibleMillis(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS;
}

const EARLIEST_MS = Date.UTC(MIN_YEAR, 0, 1);
const LATEST_MS = Date.UTC(MAX_YEAR + 1, 0, 1);

/**
 * Every number that becomes a Date goes through a range check first: `new Date(1e21)` is an
 * Invalid Date whose toISOString() throws ("Invalid time value"), and one record from an export
 * must not end the run. Undefined for what is not a plausible instant.
 */
export function isoFromEpochMs(ms: unknown): string | undefined {
  return isPlausibleMillis(ms) ? new Date(ms).toISOString() : undefined;
}

export function isoDay(ms: number): string {
  return isPlausibleMillis(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

export function isIanaTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  return knownZone(value);
}

// Building an Intl.DateTimeFormat costs tens of microseconds, and an export names a handful of zones.
const knownZone = memoize((value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 1024);
