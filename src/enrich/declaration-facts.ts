import type { Address } from '../model/applicant.js';
import type { Enricher } from './enricher.js';
import { localHour, TIMED } from './activity-facts.js';
import { sameAddress } from '../normalize/address.js';
import { sameCompany } from '../normalize/company.js';
import { sameName } from '../normalize/name.js';
import { DAY_MS, parseDate } from '../util/dates.js';
import { lookupTable } from '../util/lookup-table.js';

interface Declarations {
  travel?: Array<{ countries: string[]; from?: string; to?: string }>;
  workingHours?: { shift?: 'day' | 'evening' | 'night' | 'rotating'; start?: string; end?: string };
  payment?: { arrangement: string; provider?: string; holderName?: string };
  previousAddresses?: Array<{ address: Address; from?: string; to?: string }>;
}

/** Share of timed sessions that must fall inside the declared hours for them to explain the activity. */
const HOURS_COVER = 0.75;
/** Hours of each declared shift, local at the declared place ([from, to), wrapping at midnight). */
const SHIFT_HOURS: Record<string, [number, number]> = lookupTable({ day: [7, 19], evening: [15, 24], night: [20, 8], rotating: [0, 24] });

const inHours = (h: number, [from, to]: [number, number]) => (from <= to ? h >= from && h < to : h >= from || h < to);

/** A day given as YYYY-MM-DD covers that whole day: the end of a trip is inclusive. */
function endOfDay(value: string | undefined): number | undefined {
  const t = parseDate(value);
  if (t === undefined || value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? t + DAY_MS - 1 : t;
}

/**
 * What the record's declarations (declarations.*) say about the facts they could explain. Each
 * fact is set only when the declaration is specific enough to explain anything: a trip needs its
 * countries and both dates, hours a shift or a start and end, a payment arrangement the provider or
 * holder it names, a previous address the date it ended. "Travelling" alone explains nothing.
 */
export const declarationFacts: Enricher = {
  name: 'declarations',
  provides: {
    declared: {
      type: 'object',
      description: 'what the declarations explain (set only for specific declarations)',
      properties: {
        travelCoversSessions: {
          type: 'boolean',
          description: 'every located session outside claimedLocation.country falls inside a declared trip (countries, from, to) to that country',
        },
        hoursCoverActivity: {
          type: 'boolean',
          description: `at least ${HOURS_COVER * 100}% of timed network.sessions fall inside the declared working hours or shift, at the declared place`,
        },
        payeesMatchDeclared: {
          type: 'boolean',
          description: 'every payee who is not the applicant is the declared provider (employer of record, agency) or the named joint holder',
        },
        shipToIsPreviousAddress: { type: 'boolean', description: 'equipment.shipTo is a declared previous address' },
        daysSinceMove: { type: 'integer', description: 'days from the latest declared move-out (previousAddresses[].to) to appliedAt' },
      },
    },
  },
  derive(a, _ctx, derived) {
    const d = (a as { declarations?: Declarations }).declarations;
    if (!d) return {};
    const out: Record<string, unknown> = {};
    const home = a.claimedLocation?.country;

    const trips = (d.travel ?? [])
      .map((t) => ({ countries: new Set(t.countries), from: parseDate(t.from), to: endOfDay(t.to) }))
      .filter((t) => t.from !== undefined && t.to !== undefined && t.from <= t.to);
    const abroad = ((derived.sessions as Array<{ at?: unknown; country?: string }> | undefined) ?? []).filter((s) => s.country && s.country !== home);
    if (trips.length && abroad.length) {
      out.travelCoversSessions = abroad.every((s) => {
        const t = parseDate(s.at);
        return t !== undefined && trips.some((trip) => trip.countries.has(s.country!) && t >= trip.from! && t <= trip.to!);
      });
    }

    const wh = d.workingHours;
    const hours: [number, number] | undefined =
      wh?.start && wh.end
        ? [Number(wh.start.slice(0, 2)), Number(wh.end.slice(0, 2)) + (wh.end.slice(3) === '00' ? 0 : 1)]
        : wh?.shift
          ? SHIFT_HOURS[wh.shift]
          : undefined;
    const tz = a.claimedLocation?.timezone;
    if (hours && tz) {
      let timed = 0;
      let inside = 0;
      for (const s of a.network?.sessions ?? []) {
        if (typeof s.at !== 'string' || !TIMED.test(s.at.trim())) continue;
        const ms = parseDate(s.at);
        const h = ms === undefined ? undefined : localHour(ms, tz);
        if (h === undefined) continue;
        timed++;
        if (inHours(h, hours)) inside++;
      }
      if (timed) out.hoursCoverActivity = inside / timed >= HOURS_COVER;
    }

    const pay = d.payment;
    const payees = ((derived.payees as Array<{ holderName?: string }> | undefined) ?? []).map((p) => p.holderName).filter((n): n is string => !!n);
    const own = [a.name.full, ...(a.name.aliases ?? [])];
    const others = payees.filter((n) => !own.some((o) => sameName(n, o) === true));
    if (pay && (pay.provider || pay.holderName) && others.length) {
      out.payeesMatchDeclared = others.every(
        (n) => (pay.provider ? sameCompany(n, pay.provider) : false) || (pay.holderName ? sameName(n, pay.holderName) === true : false),
      );
    }

    const prev = d.previousAddresses ?? [];
    const shipTo = a.equipment?.shipTo;
    if (shipTo && prev.length) out.shipToIsPreviousAddress = prev.some((p) => p.to && sameAddress(shipTo, p.address) === true);
    const at = parseDate(a.appliedAt);
    const moves = prev.map((p) => parseDate(p.to)).filter((t): t is number => t !== undefined);
    if (at !== undefined && moves.length) out.daysSinceMove = Math.max(0, Math.round((at - Math.max(...moves)) / DAY_MS));

    return Object.keys(out).length ? { declared: out } : {};
  },
};
