import type { ParsedPath } from './field-path.js';

/** The subset of JSON Schema the field checker reads. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
  description?: string;
  enum?: unknown[];
  [k: string]: unknown;
}

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

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
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
