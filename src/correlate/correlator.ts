import type { Applicant } from '../model/applicant.js';
import type { LinkKeys } from '../model/report.js';
import { hex64, type Hash64 } from './hash64.js';
import { KeyTable } from './key-table.js';
import type { KeyOptions } from './link-keys.js';
import { applicantLinkKeys } from './applicant-link-keys.js';
import type { ApplicantMeta, LinkMember, LinkResult } from './link-types.js';
import { builtinLinkKinds, MAX_LINKED_PEOPLE, NO_RULE_NOTE, type LinkKinds } from './link-kinds.js';
import { BANDS, bandHash, signatureToBase64 } from './minhash.js';
import { ROLES, roleOfSlot, SPACE_INDEX, SPACES, slotOf } from './roles.js';
import { findSimilarResumes } from './similar-resumes.js';
import { PeopleCounter, type Identities } from './people.js';
import { SharedKeyColumns } from './shared-key-columns.js';
import { SignatureStore } from './signature-store.js';
import { KeyRuns } from './key-runs.js';
import { forcedSpillAfter } from '../util/spill-file.js';
import { ApplicantSpill } from './applicant-spill.js';

// The link types live in link-types.ts (people.ts and similar-resumes.ts need them too); callers may keep importing them from here.
export type { ApplicantMeta, LinkMember, LinkResult };

export interface CorrelatorOptions extends KeyOptions {
  /** Hashed keys (hex) never to index: the allow-list. */
  allowedKeys?: Set<string>;
  /**
   * Keep every value's display text, not only those found shared while records arrive: applicants
   * of earlier runs (the history) are added after this batch and carry no text of their own.
   */
  keepDisplay?: boolean;
  /** How each kind of link is scored: the linkage rules to run (the built-in ones when absent). */
  kinds?: LinkKinds;
  /**
   * `exportKeys` will be called: a correlator that has spilled to disk keeps each applicant's
   * exported keys there only when told so (in memory they can always be rebuilt from the index).
   */
  exportKeys?: boolean;
  /**
   * Index on disk once this many applicants are in (tests; `DPRK_CHECK_SPILL_AFTER` sets it from
   * the environment). Otherwise the index goes to disk past SPILL_OCCURRENCES occurrences.
   */
  spillAfter?: number;
}

/**
 * Occurrences indexed in memory before the index goes to disk: about 12 000 link-heavy applicants,
 * some 15 MB of KeyTable; a small batch (and every test fixture) never touches the disk.
 */
export const SPILL_OCCURRENCES = 1 << 18;

/** What a correlator keeps on disk once it has spilled. */
interface Spilled {
  runs: KeyRuns;
  applicants: ApplicantSpill;
  /** Display text found before spilling (shared by then, or every value's with keepDisplay). */
  display: Map<string, string>;
  /** Ordinals indexed so far (exportKeys' end). */
  end: number;
  last?: { ordinal: number; meta: ApplicantMeta };
}

const BAND_ROLE = ROLES.findIndex((r) => r.name === 'resume-band');

/**
 * Finds applicants who share concrete things. Only 64-bit hashes of the values are kept (plus the
 * display text of values that turn out to be shared, and a 256-byte résumé signature), so memory
 * per applicant is bounded whatever the record's size. Records are fed one at a time; `finish`
 * returns the links.
 */
export class Correlator {
  private table = new KeyTable();
  private metas: ApplicantMeta[] = [];
  private display = new Map<string, string>();
  private signatures = new SignatureStore();
  private readonly h: Hash64 = { hi: 0, lo: 0 };
  private indexed = 0;
  private spilled: Spilled | undefined;
  private readonly spillAfter: number | undefined;

  private readonly kinds: LinkKinds;

  constructor(private readonly options: CorrelatorOptions = {}) {
    this.kinds = options.kinds ?? builtinLinkKinds();
    this.spillAfter = options.spillAfter ?? forcedSpillAfter();
  }

  /** Whether the index has gone to disk (tests, the benchmark). */
  get onDisk(): boolean {
    return !!this.spilled;
  }

  /** Index one checked applicant. `ordinal` is its position among the checked applicants. */
  add(ordinal: number, a: Applicant, source: string): void {
    const { meta, keys, signature } = applicantLinkKeys(a, source, this.options);
    this.addKeys(ordinal, meta, keys, signature);
  }

  /** Index precomputed keys (a shard report's): the same path `add` takes after hashing. */
  addKeys(
    ordinal: number,
    meta: ApplicantMeta,
    keys: Array<{ role: number; index: number; hi: number; lo: number; display?: string }>,
    signature?: Uint32Array,
  ): void {
    if (!this.spilled && (this.table.occurrences >= SPILL_OCCURRENCES || (this.spillAfter !== undefined && this.indexed >= this.spillAfter))) this.spill();
    this.indexed++;
    if (this.spilled) return this.addSpilled(this.spilled, ordinal, meta, keys, signature);
    this.metas[ordinal] = meta;
    const allowed = this.options.allowedKeys?.size ? this.options.allowedKeys : undefined;
    for (const k of keys) {
      if (allowed?.has(hex64(k.hi, k.lo))) continue;
      const space = SPACE_INDEX.get(ROLES[k.role]!.space)!;
      const { size } = this.table.add(k.hi, k.lo, space, ordinal, slotOf(k.role, k.index));
      // Display text is kept only for values that turn out to be shared.
      if ((size === 2 || this.options.keepDisplay) && k.display) {
        const key = hex64(k.hi, k.lo);
        if (!this.display.has(key)) this.display.set(key, k.display);
      }
    }
    if (signature) {
      this.signatures.set(ordinal, signature);
      const bandSpace = SPACE_INDEX.get('resume-band')!;
      for (let b = 0; b < BANDS; b++) {
        bandHash(signature, b, this.h);
        this.table.add(this.h.hi, this.h.lo, bandSpace, ordinal, slotOf(BAND_ROLE, 0));
      }
    }
  }

  /** Past the threshold: what is indexed so far goes to disk, and so does everything after it. */
  private spill(): void {
    const runs = new KeyRuns(this.spillAfter !== undefined ? 256 : undefined);
    const applicants = new ApplicantSpill();
    // Key by key, members in insertion order: the runs keep that order within a key.
    const exported = this.options.exportKeys ? this.keysByOrdinal() : undefined;
    for (const e of this.table.all()) {
      for (const m of this.table.membersOf(e.entry)) runs.add(e.hi, e.lo, e.space, m.ordinal, m.slot);
    }
    this.metas.forEach((meta, ordinal) =>
      applicants.put(ordinal, meta, this.signatures.get(ordinal), exported ? (exported.get(ordinal) ?? []).sort() : undefined),
    );
    this.spilled = { runs, applicants, display: this.display, end: this.metas.length };
    this.table = new KeyTable();
    this.metas = [];
    this.display = new Map();
    this.signatures = new SignatureStore();
  }

  private addSpilled(
    s: Spilled,
    ordinal: number,
    meta: ApplicantMeta,
    keys: Array<{ role: number; index: number; hi: number; lo: number; display?: string }>,
    signature?: Uint32Array,
  ): void {
    s.last = { ordinal, meta };
    s.end = Math.max(s.end, ordinal + 1);
    const allowed = this.options.allowedKeys?.size ? this.options.allowedKeys : undefined;
    // The exported keys, one per value as the in-memory index keeps them (the first slot).
    const exported = this.options.exportKeys ? new Map<string, string>() : undefined;
    for (const k of keys) {
      const key = allowed || exported ? hex64(k.hi, k.lo) : '';
      if (allowed?.has(key)) continue;
      const space = SPACE_INDEX.get(ROLES[k.role]!.space)!;
      const slot = slotOf(k.role, k.index);
      s.runs.add(k.hi, k.lo, space, ordinal, slot, k.display);
      if (exported && !exported.has(key)) exported.set(key, `${roleOfSlot(slot).name}:${key}:${slot % 0x10000}`);
    }
    if (signature) {
      const bandSpace = SPACE_INDEX.get('resume-band')!;
      for (let b = 0; b < BANDS; b++) {
        bandHash(signature, b, this.h);
        s.runs.add(this.h.hi, this.h.lo, bandSpace, ordinal, slotOf(BAND_ROLE, 0));
      }
    }
    s.applicants.put(ordinal, meta, signature, exported ? [...exported.values()].sort() : undefined);
  }

  /** An indexed applicant's person key (the hash of its name's ends), kept in memory: after `finish` too. */
  person(ordinal: number): number {
    const s = this.spilled;
    return s ? s.applicants.person(ordinal) : (this.metas[ordinal]?.person ?? 0);
  }

  meta(ordinal: number): ApplicantMeta | undefined {
    const s = this.spilled;
    if (!s) return this.metas[ordinal];
    return s.last?.ordinal === ordinal ? s.last.meta : s.applicants.meta(ordinal);
  }

  /**
   * The links. Once spilled, the runs are merged and only shared keys come back, with the id,
   * source and signature of the applicants they name; the runs are removed (call it once).
   */
  finish(): LinkResult[] {
    const s = this.spilled;
    if (!s) {
      const metas = this.metas;
      const table = this.table;
      const shared = (function* () {
        for (const e of table.shared()) yield { space: e.space, hi: e.hi, lo: e.lo, members: table.membersOf(e.entry) };
      })();
      const who: Identities = { id: (o) => metas[o]?.id, person: (o) => metas[o]?.person ?? 0 };
      return this.link(shared, (_, key) => this.display.get(key), who, this.signatures);
    }
    // The shared keys go into columns as the merge yields them (a key and its members are a few
    // numbers, not objects), and their members are marked: at a million ordinary applicants the
    // 63,000 keys as objects, with the metas of their 110,000 members, were ~20 MB more live heap
    // once linked (81 → 62 MB) and 30 MB more heap in all (115 → 85 MB).
    const keys = new SharedKeyColumns();
    const linked = new Uint8Array(s.end);
    for (const g of s.runs.merge(!!this.options.keepDisplay)) {
      keys.push(g);
      for (const m of g.members) linked[m.ordinal] = 1;
    }
    const ids = s.applicants.idsOf(linked);
    const who: Identities = { id: (o) => ids.get(o), person: (o) => s.applicants.person(o) };
    // Display texts by key, read in the order they sit on disk (one decryption per window).
    const texts: Array<string | undefined> = [];
    const read = s.runs.textReader();
    const bandSpace = SPACE_INDEX.get('resume-band')!;
    for (const i of keys.byDisplayPlace()) {
      if (keys.space(i) === bandSpace) continue;
      const early = s.display.size ? s.display.get(hex64(keys.hi(i), keys.lo(i))) : undefined;
      texts[i] = early ?? (keys.displayLength(i) ? read(keys.displayAt(i), keys.displayLength(i)) : undefined);
    }
    s.runs.close();
    const links = this.link(keys.all(), (i) => texts[i], who, { get: (o) => s.applicants.signature(o) });
    s.applicants.forgetSignatures();
    return links;
  }

  /** Frees the disk a spilled correlator holds (exportKeys can no longer be read). Safe to call twice. */
  close(): void {
    this.spilled?.runs.close();
    this.spilled?.applicants.close();
  }

  private link(
    shared: Iterable<SharedKey>,
    displayOf: (index: number, key: string) => string | undefined,
    who: Identities,
    signatures: { get(ordinal: number): Uint32Array | undefined },
  ): LinkResult[] {
    const links: LinkResult[] = [];
    const bandGroups: number[][] = [];
    // Shared keys come one at a time and are let go once classified: the keys and the links made
    // of them are not both held whole (100k link-heavy: 62,000 keys, 27 MB).
    let index = 0;
    for (const e of shared) {
      const i = index++;
      const space = SPACES[e.space]!;
      if (space === 'resume-band') {
        bandGroups.push(e.members.map((m) => m.ordinal));
        continue;
      }
      const key = hex64(e.hi, e.lo);
      const value = displayOf(i, key) ?? `#${key}`;
      for (const l of this.classify(space, e.members, key, value, who)) links.push(l);
    }
    // By first member (the result does not depend on the order): a spilled batch reads the
    // signatures in one sweep, mostly.
    const lowest = (g: number[]) => g.reduce((m, o) => Math.min(m, o), Infinity);
    const byFirst = bandGroups
      .map((g) => [lowest(g), g] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, g]) => g);
    links.push(...findSimilarResumes(byFirst, signatures, who, links, this.kinds));
    // Each link's first member worked out once, not twice per comparison of the sort.
    const first = new Map<LinkResult, number>();
    for (const l of links)
      first.set(
        l,
        l.members.reduce((m, x) => Math.min(m, x.ordinal), Infinity),
      );
    return links.sort((a, b) => first.get(a)! - first.get(b)! || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.key < b.key ? -1 : 1));
  }

  private classify(space: (typeof SPACES)[number], raw: Array<{ ordinal: number; slot: number }>, key: string, value: string, who: Identities): LinkResult[] {
    const members = groupSlots(raw);
    const people = (ms: LinkMember[]) => new PeopleCounter(who).count(ms.map((m) => m.ordinal));
    const has = (m: LinkMember, role: string) => m.slots.some((s) => roleOfSlot(s).name === role);
    const make = (kind: string, ms: LinkMember[]): LinkResult[] => {
      const n = people(ms);
      if (n < 2) return [];
      if (n > MAX_LINKED_PEOPLE) {
        return [
          {
            kind,
            severity: 'info',
            value,
            key,
            members: ms,
            scored: false,
            note: `shared by ${n} different people: a placeholder or an office, not scored (allow-list it to hide)`,
          },
        ];
      }
      const k = this.kinds.get(kind);
      if (!k) return [{ kind, severity: 'info', value, key, members: ms, scored: false, note: NO_RULE_NOTE }];
      return [{ kind, severity: k.severity(n), value, key, members: ms, scored: true }];
    };
    switch (space) {
      case 'id': {
        if (members.length < 2) return [];
        return [
          {
            kind: 'duplicate-id',
            severity: 'info',
            value,
            key,
            members,
            scored: false,
            note: 'records with the same applicant id are checked separately, never merged',
          },
        ];
      }
      case 'phone':
      case 'email': {
        const own = members.filter((m) => has(m, space));
        const refs = members.filter((m) => has(m, `reference-${space}`));
        const out = make(`shared-${space}`, own);
        const counter = new PeopleCounter(who);
        const crossing = refs.filter((r) => own.some((o) => !counter.samePerson(r.ordinal, o.ordinal)));
        if (crossing.length) {
          const targets = own.filter((o) => crossing.some((r) => !counter.samePerson(r.ordinal, o.ordinal)));
          out.push(
            ...make(
              'reference-is-applicant',
              [...crossing, ...targets].sort((a, b) => a.ordinal - b.ordinal),
            ),
          );
        }
        return out;
      }
      case 'address':
        return members.some((m) => has(m, 'ship-to')) ? make('shared-ship-to', members) : make('shared-address', members);
      case 'account':
        return make('shared-payout-account', members);
      case 'wallet':
        return make('shared-crypto-wallet', members);
      case 'resume':
        return make('shared-resume', members);
      case 'photo':
      case 'photo-phash':
        return make('shared-photo', members);
      case 'ip':
        return make('shared-session-ip', members);
      case 'device':
        return make('shared-device', members);
      case 'document':
        return make('shared-document-number', members);
      default:
        // A new key space links as shared-<space>; a rule of that kind scores it.
        return make(`shared-${space}`, members);
    }
  }

  /**
   * Every applicant's keys as strings, for shard reports and the history (see LinkKeys), in ordinal
   * order: the applicants indexed when it is called. Once spilled, read from disk each time it is
   * iterated (needs the `exportKeys` option); before, one array.
   */
  exportKeys(): Iterable<LinkKeys> {
    const s = this.spilled;
    if (s) {
      if (!this.options.exportKeys) throw new Error('Correlator: exportKeys after spilling needs the exportKeys option');
      const end = s.end;
      return { [Symbol.iterator]: () => s.applicants.exported(end) };
    }
    const perOrdinal = this.keysByOrdinal();
    return this.metas.map((meta, ordinal) => {
      const sig = this.signatures.get(ordinal);
      return {
        id: meta.id,
        source: meta.source,
        person: meta.person.toString(16).padStart(8, '0'),
        keys: (perOrdinal.get(ordinal) ?? []).sort(),
        ...(sig ? { resumeSignature: signatureToBase64(sig) } : {}),
      };
    });
  }

  /** Each applicant's exported keys (unsorted) from the in-memory index. */
  private keysByOrdinal(): Map<number, string[]> {
    const perOrdinal = new Map<number, string[]>();
    for (const e of this.table.all()) {
      if (SPACES[e.space] === 'resume-band') continue;
      const key = hex64(e.hi, e.lo);
      for (const m of this.table.membersOf(e.entry)) {
        const list = perOrdinal.get(m.ordinal) ?? [];
        list.push(`${roleOfSlot(m.slot).name}:${key}:${m.slot % 0x10000}`);
        perOrdinal.set(m.ordinal, list);
      }
    }
    return perOrdinal;
  }
}

/** A key two or more applicants hold, with where each holds it. */
interface SharedKey {
  space: number;
  hi: number;
  lo: number;
  members: Array<{ ordinal: number; slot: number }>;
}

/** One member per applicant, with every slot where it holds the value. */
function groupSlots(raw: Array<{ ordinal: number; slot: number }>): LinkMember[] {
  const by = new Map<number, number[]>();
  for (const r of raw) {
    // Most members hold the value once: `[slot]` is one element, where a push onto `[]` reserves
    // seventeen (1M ordinary applicants: 56,000 links kept 23 MB of mostly empty slot arrays).
    const list = by.get(r.ordinal);
    if (list) list.push(r.slot);
    else by.set(r.ordinal, [r.slot]);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([ordinal, slots]) => ({ ordinal, slots }));
}
