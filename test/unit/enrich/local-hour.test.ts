import { expect, test } from 'vitest';
import { cachedZoneCount, localHour } from '../../../src/enrich/activity-facts.js';

/** What localHour computed before its per-day offset cache: one formatted hour per time. */
const reference = new Map<string, Intl.DateTimeFormat>();
function formatted(ms: number, timeZone: string): number {
  if (!reference.has(timeZone)) reference.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }));
  return Number(reference.get(timeZone)!.format(new Date(ms))) % 24;
}

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Pyongyang',
  'UTC',
  'Europe/Moscow',
  'America/Sao_Paulo',
  'Asia/Calcutta',
];

test('gives the same hour as formatting each time, on ordinary days and on the days clocks change', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const times: number[] = [];
  for (let i = 0; i < 400; i++) times.push(Date.UTC(2000, 0, 1) + Math.floor(rand() * 30 * 365.25 * 86_400_000));
  // Every quarter hour around known transitions (US, EU, Lord Howe's half hour, Chatham, Pyongyang 2015/2018).
  for (const day of ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-09-27', '2015-08-14', '2018-05-04']) {
    const d = Date.parse(`${day}T00:00:00Z`);
    for (let q = -8; q < 4 * 24 + 8; q++) times.push(d + q * 900_000 + 59_000);
  }
  const wrong: string[] = [];
  for (const tz of ZONES)
    for (const ms of times)
      if (localHour(ms, tz) !== formatted(ms, tz)) wrong.push(`${tz} ${new Date(ms).toISOString()}: ${localHour(ms, tz)} vs ${formatted(ms, tz)}`);
  expect(wrong.slice(0, 10)).toEqual([]);
});

test('an unknown zone or an impossible time gives no hour', () => {
  expect(localHour(Date.UTC(2026, 0, 1), 'Mars/Olympus_Mons')).toBeUndefined();
  expect(localHour(Number.NaN, 'UTC')).toBeUndefined();
  expect(localHour(Date.UTC(2026, 0, 1, 23, 30), 'UTC')).toBe(23);
  expect(localHour(Date.UTC(2026, 0, 1, 23, 30), 'Asia/Pyongyang')).toBe(8);
});

test('a zone spelled in any capitalisation is the same zone, and the caches hold it once', () => {
  const ms = Date.UTC(2026, 2, 8, 14, 30);
  const before = cachedZoneCount();
  const spellings = Array.from({ length: 300 }, (_, i) =>
    [...'America/Chicago'].map((c, j) => ((i >> (j % 9)) & 1 ? c.toUpperCase() : c.toLowerCase())).join(''),
  );
  const hours = new Set(spellings.map((z) => localHour(ms, z)));
  expect(hours).toEqual(new Set([formatted(ms, 'America/Chicago')]));
  expect(cachedZoneCount() - before).toBeLessThanOrEqual(1);
  expect(localHour(ms, 'Not/A_Zone')).toBeUndefined();
});
