/** Groups of at most this many records: enough for the stages to stay hot, little to hold. */
export const GROUP_SIZE = 64;

const NOT_YET = Symbol('not yet');

/**
 * Records in small groups for checkGroup, without making any record wait for input that has not
 * come: a group ends when it is full, when the input ends, or when the next record is not already
 * at hand (a slow standard input gets groups of one, as before).
 */
export async function* inGroups<T>(source: AsyncIterable<T>, max = GROUP_SIZE): AsyncGenerator<T[]> {
  const it = source[Symbol.asyncIterator]();
  let group: T[] = [];
  let finished = false;
  try {
    for (;;) {
      const pending = it.next();
      let r: IteratorResult<T> | typeof NOT_YET = group.length ? await Promise.race([pending, nextTurn()]) : await pending;
      if (r === NOT_YET) {
        // Reading has to wait for input: check what is here first.
        yield group;
        group = [];
        r = await pending;
      }
      if (r.done) break;
      group.push(r.value);
      if (group.length >= max) {
        yield group;
        group = [];
      }
    }
    finished = true;
    if (group.length) yield group;
  } finally {
    if (!finished) await it.return?.(undefined);
  }
}

/** Settles after the event loop has had a turn: records already read arrive before it. */
function nextTurn(): Promise<typeof NOT_YET> {
  return new Promise((resolve) => setImmediate(() => resolve(NOT_YET)));
}
