import { companyKey } from '../normalize/company.js';
import { tokens } from '../normalize/text.js';
import type { ImportResult, WatchEntry } from './types.js';

export interface PackNames {
  prefix: string;
  entities: string;
  persons: string;
  identifiers: string;
}

export function packNames(prefix: string): PackNames {
  return { prefix, entities: `${prefix}-entities`, persons: `${prefix}-persons`, identifiers: `${prefix}-identifiers` };
}

/**
 * Aliases that would match half the world are left out: a company alias of under five letters once
 * legal forms are dropped, a person alias of a single word ("Kim").
 */
function usableAliases(e: WatchEntry): string[] {
  const seen = new Set([e.kind === 'entity' ? companyKey(e.name) : e.name.toLowerCase()]);
  return e.aliases.filter((a) => {
    const key = e.kind === 'entity' ? companyKey(a) : a.toLowerCase();
    const ok = e.kind === 'entity' ? key.length >= 5 : tokens(a).length >= 2;
    if (!ok || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function entryDoc(e: WatchEntry) {
  const aliases = usableAliases(e);
  const notes = [e.programs.length ? `programmes: ${e.programs.join(', ')}` : '', e.kind === 'person' && e.dob ? `DOB ${e.dob} (check it against the applicant before acting)` : '']
    .filter(Boolean)
    .join('; ');
  return {
    value: e.name,
    ...(aliases.length ? { aliases } : {}),
    ...(notes ? { note: notes } : {}),
    status: 'designated',
    source: e.source,
  };
}

/** The three list documents (schemas/list.schema.json); a list with no entries is left out. */
export function listDocs(result: ImportResult, names: PackNames, date: string, reference: { title: string; url: string }) {
  const common = { format: 1, updated: date, references: [{ ...reference, date }] };
  const provenance = `Imported by dprk-check watchlist import from ${result.sourceName} as downloaded on ${date}. Licence: ${result.licence}.`;
  const entities = result.entries.filter((e) => e.kind === 'entity');
  const persons = result.entries.filter((e) => e.kind === 'person');
  const identifiers = result.entries.flatMap((e) =>
    [...e.emails.map((v) => ({ v, what: 'e-mail address' })), ...e.wallets.map((v) => ({ v, what: 'digital-currency address' }))].map(({ v, what }) => ({
      value: v,
      note: `${what} listed for "${e.name}"`,
      status: 'designated',
      source: e.source,
    })),
  );
  const docs: Array<{ id: string; doc: Record<string, unknown>; count: number }> = [];
  if (entities.length) {
    docs.push({ id: names.entities, count: entities.length, doc: { list: names.entities, kind: 'company', title: `Sanctioned entities (${result.shortName})`, description: `Companies and organisations. ${provenance}`, ...common, entries: entities.map(entryDoc) } });
  }
  if (persons.length) {
    docs.push({
      id: names.persons,
      count: persons.length,
      doc: { list: names.persons, kind: 'name', title: `Sanctioned persons (${result.shortName})`, description: `People. A name alone is not an identification: romanised Korean and Chinese names collide. ${provenance}`, ...common, entries: persons.map(entryDoc) },
    });
  }
  if (identifiers.length) {
    docs.push({ id: names.identifiers, count: identifiers.length, doc: { list: names.identifiers, kind: 'text', title: `E-mail and digital-currency addresses of sanctioned parties (${result.shortName})`, description: `Exact identifiers from the list's remarks. ${provenance}`, ...common, entries: identifiers } });
  }
  return docs;
}
