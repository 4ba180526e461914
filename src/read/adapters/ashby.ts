import type { Mapping, Obj } from './common.js';
import { arr, countryCode, isObj, profileFromUrl, str, unknownKeys } from './common.js';
import { compact } from './greenhouse.js';

/**
 * Ashby candidate (`POST /candidate.list` → `{"success", "results": [...], "moreDataAvailable"}`,
 * `candidate.info` → `{"results": {...}}`), after Ashby's public API reference
 * (developers.ashbyhq.com/reference/candidatelist) as mirrored by API catalogues: `name`,
 * `primaryEmailAddress` / `emailAddresses[]`, `primaryPhoneNumber` / `phoneNumbers[]`,
 * `socialLinks[]{type,url}`, `location.locationComponents[]{type: Country|Region|City, name}`,
 * `timezone`, `createdAt`.
 */
const KNOWN = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'name',
  'primaryEmailAddress',
  'emailAddresses',
  'primaryPhoneNumber',
  'phoneNumbers',
  'socialLinks',
  'tags',
  'position',
  'company',
  'school',
  'applicationIds',
  'resumeFileHandle',
  'fileHandles',
  'customFields',
  'profileUrl',
  'source',
  'creditedToUser',
  'timezone',
  'location',
  'fraudStatus',
]);

export function looksLikeAshby(v: Obj): boolean {
  return (
    typeof v.name === 'string' &&
    (isObj(v.primaryEmailAddress) || Array.isArray(v.emailAddresses) || Array.isArray(v.applicationIds) || Array.isArray(v.socialLinks))
  );
}

export function fromAshby(c: Obj): Mapping {
  const unmapped: string[] = [];
  const a: Obj = { id: str(c.id), name: { full: str(c.name) ?? '' } };
  if (str(c.createdAt)) a.appliedAt = str(c.createdAt);
  const values = (list: unknown[]) => list.map((e) => (isObj(e) ? str(e.value) : undefined)).filter((x): x is string => !!x);
  const emails = [...new Set(values([c.primaryEmailAddress, ...arr(c.emailAddresses)]))];
  const phones = [...new Set(values([c.primaryPhoneNumber, ...arr(c.phoneNumbers)]))];
  if (emails.length || phones.length) a.contact = compact({ emails: emails.length ? emails : undefined, phones: phones.length ? phones : undefined });
  const parts = isObj(c.location) ? arr(c.location.locationComponents).filter(isObj) : [];
  const part = (t: string) => str(parts.find((p) => p.type === t)?.name);
  const country = part('Country');
  const code = country ? countryCode(country) : undefined;
  if (country && !code) unmapped.push(`location country "${country}": not a country this adapter knows`);
  const loc = compact({ country: code, region: part('Region'), city: part('City'), timezone: str(c.timezone) });
  if (Object.keys(loc).length) a.claimedLocation = loc;
  const profiles = arr(c.socialLinks)
    .filter(isObj)
    .map((l) => (str(l.url) ? profileFromUrl(str(l.url)!) : undefined))
    .filter((p): p is Obj => !!p);
  if (profiles.length) a.profiles = profiles;
  const employer = str(c.company);
  if (employer) a.employment = [compact({ employer, title: str(c.position) })];
  if (str(c.school)) a.education = [{ institution: str(c.school) }];
  if (c.resumeFileHandle) unmapped.push('resumeFileHandle: résumé file not read (files are never downloaded)');
  if (arr(c.customFields).length) unmapped.push('customFields: not mapped (never scored)');
  for (const k of unknownKeys(c, KNOWN)) unmapped.push(`${k}: not an Ashby candidate field this adapter knows`);
  a.source = { system: 'ashby' };
  return { applicant: a, unmapped };
}
