import type { Address } from '../../model/applicant.js';
import { lookupTable } from '../../util/lookup-table.js';
import { isoFromEpochMs } from '../../util/dates.js';

/** What an adapter produced, and what it could not carry over (the mapping report). */
export interface Mapping {
  applicant: Record<string, unknown>;
  unmapped: string[];
}

export type Obj = Record<string, unknown>;

export { isObj } from '../../util/is-object.js';
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** ATS dates come as full timestamps; the model's education/employment dates are days. */
export function day(v: unknown): string | undefined {
  const s = str(v);
  const m = s && /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(s);
  return m ? m[1] : undefined;
}

/** Epoch milliseconds → ISO date-time; undefined unless a plausible instant (1900–2100). */
export function isoFromMillis(v: unknown): string | undefined {
  return isoFromEpochMs(v);
}

let countries: Map<string, string> | undefined;

/**
 * Country name or code → ISO 3166-1 alpha-2, from the runtime's own CLDR names (offline, no data
 * file), plus the spellings exports use that CLDR does not.
 */
export function countryCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!countries) {
    countries = new Map();
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (name) {
          countries.set(name.toLowerCase(), code);
          countries.set(code.toLowerCase(), code);
        }
      }
    }
    for (const [alias, code] of Object.entries(ALIASES)) countries.set(alias, code);
  }
  return countries.get(raw.trim().toLowerCase().replace(/\.$/, ''));
}

const ALIASES: Record<string, string> = lookupTable({
  usa: 'US',
  'u.s': 'US',
  'u.s.a': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea, republic of': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'russian federation': 'RU',
  vietnam: 'VN',
  'viet nam': 'VN',
  uae: 'AE',
  'czech republic': 'CZ',
  holland: 'NL',
  'the netherlands': 'NL',
  turkey: 'TR',
});

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);

const AMBIGUOUS = new Set(['georgia']);

/** "City, Region, Country" as ATSs write it → the parts we can tell apart. */
export function parseLocation(raw: string): { city?: string; region?: string; country?: string; rest?: string } {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return {};
  const last = parts[parts.length - 1]!;
  // "Phoenix, AZ" is Arizona, not Azerbaijan: two-letter codes after a city are US states first.
  if (parts.length === 2 && /^[A-Z]{2}$/.test(last) && US_STATES.has(last)) return { city: parts[0], region: last, country: 'US' };
  // "Atlanta, Georgia" is far more often the US state than the country in an export.
  const country = AMBIGUOUS.has(last.toLowerCase()) ? undefined : countryCode(last);
  const body = country ? parts.slice(0, -1) : parts;
  if (body.length === 0) return { country };
  if (body.length === 1) return country ? { city: body[0], country } : { city: body[0] };
  return { city: body[0], region: body.slice(1).join(', '), ...(country ? { country } : {}) };
}

/**
 * A free-text postal address ("123 City Street\nNew York, Ny 10001") → the model's fields. Only the
 * shapes we can read with confidence are split; anything else keeps the whole text in line1 so
 * address linking still compares it.
 */
export function parseFreeAddress(raw: string, type?: string): { address: Address; note?: string } {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const base: Address = type ? { type } : {};
  if (lines.length >= 2) {
    const last = lines[lines.length - 1]!;
    const maybeCountry = countryCode(last);
    const cityLine = maybeCountry && lines.length >= 3 ? lines[lines.length - 2]! : last;
    const street = lines.slice(0, maybeCountry && lines.length >= 3 ? -2 : -1);
    const us = /^(.+?),\s*([A-Za-z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/.exec(cityLine);
    if (us && US_STATES.has(us[2]!.toUpperCase()) && (!maybeCountry || maybeCountry === 'US')) {
      return {
        address: {
          ...base,
          line1: street[0],
          ...(street[1] ? { line2: street.slice(1).join(', ') } : {}),
          city: us[1],
          region: us[2]!.toUpperCase(),
          postalCode: us[3],
          country: 'US',
        },
        ...(maybeCountry ? {} : { note: 'country taken as US from the state and ZIP code' }),
      };
    }
    const eu = /^(\d{4,5}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s+(.+)$/i.exec(cityLine);
    if (eu && maybeCountry) {
      return {
        address: {
          ...base,
          line1: street[0],
          ...(street[1] ? { line2: street.slice(1).join(', ') } : {}),
          postalCode: eu[1],
          city: eu[2],
          country: maybeCountry,
        },
      };
    }
  }
  return { address: { ...base, line1: lines.join(', ').slice(0, 1024) }, note: 'kept as one line (could not split street, city and postal code)' };
}

const NETWORKS: Array<[RegExp, string]> = [
  [/(^|\.)linkedin\.com$/i, 'linkedin'],
  [/(^|\.)github\.com$/i, 'github'],
  [/(^|\.)gitlab\.com$/i, 'gitlab'],
  [/(^|\.)(twitter|x)\.com$/i, 'twitter'],
  [/(^|\.)stackoverflow\.com$/i, 'stackoverflow'],
  [/(^|\.)upwork\.com$/i, 'upwork'],
  [/(^|\.)freelancer\.com$/i, 'freelancer'],
  [/(^|\.)indeed\.com$/i, 'indeed'],
];

/** A profile or website URL → { network, url, username? }; undefined when it is not a URL. */
export function profileFromUrl(raw: string): Record<string, unknown> | undefined {
  const text = raw.trim();
  if (!/^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i.test(text)) return undefined;
  const url = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  let host: string;
  let path: string[];
  try {
    const u = new URL(url);
    host = u.hostname;
    path = u.pathname.split('/').filter(Boolean);
  } catch {
    return undefined;
  }
  const network = NETWORKS.find(([re]) => re.test(host))?.[1] ?? 'website';
  const username = network === 'github' && path.length === 1 ? path[0] : undefined;
  return { network, url: url.slice(0, 2048), ...(username ? { username } : {}) };
}

/** Keys an adapter reads or knowingly ignores; anything else in a record goes in the mapping report. */
export function unknownKeys(record: Obj, known: Set<string>): string[] {
  return Object.keys(record).filter((k) => !known.has(k));
}
