/**
 * Rule patterns as configuration files write them: an id, `*` for every rule, or an id with `*`
 * wildcards (`network.*`, `identity.document-*`). Nothing else is special, so a pattern can never
 * become a regular expression the user did not mean.
 */
export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function matchesPattern(pattern: string, id: string): boolean {
  return pattern === '*' || pattern === id || (pattern.includes('*') && patternToRegExp(pattern).test(id));
}

/** The ids a pattern selects, in the order given. */
export function selectIds(pattern: string, ids: string[]): string[] {
  return ids.filter((id) => matchesPattern(pattern, id));
}
