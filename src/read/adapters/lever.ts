import type { Mapping, Obj } from './common.js';
import { arr, isObj, isoFromMillis, parseLocation, profileFromUrl, str, unknownKeys } from './common.js';
import { compact } from './greenhouse.js';

/**
 * Lever opportunity (GET /opportunities/:id; timestamps in epoch milliseconds) → applicant model.
 * Work history is not on the opportunity: when an export embeds the résumé's parsedData
 * (`resume.parsedData` or `resumes[].parsedData`) its positions and schools are used.
 */
const KNOWN = new Set([
  'id',
  'name',
  'headline',
  'contact',
  'emails',
  'phones',
  'confidentiality',
  'location',
  'links',
  'createdAt',
  'updatedAt',
  'lastInteractionAt',
  'lastAdvancedAt',
  'snoozedUntil',
  'archived',
  'archivedAt',
  'archiveReason',
  'stage',
  'stageChanges',
  'owner',
  'tags',
  'sources',
  'origin',
  'sourcedBy',
  'applications',
  'resume',
  'resumes',
  'followers',
  'urls',
  'dataProtection',
  'isAnonymized',
  'opportunityLocation',
  'contactId',
  'contact',
]);

export function looksLikeLever(v: Obj): boolean {
  return typeof v.name === 'string' && ('emails' in v || 'phones' in v || 'headline' in v || 'stage' in v || 'applications' in v || 'links' in v);
}

function yearMonth(v: unknown): string | undefined {
  if (!isObj(v) || typeof v.year !== 'number') return undefined;
  const m = typeof v.month === 'number' && v.month >= 1 && v.month <= 12 ? `-${String(v.month).padStart(2, '0')}` : '';
  return `${v.year}${m}`;
}

function parsedData(o: Obj): Obj | undefined {
  if (isObj(o.resume) && isObj(o.resume.parsedData)) return o.resume.parsedData;
  return arr(o.resumes)
    .filter(isObj)
    .map((r) => r.parsedData)
    .find(isObj);
}

export function fromLever(o: Obj): Mapping {
  const unmapped: string[] = [];
  const a: Obj = { id: str(o.id) ?? (typeof o.id === 'number' ? String(o.id) : undefined), name: { full: str(o.name) ?? '' } };
  const created = isoFromMillis(o.createdAt);
  if (created) a.appliedAt = created;
  else if (o.createdAt !== undefined && o.createdAt !== null)
    unmapped.push(`createdAt ${JSON.stringify(o.createdAt).slice(0, 40)}: not a timestamp in epoch milliseconds between 1900 and 2100`);
  // opportunityLocation is the location the opportunity is for; `location` the candidate's own.
  const location = str(o.location) ?? str(o.opportunityLocation);
  if (location) {
    const loc = parseLocation(location);
    a.claimedLocation = compact({ country: loc.country, region: loc.region, city: loc.city });
    if (!loc.country) unmapped.push(`location "${location}": no country recognised`);
  }
  // Expanded applications (expand=applications) repeat the candidate's e-mail, phone and links.
  const apps = arr(o.applications).filter(isObj);
  const emails = [...new Set([...arr(o.emails).map(str), ...apps.map((x) => str(x.email))].filter((x): x is string => !!x))];
  const phones = [
    ...new Set(
      [...arr(o.phones).map((p) => (isObj(p) ? str(p.value) : str(p))), ...apps.map((x) => (isObj(x.phone) ? str(x.phone.value) : str(x.phone)))].filter(
        (x): x is string => !!x,
      ),
    ),
  ];
  if (emails.length || phones.length) a.contact = compact({ emails: emails.length ? emails : undefined, phones: phones.length ? phones : undefined });
  if (o.isAnonymized === true) unmapped.push("isAnonymized: Lever removed this candidate's personal data; most checks cannot run");

  const profiles: Obj[] = [];
  [...arr(o.links), ...apps.flatMap((x) => arr(x.links))].forEach((l, i) => {
    const p = str(l) && profileFromUrl(str(l)!);
    if (p) profiles.push(p);
    else if (str(l)) unmapped.push(`links[${i}]: not a URL`);
  });
  if (profiles.length) a.profiles = profiles.filter((p, i) => profiles.findIndex((q) => q.url === p.url) === i);

  const parsed = parsedData(o);
  let employment: Obj[] = [];
  if (parsed) {
    employment = arr(parsed.positions)
      .filter(isObj)
      .map((p) => compact({ employer: str(p.org), title: str(p.title), start: yearMonth(p.start), end: yearMonth(p.end) }));
    const education = arr(parsed.schools)
      .filter(isObj)
      .map((s) =>
        compact({ institution: str(s.org), degree: str(s.degree)?.slice(0, 128), field: str(s.field), start: yearMonth(s.start), end: yearMonth(s.end) }),
      );
    if (education.length) a.education = education;
  }
  const headline = str(o.headline);
  if (headline && employment.length === 0) {
    // Lever's headline is the comma-joined list of past employers, without dates.
    employment = splitEmployers(headline).map((employer) => ({ employer }));
    if (employment.length) unmapped.push('headline: employers taken from the headline have no dates (timeline checks cannot run)');
  }
  if (employment.length) a.employment = employment;
  if (!parsed && (o.resume || arr(o.resumes).length))
    unmapped.push('resume: file not read (files are never downloaded); add resume.text or resume.sha256 to compare résumés');
  for (const k of unknownKeys(o, KNOWN)) unmapped.push(`${k}: not a Lever opportunity field this adapter knows`);
  if (arr(o.tags).length) a.extra = { lever: { tags: o.tags } };
  a.source = { system: 'lever' };
  return { applicant: a, unmapped };
}

/** "Brickly LLC, Vandelay Industries, Inc, Central Perk": a comma inside "Industries, Inc" is not a split. */
function splitEmployers(headline: string): string[] {
  const parts = headline
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (out.length && /^(inc|llc|ltd|co|corp|gmbh|s\.?a|plc|pty ltd|limited)\.?$/i.test(p)) out[out.length - 1] += `, ${p}`;
    else out.push(p);
  }
  return out;
}
