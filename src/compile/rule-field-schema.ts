import { derivedSchema } from '../enrich/index.js';
import { readSchema } from '../validate/ajv.js';
import type { SchemaNode } from './field-schema.js';

let cachedSchema: SchemaNode | undefined;
/** The applicant schema with `derived` added: the only fields a rule may name. */
export function ruleFieldSchema(): SchemaNode {
  if (!cachedSchema) {
    const base = readSchema('applicant.schema.json') as SchemaNode;
    cachedSchema = { ...base, properties: { ...base.properties, derived: derivedSchema() } };
  }
  return cachedSchema;
}
