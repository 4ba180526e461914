/**
 * Who an indexed applicant is, as far as linking needs to know: its id and person key. `id` is
 * undefined for an ordinal that was never indexed. An interface, not an array of metas: a spilled
 * batch answers from the ids of linked applicants only and the person keys it keeps in memory.
 */
export interface Identities {
  id(ordinal: number): string | undefined;
  person(ordinal: number): number;
}

/**
 * How many different people a set of records stands for: records are one person when they share
 * an id or a person key (union-find, so A~B by id and B~C by name makes one person).
 */
export class PeopleCounter {
  constructor(private readonly who: Identities) {}

  samePerson(a: number, b: number): boolean {
    const x = this.who.id(a);
    const y = this.who.id(b);
    if (x === undefined || y === undefined) return a === b;
    return x === y || this.who.person(a) === this.who.person(b);
  }

  count(ordinals: number[]): number {
    const parent = new Map<number, number>();
    const find = (o: number): number => {
      let r = o;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(o, r);
      return r;
    };
    const byId = new Map<string, number>();
    const byPerson = new Map<number, number>();
    for (const o of ordinals) {
      parent.set(o, o);
      const id = this.who.id(o);
      if (id === undefined) continue;
      const person = this.who.person(o);
      for (const other of [byId.get(id), byPerson.get(person)]) {
        if (other !== undefined) parent.set(find(o), find(other));
      }
      byId.set(id, o);
      byPerson.set(person, o);
    }
    return new Set(ordinals.map(find)).size;
  }
}
