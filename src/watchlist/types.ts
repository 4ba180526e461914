import type { Reference } from '../model/rule.js';

/** One sanctioned party read from a user-downloaded list, before it becomes list YAML. */
export interface WatchEntry {
  kind: 'entity' | 'person';
  name: string;
  aliases: string[];
  /** Sanctions programmes (OFAC tags such as DPRK3, or OpenSanctions programme text). */
  programs: string[];
  /** Date(s) of birth as the list writes them: a second identifier for a person to check. */
  dob?: string;
  /** Exact identifiers the list gives: e-mail addresses and digital-currency addresses. */
  emails: string[];
  wallets: string[];
  source: Reference;
}

export interface ImportResult {
  /** Human name of the source, e.g. "OFAC SDN list (sdn.csv)". */
  sourceName: string;
  /** For titles: "OFAC SDN", "OpenSanctions". */
  shortName: string;
  licence: string;
  entries: WatchEntry[];
  /** Rows read, and rows skipped because of programme, type (vessels, aircraft) or missing name. */
  read: number;
  skipped: number;
}

export class ImportError extends Error {}
