/**
 * A table looked up with keys that come from data (a word of an address, a file extension, an
 * operator name in a rule file) as an object without a prototype: `TABLE["constructor"]` is then
 * undefined, as it should be, instead of `Object.prototype.constructor`, and `"toString" in TABLE`
 * is false. test/unit/util/lookup-tables.test.ts keeps every table in src/ built this way (or a Map).
 */
export function lookupTable<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}
