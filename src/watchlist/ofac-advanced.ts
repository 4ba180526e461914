import { DPRK_PROGRAMS } from './ofac.js';
import { ImportError, type ImportResult, type WatchEntry, type WatchWallet } from './types.js';
import { kid, kids, parseXml, path, type XmlElement } from './xml.js';

export interface OfacAdvancedOptions {
  programs?: RegExp;
  date: string;
}

/** ReferenceValueSets: for each kind (FeatureType, AliasType…), ID → the element. */
type Refs = Map<string, Map<string, XmlElement>>;

function references(doc: XmlElement): Refs {
  const refs: Refs = new Map();
  for (const set of path(doc, 'Sanctions/ReferenceValueSets')) {
    for (const values of set.children) {
      for (const v of values.children) {
        const id = v.attrs.ID;
        if (id === undefined) continue;
        let m = refs.get(v.name);
        if (!m) refs.set(v.name, (m = new Map()));
        m.set(id, v);
      }
    }
  }
  return refs;
}

const refText = (refs: Refs, kind: string, id: string | undefined) => (id === undefined ? undefined : refs.get(kind)?.get(id)?.text.trim());

/** "LAST, First Middle" for people, as the legacy CSV writes them; the entity name otherwise. */
function documentedName(name: XmlElement, partType: Map<string, string>, person: boolean): string {
  const by = new Map<string, string[]>();
  for (const v of path(name, 'DocumentedNamePart/NamePartValue')) {
    const type = partType.get(v.attrs.NamePartGroupID ?? '') ?? 'Unknown';
    by.set(type, [...(by.get(type) ?? []), v.text.trim()]);
  }
  const get = (t: string) => (by.get(t) ?? []).join(' ');
  if (!person) return [...by.values()].flat().join(' ').trim();
  const last = get('Last Name');
  const rest = ['First Name', 'Middle Name', 'Patronymic', 'Matronymic', 'Maiden Name', 'Nickname', 'Unknown'].map(get).filter(Boolean).join(' ');
  return last && rest ? `${last}, ${rest}` : last || rest;
}

/**
 * OFAC's Sanctions List Service "advanced" XML (SDN_ADVANCED.XML, sdn_advanced.xml) → entries.
 * A relational document: reference tables (ReferenceValueSets) give the meaning of every type ID;
 * each DistinctParty has one Profile (PartySubTypeID: entity, individual, vessel, aircraft) with one
 * Identity whose Alias elements hold the names (Primary = the listed name, LowQuality = a weak
 * alias) and Feature elements the facts ("Digital Currency Address - XBT", "Email Address",
 * "Website"); programmes are in SanctionsEntries (SanctionsMeasure of type "Program"). Layout as
 * read by OpenSanctions' crawler (datasets/us/ofac/ofac_advanced.py) and OFAC's sdn_advanced notes.
 */
export function readOfacAdvanced(text: string, file: string, opts: OfacAdvancedOptions): ImportResult {
  const doc = parseXml(text, file);
  if (!kid(doc, 'Sanctions')) throw new ImportError(`${file}: an XML file without a <Sanctions> root: not OFAC's advanced XML (SDN_ADVANCED.XML)`);
  const refs = references(doc);
  const programsOf = new Map<string, string[]>();
  for (const entry of path(doc, 'Sanctions/SanctionsEntries/SanctionsEntry')) {
    const profile = entry.attrs.ProfileID;
    if (!profile) continue;
    const progs = kids(entry, 'SanctionsMeasure')
      .filter((m) => refText(refs, 'SanctionsType', m.attrs.SanctionsTypeID) === 'Program')
      .map((m) => kid(m, 'Comment')?.text.trim() ?? '')
      .filter(Boolean);
    programsOf.set(profile, [...(programsOf.get(profile) ?? []), ...progs]);
  }
  const programs = opts.programs ?? DPRK_PROGRAMS;
  const entries: WatchEntry[] = [];
  let read = 0;
  let skipped = 0;
  for (const party of path(doc, 'Sanctions/DistinctParties/DistinctParty')) {
    read++;
    const profile = kid(party, 'Profile');
    const id = profile?.attrs.ID ?? party.attrs.FixedRef ?? '';
    const sub = refs.get('PartySubType')?.get(profile?.attrs.PartySubTypeID ?? '');
    let type = sub?.text.trim() ?? 'Entity';
    if (type === 'Unknown') type = refText(refs, 'PartyType', sub?.attrs.PartyTypeID) ?? 'Entity';
    const progs = programsOf.get(id) ?? [];
    if (!profile || type === 'Vessel' || type === 'Aircraft' || !progs.some((p) => programs.test(p))) {
      skipped++;
      continue;
    }
    const person = type === 'Individual';
    const identity = kid(profile, 'Identity');
    const partType = new Map<string, string>();
    for (const g of path(identity, 'NamePartGroups/MasterNamePartGroup/NamePartGroup'))
      partType.set(g.attrs.ID ?? '', refText(refs, 'NamePartType', g.attrs.NamePartTypeID) ?? 'Unknown');
    let name: string | undefined;
    const aliases: string[] = [];
    const weak: string[] = [];
    for (const alias of kids(identity, 'Alias')) {
      for (const dn of kids(alias, 'DocumentedName')) {
        const n = documentedName(dn, partType, person);
        if (!n) continue;
        if (alias.attrs.Primary === 'true' && !name) name = n;
        else if (alias.attrs.LowQuality === 'true') weak.push(n);
        else aliases.push(n);
      }
    }
    if (!name) {
      skipped++;
      continue;
    }
    const emails: string[] = [];
    const websites: string[] = [];
    const wallets: WatchWallet[] = [];
    for (const f of kids(profile, 'Feature')) {
      const label = refText(refs, 'FeatureType', f.attrs.FeatureTypeID) ?? '';
      const value = path(f, 'FeatureVersion/VersionDetail')[0]?.text.trim();
      if (!value || value.length > 512) continue;
      const cur = /^Digital Currency Address - (\w+)$/.exec(label);
      if (cur) wallets.push({ currency: cur[1]!.toUpperCase(), address: value });
      else if (label === 'Email Address') emails.push(value);
      else if (label === 'Website') websites.push(value);
    }
    entries.push({
      kind: person ? 'person' : 'entity',
      name,
      aliases,
      weakAliases: weak,
      programs: progs,
      addresses: [],
      emails,
      websites,
      wallets,
      source: {
        title: `OFAC SDN list, entry ${id} (${progs.join(', ')})`,
        url: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${id}`,
        date: opts.date,
      },
    });
  }
  return {
    sourceName: 'OFAC Sanctions List Service advanced XML',
    shortName: 'OFAC SDN',
    licence: 'US Government work, public domain',
    entries,
    read,
    skipped,
  };
}
