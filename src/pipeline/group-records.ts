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
  // A read still waiting for input when the consumer stops: closing the source must not wait for it.
  let reading = false;
  try {
    for (;;) {
      const pending = it.next();
      let r: IteratorResult<T> | typeof NOT_YET = group.length ? await Promise.race([pending, nextTurn()]) : await pending;
      if (r === NOT_YET) {
        // Reading has to wait for input: check what is here first.
        reading = true;
        yield group;
        group = [];
        r = await pending;
        reading = false;
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
    if (!finished) {
      const closing = it.return?.(undefined);
      if (reading) closing?.catch(() => {});
      else await closing;
    }
  }
}

/** Settles after the event loop has had a turn: records already read arrive before it. */
function nextTurn(): Promise<typeof NOT_YET> {
  return new Promise((resolve) => setImmediate(() => resolve(NOT_YET)));
}
