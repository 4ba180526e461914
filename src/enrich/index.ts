import type { Applicant, Facts } from '../model/applicant.js';
import type { SchemaNode } from '../model/schema-node.js';
import type { EnrichContext, Enricher } from './enricher.js';
import { activityFacts } from './activity-facts.js';
import { contactFacts } from './contact-facts.js';
import { payeeFacts } from './payee-facts.js';
import { sessionFacts } from './session-facts.js';
import { timelineFacts } from './timeline-facts.js';
import { accountChangeFacts } from './account-change-facts.js';
import { corroborationFacts } from './corroboration-facts.js';
import { declarationFacts } from './declaration-facts.js';

// corroboration and declaration facts read the session and payee facts, so they come last.
export const ENRICHERS: Enricher[] = [
  contactFacts,
  timelineFacts,
  sessionFacts,
  activityFacts,
  payeeFacts,
  accountChangeFacts,
  corroborationFacts,
  declarationFacts,
];

/** JSON Schema of `derived`, assembled from what each enricher declares it provides. */
export function derivedSchema(enrichers: Enricher[] = ENRICHERS): SchemaNode {
  const properties: Record<string, SchemaNode> = {};
  for (const e of enrichers) {
    for (const [k, v] of Object.entries(e.provides)) {
      if (k in properties) throw new Error(`derived.${k} is provided twice (enricher ${e.name})`);
      properties[k] = v;
    }
  }
  return { type: 'object', properties, description: 'facts the enrich stage derives; not part of the input' };
}

/** The enrich stage: the applicant plus `derived`, computed offline. Pure given the context. */
export function enrich(applicant: Applicant, ctx: EnrichContext = {}, enrichers: Enricher[] = ENRICHERS): Facts {
  const derived: Record<string, unknown> = {};
  for (const e of enrichers) Object.assign(derived, e.derive(applicant, ctx, derived));
  return { ...applicant, derived };
}
