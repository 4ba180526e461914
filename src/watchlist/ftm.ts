import { DPRK_TEXT, ENTITY, OPENSANCTIONS_LICENCE, PERSON } from './opensanctions.js';
import { ImportError, type ImportResult, type WatchEntry, type WatchWallet } from './types.js';
import { isObj } from '../util/is-object.js';

export interface FtmOptions {
  programs?: RegExp;
  date: string;
}

/** A line longer than this is no entity of a real export (the longest are a few hundred KB). */
export const MAX_FTM_LINE = 4_000_000;

interface FtmEntity {
  id: string;
  schema: string;
  props: Record<string, string[]>;
  target: boolean;
}

/** FtM properties are lists of strings; anything else in a property is ignored, not trusted. */
function properties(v: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (!isObj(v)) return out;
  for (const [k, vals] of Object.entries(v)) {
    if (Array.isArray(vals)) out[k] = vals.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  }
  return out;
}

/** One JSON object per line (OpenSanctions entities.ftm.json); blank lines are allowed. */
function* entities(text: string, file: string): Generator<FtmEntity> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  while (start < text.length) {
    line++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_FTM_LINE)
      throw new ImportError(
        `${file}:${line}: a line of more than ${MAX_FTM_LINE.toLocaleString('en-US')} characters; no entity of a real export is that long — is the file damaged?`,
      );
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (!raw) continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      throw new ImportError(`${file}:${line}: not a JSON object (${(e as Error).message}); FollowTheMoney files hold one entity per line`);
    }
    if (!isObj(v) || typeof v.id !== 'string' || typeof v.schema !== 'string') {
      throw new ImportError(`${file}:${line}: not a FollowTheMoney entity (an object with id, schema and properties)`);
    }
    yield { id: v.id, schema: v.schema.toLowerCase(), props: properties(v.properties), target: v.target === true };
  }
}

const get = (e: FtmEntity, p: string) => e.props[p] ?? [];
const uniq = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);

/**
 * OpenSanctions FollowTheMoney entities (entities.ftm.json) → entries. Sanctions are entities of
 * their own (schema Sanction, `entity` pointing at the party, `program` / `programId` such as
 * US-DPRK3), and so are wallets (schema CryptoWallet, `publicKey`, `currency`, `holder` pointing
 * at the party). A party is kept when it is sanctioned and tied to North Korea (country kp, or a
 * DPRK programme on it or on one of its wallets); its wallets come with it. A sanctioned wallet
 * whose holder is not in the file is kept on its own, for the wallet list.
 */
export function readFtm(text: string, file: string, opts: FtmOptions): ImportResult {
  const parties: FtmEntity[] = [];
  const wallets: FtmEntity[] = [];
  const programsOf = new Map<string, string[]>();
  let read = 0;
  for (const e of entities(text, file)) {
    read++;
    if (e.schema === 'sanction') {
      const text = [...get(e, 'programId'), ...get(e, 'program')];
      for (const id of get(e, 'entity')) {
        const at = programsOf.get(id);
        if (at) at.push(...text);
        else programsOf.set(id, [...text]);
      }
    } else if (e.schema === 'cryptowallet') wallets.push(e);
    else if (PERSON.has(e.schema) || ENTITY.has(e.schema)) parties.push(e);
  }
  const sanctioned = (e: FtmEntity) => programsOf.has(e.id) || get(e, 'topics').some((t) => t === 'sanction' || t.startsWith('sanction.'));
  const programText = (e: FtmEntity) => [...(programsOf.get(e.id) ?? []), ...get(e, 'program'), ...get(e, 'programId')].join(' ');
  const selectedText = (t: string) => (opts.programs ? opts.programs.test(t) : DPRK_TEXT.test(t));

  const walletsOf = new Map<string, Array<{ w: WatchWallet; selected: boolean }>>();
  const holderless: FtmEntity[] = [];
  const partyIds = new Set(parties.map((p) => p.id));
  for (const w of wallets) {
    const address = get(w, 'publicKey')[0];
    if (!address) continue;
    const entry = { w: { address, currency: get(w, 'currency')[0]?.toUpperCase() }, selected: sanctioned(w) && selectedText(programText(w)) };
    const holders = get(w, 'holder').filter((h) => partyIds.has(h));
    if (holders.length === 0 && entry.selected) holderless.push(w);
    for (const h of holders) {
      const at = walletsOf.get(h);
      if (at) at.push(entry);
      else walletsOf.set(h, [entry]);
    }
  }

  const entries: WatchEntry[] = [];
  const source = (id: string) => ({
    title: `OpenSanctions, entity ${id}`,
    url: `https://www.opensanctions.org/entities/${encodeURIComponent(id)}/`,
    date: opts.date,
  });
  for (const p of parties) {
    const own = walletsOf.get(p.id) ?? [];
    const countries = [...get(p, 'country'), ...get(p, 'jurisdiction')].map((c) => c.toLowerCase());
    const tied = opts.programs ? selectedText(programText(p)) : countries.includes('kp') || selectedText(programText(p));
    const name = get(p, 'name')[0];
    if (!name || !((sanctioned(p) && tied) || own.some((o) => o.selected))) continue;
    entries.push({
      kind: PERSON.has(p.schema) ? 'person' : 'entity',
      name,
      aliases: uniq([...get(p, 'name').slice(1), ...get(p, 'alias'), ...get(p, 'previousName')]).filter((a) => a !== name),
      weakAliases: get(p, 'weakAlias'),
      programs: uniq([...(programsOf.get(p.id) ?? []), ...get(p, 'programId')]),
      dob: get(p, 'birthDate').join('; ') || undefined,
      addresses: get(p, 'address').slice(0, 3),
      emails: get(p, 'email'),
      websites: get(p, 'website'),
      wallets: own.map((o) => o.w),
      source: source(p.id),
    });
  }
  for (const w of holderless) {
    const address = get(w, 'publicKey')[0]!;
    entries.push({
      kind: 'wallet',
      name: `wallet ${address}`,
      aliases: [],
      weakAliases: [],
      programs: uniq(programsOf.get(w.id) ?? []),
      addresses: [],
      emails: [],
      websites: [],
      wallets: [{ address, currency: get(w, 'currency')[0]?.toUpperCase() }],
      source: source(w.id),
    });
  }
  return {
    sourceName: 'OpenSanctions entities.ftm.json (FollowTheMoney)',
    shortName: 'OpenSanctions',
    licence: OPENSANCTIONS_LICENCE,
    entries,
    read,
    skipped: read - entries.length,
  };
}
