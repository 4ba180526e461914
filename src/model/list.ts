import type { Reference, SourcePosition } from './rule.js';

export const LIST_KINDS = ['company', 'name', 'text', 'cidr', 'email-domain'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListEntry {
  value: string;
  aliases: string[];
  note?: string;
  /** designated | charged | reported | ... : how firm the public basis is. */
  status?: string;
  source?: Reference;
}

/** A named list (watchlist, tool names, IP ranges) that rules reference as { list: id }. */
export interface NamedList {
  id: string;
  kind: ListKind;
  title: string;
  description?: string;
  references: Reference[];
  entries: ListEntry[];
  source: SourcePosition;
}

/** Entries a configuration file adds to a named list, each with where it was written. */
export interface ListAddition {
  list: string;
  entries: ListEntry[];
  source: SourcePosition;
  entrySources: SourcePosition[];
}
