/** A count with its noun: `1 record`, `2 records` (the nouns used here all take an s). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
