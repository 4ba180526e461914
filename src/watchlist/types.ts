import type { Reference } from '../model/rule.js';

/** A digital-currency address as the list writes it, with its currency code (XBT, ETH, USDT…). */
export interface WatchWallet {
  currency?: string;
  address: string;
}

/** One sanctioned party read from a user-downloaded list, before it becomes list YAML. */
export interface WatchEntry {
  /** 'wallet': a wallet the source lists on its own, with no holder it names (kept for the wallet list only). */
  kind: 'entity' | 'person' | 'wallet';
  name: string;
  aliases: string[];
  /**
   * Aliases the list itself calls weak (OFAC "a.k.a. 'KOMID'" in Remarks, FtM weakAlias): handles
   * and short names that many others share. Never matched alone at high severity.
   */
  weakAliases: string[];
  /** Sanctions programmes (OFAC tags such as DPRK3, or OpenSanctions programme text). */
  programs: string[];
  /** Date(s) of birth as the list writes them: a second identifier for a person to check. */
  dob?: string;
  /** Addresses as the list writes them (OFAC add.csv), for the entry's note: a second identifier. */
  addresses: string[];
  /** Exact identifiers the list gives: e-mail addresses, websites and digital-currency addresses. */
  emails: string[];
  websites: string[];
  wallets: WatchWallet[];
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
