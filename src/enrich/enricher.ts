import type { Applicant } from '../model/applicant.js';
import type { SchemaNode } from '../ruleset/field-schema.js';

/** What offline intelligence can say about one IP address. Supplied by an IpResolver. */
export interface IpFacts {
  country?: string;
  asn?: number;
  org?: string;
  hosting?: boolean;
  /** vpn or datacenter, when `hosting` is true. */
  hostingKind?: 'vpn' | 'datacenter';
  /** The hosting list's name for the network (e.g. "Surfshark"). */
  hostingNetwork?: string;
  /**
   * The data labelled the address KP although it is outside North Korea's allocated space: the
   * label is dropped (privacy relays and geofeed errors carry it) and only this flag is kept.
   */
  kpLabelIgnored?: boolean;
  /** Where the answer came from, for the report (e.g. "ip-location-db 2026-06-17"). */
  source?: string;
}

/** Offline IP intelligence plugs in here; the enrich stage works without one. */
export interface IpResolver {
  lookup(ip: string): IpFacts | undefined;
}

export interface EnrichContext {
  ip?: IpResolver;
}

/**
 * One source of derived facts. `provides` describes, as JSON Schema, the keys it adds under
 * `derived.`; rules may only name derived fields that some enricher provides (checked at load).
 */
export interface Enricher {
  name: string;
  provides: Record<string, SchemaNode>;
  /** `derived`: what the enrichers before this one derived (read-only), for facts built on facts. */
  derive(applicant: Applicant, ctx: EnrichContext, derived: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
