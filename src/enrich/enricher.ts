import type { Applicant } from '../model/applicant.js';
import type { SchemaNode } from '../model/schema-node.js';
import type { IpFacts, IpResolver } from '../model/ip-facts.js';

// Re-exported: callers outside intel/ keep importing the enrich contract from here.
export type { IpFacts, IpResolver };

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
