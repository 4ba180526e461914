import { parseLocation, profileFromUrl } from './common.js';
import { country2, str, type Obj } from './source-adapter.js';
import { lookupTable } from '../../util/lookup-table.js';

/**
 * Applicants kept in a spreadsheet: one row per applicant, one column per field below
 * (docs/sources.md, "Applicants in a spreadsheet"; `dprk-check init --csv` writes the header).
 * Several values in one cell (emails, phones, profiles) are separated by `;`.
 */
export const APPLICANT_CSV_COLUMNS: Record<string, string> = lookupTable({
  id: 'id (required)',
  full_name: 'name.full (required)',
  given_name: 'name.given',
  family_name: 'name.family',
  date_of_birth: 'dateOfBirth (YYYY-MM-DD)',
  applied_at: 'appliedAt',
  role_title: 'role.title',
  remote: 'role.remote (yes/no)',
  country: 'claimedLocation.country (ISO alpha-2 or a name)',
  region: 'claimedLocation.region',
  city: 'claimedLocation.city',
  timezone: 'claimedLocation.timezone (IANA)',
  location: 'claimedLocation as "City, Region, Country" (instead of the three columns above)',
  emails: 'contact.emails (;-separated)',
  phones: 'contact.phones (;-separated)',
  address: 'contact.addresses[0].line1',
  address_city: 'contact.addresses[0].city',
  address_region: 'contact.addresses[0].region',
  address_postal_code: 'contact.addresses[0].postalCode',
  address_country: 'contact.addresses[0].country',
  profiles: 'profiles[].url (;-separated URLs)',
  ship_to: 'equipment.shipTo.line1',
  ship_to_city: 'equipment.shipTo.city',
  ship_to_region: 'equipment.shipTo.region',
  ship_to_postal_code: 'equipment.shipTo.postalCode',
  ship_to_country: 'equipment.shipTo.country',
  payroll_method: 'payroll.method',
  bank_country: 'payroll.bank.country',
  bank_holder_name: 'payroll.bank.holderName',
  start_date: 'payroll.startDate',
});

export function looksLikeApplicantCsv(headers: string[]): boolean {
  return headers.includes('id') && headers.includes('full_name');
}

export function unknownApplicantColumns(headers: string[]): string[] {
  return headers.filter((h) => h && !(h in APPLICANT_CSV_COLUMNS));
}

const list = (v: unknown) =>
  (str(v) ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
const yes = (v: unknown) => (str(v) ? /^(y|yes|true|1)$/i.test(str(v)!) : undefined);

function compact(o: Obj): Obj | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(out).length ? out : undefined;
}

/** One spreadsheet row → an applicant record (validated like any other afterwards). */
export function fromApplicantCsv(r: Obj): Obj {
  const loc = str(r.location) ? parseLocation(str(r.location)!) : {};
  const a: Obj = {
    id: str(r.id),
    name: compact({ full: str(r.full_name), given: str(r.given_name), family: str(r.family_name) }),
    dateOfBirth: str(r.date_of_birth),
    appliedAt: str(r.applied_at),
    role: compact({ title: str(r.role_title), remote: yes(r.remote) }),
    claimedLocation: compact({
      country: country2(r.country, 'country') ?? loc.country,
      region: str(r.region) ?? loc.region,
      city: str(r.city) ?? loc.city,
      timezone: str(r.timezone),
    }),
    contact: compact({
      emails: list(r.emails),
      phones: list(r.phones),
      addresses: [
        compact({
          line1: str(r.address),
          city: str(r.address_city),
          region: str(r.address_region),
          postalCode: str(r.address_postal_code),
          country: country2(r.address_country, 'address_country'),
        }),
      ].filter(Boolean),
    }),
    profiles: list(r.profiles)
      .map((u) => profileFromUrl(u))
      .filter(Boolean),
    equipment: compact({
      shipTo: compact({
        line1: str(r.ship_to),
        city: str(r.ship_to_city),
        region: str(r.ship_to_region),
        postalCode: str(r.ship_to_postal_code),
        country: country2(r.ship_to_country, 'ship_to_country'),
      }),
    }),
    payroll: compact({
      method: str(r.payroll_method),
      startDate: str(r.start_date),
      bank: compact({ country: country2(r.bank_country, 'bank_country'), holderName: str(r.bank_holder_name) }),
    }),
    source: { system: 'csv' },
  };
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
