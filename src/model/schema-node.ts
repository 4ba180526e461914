/**
 * The subset of JSON Schema the field checker reads. Shared by validate (applicant schema), enrich
 * (what each enricher provides under derived.) and ruleset (checking rule field paths).
 */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
  description?: string;
  enum?: unknown[];
  [k: string]: unknown;
}
