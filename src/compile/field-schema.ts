import type { ParsedPath } from '../runtime/field-path.js';
import type { SchemaNode } from '../model/schema-node.js';
import { closest } from '../util/closest.js';

export type { SchemaNode };

export interface FieldCheck {
  ok: boolean;
  node?: SchemaNode;
  message?: string;
  hint?: string;
}

function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 10; guard++) {
    const name = n.$ref.replace(/^#\/definitions\//, '');
    const defs = root.definitions as Record<string, SchemaNode> | undefined;
    n = defs && Object.hasOwn(defs, name) ? defs[name] : undefined;
  }
  return n;
}

function hasType(node: SchemaNode, t: string): boolean {
  return node.type === t || (Array.isArray(node.type) && node.type.includes(t));
}

/**
 * Check that a path names a field the applicant schema (or the derived-facts schema under
 * `derived.`) defines, walking from `start` (the applicant, or an array element inside a scope).
 */
export function checkField(root: SchemaNode, start: SchemaNode, path: ParsedPath): FieldCheck {
  let node: SchemaNode | undefined = deref(root, start);
  let walked = '';
  for (const seg of path.segments) {
    if (!node) return { ok: false, message: `unknown field '${path.text}'` };
    if (seg.kind === 'key') {
      const props = node.properties;
      if (!props || !hasType(node, 'object')) {
        if (hasType(node, 'array')) {
          return { ok: false, message: `'${walked}' is a list: write '${walked}[]' to look inside its elements`, hint: `use ${walked}[].${seg.key}` };
        }
        return { ok: false, message: `'${walked}' has no fields, so '${path.text}' does not exist` };
      }
      // Own keys only: `in` would accept constructor, toString, __proto__ (issue 14).
      if (!Object.hasOwn(props, seg.key)) {
        const suggestion = closest(seg.key, Object.keys(props));
        return {
          ok: false,
          message: `unknown field '${path.text}': '${walked || 'the applicant'}' has no field '${seg.key}'`,
          hint: suggestion ? `did you mean '${walked ? `${walked}.` : ''}${suggestion}'?` : `known fields here: ${Object.keys(props).join(', ')}`,
        };
      }
      node = deref(root, props[seg.key]);
      walked = walked ? `${walked}.${seg.key}` : seg.key;
    } else {
      if (!hasType(node, 'array')) return { ok: false, message: `'${walked}' is not a list, so '[]' cannot follow it` };
      node = deref(root, node.items);
      walked += seg.kind === 'each' ? '[]' : `[${seg.key}=${seg.value}]`;
      if (seg.kind === 'filter' && !(node?.properties && Object.hasOwn(node.properties, seg.key))) {
        return { ok: false, message: `elements of '${walked}' have no field '${seg.key}' to filter on` };
      }
    }
  }
  return { ok: true, node };
}

/** Whether values at this node are lists (so `some`/`every` can scope into them). */
export function isArrayNode(node: SchemaNode | undefined): boolean {
  return !!node && hasType(node, 'array');
}
