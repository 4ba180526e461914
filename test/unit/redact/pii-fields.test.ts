import { describe, expect, test } from 'vitest';
import { classifyField, fieldPattern, linkValueKind, FIELD_CLASSES } from '../../../src/redact/pii-fields.js';
import { readSchema } from '../../../src/validate/ajv.js';
import { derivedSchema } from '../../../src/enrich/index.js';

type Node = { type?: unknown; properties?: Record<string, Node>; items?: Node; $ref?: string };

/** Every leaf field of a JSON schema, as a field pattern. */
function leaves(root: Node, node: Node, path: string, out: string[]): string[] {
  if (node.$ref) {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root) as Node;
    return leaves(root, target, path, out);
  }
  if (node.properties) for (const [k, v] of Object.entries(node.properties)) leaves(root, v, path ? `${path}.${k}` : k, out);
  else if (node.items) leaves(root, node.items, `${path}[]`, out);
  else out.push(path);
  return out;
}

describe('personal-data field table', () => {
  test('classifies every field of the applicant schema and of the derived facts', () => {
    const applicant = readSchema('applicant.schema.json') as Node;
    const fields = [...leaves(applicant, applicant, '', []), ...leaves({}, derivedSchema() as Node, 'derived', [])];
    expect(fields.length).toBeGreaterThan(80);
    // A new field must be classified in src/redact/pii-fields.ts (personal or public) before it ships.
    expect(fields.filter((f) => classifyField(f) === undefined)).toEqual([]);
  });

  test('the table names no field the schemas do not have', () => {
    const applicant = readSchema('applicant.schema.json') as Node;
    const fields = new Set([...leaves(applicant, applicant, '', []), ...leaves({}, derivedSchema() as Node, 'derived', [])]);
    const containers = ['name', 'contact.addresses[]', 'equipment.shipTo', 'name.aliases', 'declarations.previousAddresses[].address'];
    expect(Object.keys(FIELD_CLASSES).filter((k) => !fields.has(k) && !containers.includes(k))).toEqual([]);
  });

  test('concrete paths, filters and $. resolve to their pattern', () => {
    expect(fieldPattern('$.contact.addresses[type=home].line1')).toBe('contact.addresses[].line1');
    expect(classifyField('identity.documents[3].nameOnDocument')).toBe('name');
    expect(classifyField('derived.sessions[0].ip')).toBe('ip');
    expect(classifyField('derived.sessions[0].country')).toBe('public');
    expect(classifyField('contact.addresses[0]')).toBe('address');
    expect(classifyField('contact.addresses[0].country')).toBe('public');
    expect(classifyField('extra.anything[2].deep')).toBe('other');
    expect(classifyField('derived.somethingNew')).toBeUndefined();
  });

  test('link kinds map to the kind of value they share', () => {
    expect(linkValueKind('shared-phone')).toBe('phone');
    expect(linkValueKind('shared-ship-to-address')).toBe('address');
    expect(linkValueKind('shared-wallet')).toBe('wallet');
    expect(linkValueKind('shared-bank-account')).toBe('account');
    expect(linkValueKind('shared-session-ip')).toBe('ip');
    expect(linkValueKind('shared-photo-hash')).toBe('hash');
    expect(linkValueKind('something-else')).toBe('other');
  });
});
