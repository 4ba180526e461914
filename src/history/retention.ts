/** `365d`, `12w`, `6m` (30-day months), `1y` (365 days) → days; undefined when not understood. */
export function parseRetention(text: string): number | undefined {
  const m = /^\s*(\d{1,5})\s*([dwmy])\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const per = { d: 1, w: 7, m: 30, y: 365 }[m[2]!.toLowerCase() as 'd' | 'w' | 'm' | 'y'];
  return n > 0 ? n * per : undefined;
}

export const DEFAULT_RETENTION = '365d';

/** The oldest date still kept, as an ISO string. */
export function cutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
