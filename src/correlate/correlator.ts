import type { Applicant } from '../model/applicant.js';
import type { Severity } from '../model/levels.js';
import type { LinkKeys } from '../model/report.js';
import { hex64, type Hash64 } from './hash64.js';
import { KeyTable } from './key-table.js';
import type { KeyOptions } from './link-keys.js';
import { applicantLinkKeys, type ApplicantMeta } from './applicant-link-keys.js';
import { builtinLinkKinds, MAX_LINKED_PEOPLE, NO_RULE_NOTE, type LinkKinds } from './link-kinds.js';
import { BANDS, bandHash, signatureToBase64 } from './minhash.js';
import { ROLES, roleOfSlot, SPACE_INDEX, SPACES, slotOf } from './roles.js';
import { findSimilarResumes } from './similar-resumes.js';
import { PeopleCounter } from './people.js';
import { SignatureStore } from './signature-store.js';

// Defined beside the function that makes it; callers keep importing it from here.
export type { ApplicantMeta };

export interface LinkMember {
  ordinal: number;
  /** Where the value sits in this applicant's record (see roles.ts). */
  slots: number[];
}

export interface LinkResult {
  kind: string;
  severity: Severity;
  value: string;
  key: string;
  members: LinkMember[];
  /** False for links shown but not scored (duplicate ids, placeholder values). */
  scored: boolean;
  note?: string;
}

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
}

const BAND_ROLE = ROLES.findIndex((r) => r.name === 'resume-band');

/**
 * Finds applicants who share concrete things. Only 64-bit hashes of the values are kept (plus the
 * display text of values that turn out to be shared, and a 256-byte résumé signature), so memory
 * per applicant is bounded whatever the record's size. Records are fed one at a time; `finish`
 * returns the links.
 */
export class Correlator {
  private readonly table = new KeyTable();
  private readonly metas: ApplicantMeta[] = [];
  private readonly display = new Map<string, string>();
  private readonly signatures = new SignatureStore();
  private readonly h: Hash64 = { hi: 0, lo: 0 };

  private readonly kinds: LinkKinds;

  constructor(private readonly options: CorrelatorOptions = {}) {
    this.kinds = options.kinds ?? builtinLinkKinds();
  }

  /** Index one checked applicant. `ordinal` is its position among the checked applicants. */
  add(ordinal: number, a: Applicant, source: string): void {
    const { meta, keys, signature } = applicantLinkKeys(a, source, this.options);
    this.addKeys(ordinal, meta, keys, signature);
  }

  /** Index precomputed keys (a shard report's): the same path `add` takes after hashing. */
  addKeys(ordinal: number, meta: ApplicantMeta, keys: Array<{ role: number; index: number; hi: number; lo: number; display?: string }>, signature?: Uint32Array): void {
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

  meta(ordinal: number): ApplicantMeta | undefined {
    return this.metas[ordinal];
  }

  finish(): LinkResult[] {
    const links: LinkResult[] = [];
    const bandGroups: number[][] = [];
    for (const e of this.table.shared()) {
      const space = SPACES[e.space]!;
      const members = this.table.membersOf(e.entry);
      const key = hex64(e.hi, e.lo);
      if (space === 'resume-band') {
        bandGroups.push(members.map((m) => m.ordinal));
        continue;
      }
      const value = this.display.get(key) ?? `#${key}`;
      links.push(...this.classify(space, members, key, value));
    }
    links.push(...findSimilarResumes(bandGroups, this.signatures, this.metas, links, this.kinds));
    const first = (l: LinkResult) => Math.min(...l.members.map((m) => m.ordinal));
    return links.sort((a, b) => first(a) - first(b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.key < b.key ? -1 : 1));
  }

  private classify(space: (typeof SPACES)[number], raw: Array<{ ordinal: number; slot: number }>, key: string, value: string): LinkResult[] {
    const members = groupSlots(raw);
    const people = (ms: LinkMember[]) => new PeopleCounter(this.metas).count(ms.map((m) => m.ordinal));
    const has = (m: LinkMember, role: string) => m.slots.some((s) => roleOfSlot(s).name === role);
    const make = (kind: string, ms: LinkMember[]): LinkResult[] => {
      const n = people(ms);
      if (n < 2) return [];
      if (n > MAX_LINKED_PEOPLE) {
        return [{ kind, severity: 'info', value, key, members: ms, scored: false, note: `shared by ${n} different people: a placeholder or an office, not scored (allow-list it to hide)` }];
      }
      const k = this.kinds.get(kind);
      if (!k) return [{ kind, severity: 'info', value, key, members: ms, scored: false, note: NO_RULE_NOTE }];
      return [{ kind, severity: k.severity(n), value, key, members: ms, scored: true }];
    };
    switch (space) {
      case 'id': {
        if (members.length < 2) return [];
        return [{ kind: 'duplicate-id', severity: 'info', value, key, members, scored: false, note: 'records with the same applicant id are checked separately, never merged' }];
      }
      case 'phone':
      case 'email': {
        const own = members.filter((m) => has(m, space));
        const refs = members.filter((m) => has(m, `reference-${space}`));
        const out = make(`shared-${space}`, own);
        const counter = new PeopleCounter(this.metas);
        const crossing = refs.filter((r) => own.some((o) => !counter.samePerson(r.ordinal, o.ordinal)));
        if (crossing.length) {
          const targets = own.filter((o) => crossing.some((r) => !counter.samePerson(r.ordinal, o.ordinal)));
          out.push(...make('reference-is-applicant', [...crossing, ...targets].sort((a, b) => a.ordinal - b.ordinal)));
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

  /** Every applicant's keys as strings, for shard reports (see LinkKeys). */
  exportKeys(): LinkKeys[] {
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
}

/** One member per applicant, with every slot where it holds the value. */
function groupSlots(raw: Array<{ ordinal: number; slot: number }>): LinkMember[] {
  const by = new Map<number, number[]>();
  for (const r of raw) {
    const list = by.get(r.ordinal) ?? [];
    list.push(r.slot);
    by.set(r.ordinal, list);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([ordinal, slots]) => ({ ordinal, slots }));
}
