import { companyKey } from '../normalize/company.js';
import { foldText, tokens } from '../normalize/text.js';
import type { ImportResult, WatchEntry } from './types.js';

/** Ids of the lists a pack may hold, by what they hold; a big list is written in parts (`…-2`, `…-3`). */
export interface PackNames {
  prefix: string;
  entities: string;
  persons: string;
  emails: string;
  wallets: string;
  webDomains: string;
  weakAliases: string;
}

export type ListRole = Exclude<keyof PackNames, 'prefix'>;

export function packNames(prefix: string): PackNames {
  return {
    prefix,
    entities: `${prefix}-entities`,
    persons: `${prefix}-persons`,
    emails: `${prefix}-emails`,
    wallets: `${prefix}-wallets`,
    webDomains: `${prefix}-web-domains`,
    weakAliases: `${prefix}-weak-aliases`,
  };
}

/** A list document ready to write, and the part of a role it is. */
export interface ListDoc {
  id: string;
  role: ListRole;
  doc: Record<string, unknown>;
  count: number;
}

/**
 * JSON bytes of the entries per list file. The loader refuses a file over 1 MB; YAML of these
 * entries is about as long as their JSON, and the header and metadata add little, so parts of
 * this size always fit (the writer checks the result anyway).
 */
export const PART_BUDGET = 600_000;

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

const MAX_NOTE = 800;
const clip = (s: string) => (s.length > MAX_NOTE ? `${s.slice(0, MAX_NOTE - 1)}…` : s);

/** What a person needs to tell this party from a namesake: the second identifiers the list gives. */
function entryNote(e: WatchEntry): string {
  return clip(
    [
      e.programs.length ? `programmes: ${e.programs.join(', ')}` : '',
      e.kind === 'person' && e.dob ? `DOB ${e.dob} (check it against the applicant before acting)` : '',
      e.addresses.length ? `address: ${e.addresses.join(' | ')}` : '',
      e.weakAliases.length ? `weak a.k.a.: ${e.weakAliases.map((a) => `'${a}'`).join(', ')}` : '',
      e.websites.length ? `website: ${e.websites.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
}

function entryDoc(e: WatchEntry) {
  const aliases = usableAliases(e);
  const note = entryNote(e);
  return {
    value: e.name,
    ...(aliases.length ? { aliases } : {}),
    ...(note ? { note } : {}),
    status: 'designated',
    source: e.source,
  };
}

/** Shared hosts: a party's page on one of them says nothing about the domain's other users. */
const SHARED_HOSTS = new Set([
  'facebook.com',
  'twitter.com',
  'x.com',
  't.me',
  'telegram.me',
  'github.com',
  'linkedin.com',
  'instagram.com',
  'youtube.com',
  'google.com',
  'gmail.com',
  'qq.com',
  '163.com',
  'vk.com',
  'medium.com',
  'blogspot.com',
  'wordpress.com',
]);

/**
 * The domain of a listed website, when the website is a whole domain ("www.x.test",
 * "http://x.test/"): an e-mail address at that domain is a concrete link. A page on a shared host
 * ("facebook.com/x") or under a path is not a domain of the party's own and is kept in the note only.
 */
export function websiteDomain(site: string): string | undefined {
  if (site.length > 300) return undefined;
  const m = /^(?:https?:\/\/)?([a-z0-9.-]+?)\.?(?::\d+)?\/?$/i.exec(site.trim());
  if (!m) return undefined;
  const host = m[1]!.toLowerCase().replace(/^www\d?\./, '');
  if (!host.includes('.') || SHARED_HOSTS.has(host)) return undefined;
  return host;
}

/**
 * A list document as YAML: the metadata in block style, each entry on one line as a JSON flow
 * mapping (JSON is YAML), like the built-in lists write `- { value: …, source: … }`. Rendering
 * tens of thousands of entries this way takes milliseconds where a YAML serialiser takes seconds,
 * and the file reads the same.
 */
export function renderList(doc: Record<string, unknown>, stringify: (v: unknown) => string): string {
  const { entries, ...head } = doc;
  return `${stringify(head)}entries:\n${(entries as unknown[]).map((e) => `  - ${JSON.stringify(e)}\n`).join('')}`;
}

/** Entries cut into parts that each fit a list file. */
function parts<T>(entries: T[], budget: number): T[][] {
  const out: T[][] = [];
  let part: T[] = [];
  let size = 0;
  for (const e of entries) {
    const n = Buffer.byteLength(JSON.stringify(e), 'utf8') + 8;
    if (part.length && size + n > budget) {
      out.push(part);
      part = [];
      size = 0;
    }
    part.push(e);
    size += n;
  }
  if (part.length) out.push(part);
  return out;
}

interface Identifier {
  value: string;
  note: string;
  status: 'designated';
  source: WatchEntry['source'];
}

function identifiers(entries: WatchEntry[], values: (e: WatchEntry) => Array<{ value: string; what: string }>, key: (v: string) => string): Identifier[] {
  const seen = new Set<string>();
  const out: Identifier[] = [];
  for (const e of entries) {
    for (const { value, what } of values(e)) {
      const k = key(value);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      out.push({ value, note: `${what} listed for "${e.name}"`, status: 'designated', source: e.source });
    }
  }
  return out;
}

/** The list documents (schemas/list.schema.json); a list with no entries is left out. */
export function listDocs(result: ImportResult, names: PackNames, date: string, reference: { title: string; url: string }, budget = PART_BUDGET): ListDoc[] {
  const common = { format: 1, updated: date, references: [{ ...reference, date }] };
  const provenance = `Imported by dprk-check watchlist import from ${result.sourceName} as downloaded on ${date}. Licence: ${result.licence}.`;
  const short = result.shortName;
  const lists: Array<{ role: ListRole; kind: string; title: string; description: string; entries: unknown[] }> = [
    {
      role: 'entities',
      kind: 'company',
      title: `Sanctioned entities (${short})`,
      description: `Companies and organisations. ${provenance}`,
      entries: result.entries.filter((e) => e.kind === 'entity').map(entryDoc),
    },
    {
      role: 'persons',
      kind: 'name',
      title: `Sanctioned persons (${short})`,
      description: `People. A name alone is not an identification: romanised Korean and Chinese names collide. ${provenance}`,
      entries: result.entries.filter((e) => e.kind === 'person').map(entryDoc),
    },
    {
      role: 'emails',
      kind: 'text',
      title: `E-mail addresses of sanctioned parties (${short})`,
      description: `Exact e-mail addresses the list gives for a party. ${provenance}`,
      entries: identifiers(
        result.entries,
        (e) => e.emails.map((v) => ({ value: v, what: 'e-mail address' })),
        (v) => v.trim().toLowerCase(),
      ),
    },
    {
      role: 'wallets',
      kind: 'text',
      title: `Digital-currency addresses of sanctioned parties (${short})`,
      description: `Wallet addresses the list gives for a party ("Digital Currency Address - XBT …"). Compared without regard to case: Ethereum-style addresses are the same in any case, and two distinct wallets that differ only in case do not occur in practice. ${provenance}`,
      entries: identifiers(result.entries, (e) => e.wallets.map((w) => ({ value: w.address, what: `${w.currency ?? 'digital-currency'} address` })), foldText),
    },
    {
      role: 'webDomains',
      kind: 'text',
      title: `Website domains of sanctioned parties (${short})`,
      description: `Domains of the websites the list gives for a party (a page on a shared host such as a social network is left out). ${provenance}`,
      entries: identifiers(
        result.entries,
        (e) =>
          e.websites.flatMap((w) => {
            const d = websiteDomain(w);
            return d ? [{ value: d, what: `domain of the website ${w}` }] : [];
          }),
        (v) => v,
      ),
    },
    {
      role: 'weakAliases',
      kind: 'text',
      title: `Weak aliases of sanctioned parties (${short})`,
      description: `Aliases the list itself calls weak (handles and short names such as 'KOMID'): many others use them too, so they are never matched alone at high severity. ${provenance}`,
      entries: identifiers(
        result.entries,
        (e) => e.weakAliases.filter((a) => foldText(a).replace(/ /g, '').length >= 4).map((v) => ({ value: v, what: 'weak alias' })),
        foldText,
      ),
    },
  ];
  const docs: ListDoc[] = [];
  for (const l of lists) {
    if (l.entries.length === 0) continue;
    const chunks = parts(l.entries, budget);
    chunks.forEach((entries, i) => {
      const id = i === 0 ? names[l.role] : `${names[l.role]}-${i + 1}`;
      const of = chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : '';
      docs.push({
        id,
        role: l.role,
        count: entries.length,
        doc: { list: id, kind: l.kind, title: `${l.title}${of}`, description: l.description, ...common, entries },
      });
    });
  }
  return docs;
}
