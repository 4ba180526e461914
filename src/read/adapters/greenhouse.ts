import type { Mapping, Obj } from './common.js';
import { arr, day, isObj, parseFreeAddress, parseLocation, profileFromUrl, str, unknownKeys } from './common.js';
import { plural } from '../../util/plural.js';

/**
 * Greenhouse Harvest v1 candidate (the nested shape of GET /v1/candidates, still what archives and
 * warehouses hold after v1/v2 were retired) → applicant model. Field names follow
 * grnhse/greenhouse-api-docs source/includes/harvest/_candidates.md.
 */
const KNOWN = new Set([
  'id',
  'first_name',
  'last_name',
  'company',
  'title',
  'created_at',
  'updated_at',
  'last_activity',
  'is_private',
  'photo_url',
  'attachments',
  'application_ids',
  'phone_numbers',
  'addresses',
  'email_addresses',
  'website_addresses',
  'social_media_addresses',
  'recruiter',
  'coordinator',
  'can_email',
  'tags',
  'applications',
  'educations',
  'employments',
  'linked_user_ids',
  'custom_fields',
  'keyed_custom_fields',
]);

/** Heuristic used by --input-format auto. */
export function looksLikeGreenhouse(v: Obj): boolean {
  return (
    (typeof v.first_name === 'string' || typeof v.last_name === 'string') &&
    !isObj(v.name) &&
    ('email_addresses' in v || 'phone_numbers' in v || 'application_ids' in v || 'applications' in v)
  );
}

/** Where this organisation keeps the date of birth: a custom-field key (default `date_of_birth`). */
export interface GreenhouseOptions {
  dobField?: string;
}

export function fromGreenhouse(c: Obj, options: GreenhouseOptions = {}): Mapping {
  const unmapped: string[] = [];
  const given = str(c.first_name);
  const family = str(c.last_name);
  const full = [given, family].filter(Boolean).join(' ');
  const a: Obj = {
    id: c.id === undefined || c.id === null ? undefined : String(c.id),
    name: { full, ...(given ? { given } : {}), ...(family ? { family } : {}) },
  };
  const apps = arr(c.applications).filter(isObj);
  const applied = apps
    .map((x) => str(x.applied_at))
    .filter((x): x is string => !!x)
    .sort();
  const appliedAt = applied[0] ?? str(c.created_at);
  if (appliedAt) a.appliedAt = appliedAt;
  // Every application is kept: the first job is the role, the others are listed under extra.
  const jobs = apps
    .flatMap((x) => arr(x.jobs))
    .filter(isObj)
    .map((j) => str(j.name))
    .filter((x): x is string => !!x);
  if (jobs.length) {
    const title = jobs[0]!;
    // Greenhouse job names carry the work mode: "Senior Engineer (Remote)".
    const remote = /\(\s*remote\b[^)]*\)|\bremote\b/i.test(title);
    a.role = { title: title.slice(0, 1024), ...(remote ? { remote: true } : {}) };
  }
  const dobKey = options.dobField ?? 'date_of_birth';
  const keyed = isObj(c.keyed_custom_fields) && isObj(c.keyed_custom_fields[dobKey]) ? (c.keyed_custom_fields[dobKey] as Obj).value : undefined;
  const dobRaw = keyed ?? (isObj(c.custom_fields) ? c.custom_fields[dobKey] : undefined);
  if (str(dobRaw)) {
    const dob = day(dobRaw);
    if (dob) a.dateOfBirth = dob;
    else unmapped.push(`custom field ${dobKey} "${str(dobRaw)}": not a date (YYYY-MM-DD)`);
  }
  const location = apps.map((x) => (isObj(x.location) ? str(x.location.address) : undefined)).find(Boolean);
  if (location) {
    const loc = parseLocation(location);
    a.claimedLocation = {
      ...(loc.country ? { country: loc.country } : {}),
      ...(loc.region ? { region: loc.region } : {}),
      ...(loc.city ? { city: loc.city } : {}),
    };
    if (!loc.country) unmapped.push(`applications[].location "${location}": no country recognised`);
  }

  const emails = arr(c.email_addresses)
    .filter(isObj)
    .map((e) => str(e.value))
    .filter((x): x is string => !!x);
  const phones: string[] = [];
  arr(c.phone_numbers)
    .filter(isObj)
    .forEach((p, i) => {
      const value = str(p.value);
      if (!value) return;
      if (p.type === 'skype') unmapped.push(`phone_numbers[${i}]: a Skype handle, not a phone number`);
      else phones.push(value);
    });
  const addresses = arr(c.addresses)
    .filter(isObj)
    .flatMap((x, i) => {
      const value = str(x.value);
      if (!value) return [];
      const { address, note } = parseFreeAddress(value, str(x.type));
      if (note) unmapped.push(`addresses[${i}]: ${note}`);
      return [address];
    });
  if (emails.length || phones.length || addresses.length) {
    a.contact = { ...(emails.length ? { emails } : {}), ...(phones.length ? { phones } : {}), ...(addresses.length ? { addresses } : {}) };
  }

  const profiles: Obj[] = [];
  for (const key of ['website_addresses', 'social_media_addresses'] as const) {
    arr(c[key])
      .filter(isObj)
      .forEach((w, i) => {
        const p = str(w.value) && profileFromUrl(str(w.value)!);
        if (p) profiles.push(p);
        else if (str(w.value)) unmapped.push(`${key}[${i}]: not a URL`);
      });
  }
  let answers = 0;
  for (const app of apps) {
    for (const ans of arr(app.answers).filter(isObj)) {
      const p = str(ans.answer) && profileFromUrl(str(ans.answer)!);
      if (p && p.network !== 'website') profiles.push(p);
      else if (str(ans.answer)) answers++;
    }
  }
  if (answers) unmapped.push(`applications[].answers: ${plural(answers, 'free-text answer')} not mapped`);
  if (profiles.length) a.profiles = dedupeByUrl(profiles);

  const education = arr(c.educations)
    .filter(isObj)
    .map((e) =>
      compact({
        institution: str(e.school_name),
        degree: str(e.degree)?.slice(0, 128),
        field: str(e.discipline),
        start: day(e.start_date),
        end: day(e.end_date),
      }),
    );
  if (education.length) a.education = education;
  const employment = arr(c.employments)
    .filter(isObj)
    .map((e) => compact({ employer: str(e.company_name), title: str(e.title), start: day(e.start_date), end: day(e.end_date) }));
  const current = str(c.company);
  if (current && !employment.some((e) => e.employer === current)) employment.unshift(compact({ employer: current, title: str(c.title) }));
  if (employment.length) a.employment = employment;

  const files = arr(c.attachments).filter(isObj);
  if (files.some((f) => f.type === 'resume')) {
    unmapped.push('attachments: résumé file not read (files are never downloaded); add resume.text or resume.sha256 to compare résumés across applicants');
  }
  if (str(c.photo_url)) unmapped.push('photo_url: photo not downloaded; add photo.sha256 to compare photos');
  const extra: Obj = {};
  if (jobs.length > 1) extra.applications = jobs.map((j) => j.slice(0, 1024));
  if (isObj(c.custom_fields)) {
    const rest = Object.fromEntries(Object.entries(c.custom_fields).filter(([k]) => k !== dobKey));
    if (Object.keys(rest).length) {
      extra.customFields = rest;
      unmapped.push(`custom_fields: ${Object.keys(rest).join(', ')} kept under extra.greenhouse (never scored)`);
    }
  }
  if (arr(c.tags).length) extra.tags = c.tags;
  for (const k of unknownKeys(c, KNOWN)) unmapped.push(`${k}: not a Greenhouse candidate field this adapter knows`);
  a.source = { system: 'greenhouse' };
  if (Object.keys(extra).length) a.extra = { greenhouse: extra };
  return { applicant: a, unmapped };
}

function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function dedupeByUrl(profiles: Obj[]): Obj[] {
  const seen = new Set<string>();
  return profiles.filter((p) => {
    const key = String(p.url).toLowerCase().replace(/\/$/, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { compact };
