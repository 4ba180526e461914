import type { ApplicantMeta } from './link-types.js';

/**
 * How many different people a set of records stands for: records are one person when they share
 * an id or a person key (union-find, so A~B by id and B~C by name makes one person).
 */
export class PeopleCounter {
  constructor(private readonly metas: ReadonlyArray<ApplicantMeta | undefined>) {}

  samePerson(a: number, b: number): boolean {
    const x = this.metas[a];
    const y = this.metas[b];
    if (!x || !y) return a === b;
    return x.id === y.id || x.person === y.person;
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
      const meta = this.metas[o];
      if (!meta) continue;
      for (const other of [byId.get(meta.id), byPerson.get(meta.person)]) {
        if (other !== undefined) parent.set(find(o), find(other));
      }
      byId.set(meta.id, o);
      byPerson.set(meta.person, o);
    }
    return new Set(ordinals.map(find)).size;
  }
}
