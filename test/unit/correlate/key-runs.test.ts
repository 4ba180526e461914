import { describe, expect, test } from 'vitest';
import { KeyRuns } from '../../../src/correlate/key-runs.js';
import { KeyTable } from '../../../src/correlate/key-table.js';
import { prng as rng } from '../../helpers/prng.js';

const shared = (runs: KeyRuns, firstDisplay = false) => {
  const text = runs.textReader();
  return [...runs.merge(firstDisplay)].map((g) => ({
    hi: g.hi,
    lo: g.lo,
    space: g.space,
    members: g.members,
    text: g.displayLength ? text(g.displayAt, g.displayLength) : undefined,
  }));
};

describe('link keys as sorted runs on disk', () => {
  test('members come back in the order they were added, across runs, a repeat by the member just before dropped', () => {
    const runs = new KeyRuns(3);
    // Key A: ordinals 5, 2, 2 (repeat), 9 — spread over several runs, interleaved with other keys.
    runs.add(7, 1, 1, 5, 100);
    runs.add(1, 1, 2, 0, 10);
    runs.add(7, 1, 1, 2, 101);
    runs.add(7, 1, 1, 2, 102);
    runs.add(0xffffffff, 0xffffffff, 3, 1, 1);
    runs.add(7, 1, 1, 9, 103);
    // Key B: the same hi as A, another lo (rare, but must not mix).
    runs.add(7, 0, 4, 3, 200);
    runs.add(7, 0, 4, 4, 201);
    runs.add(1, 1, 2, 0, 11);
    expect(runs.runCount).toBeGreaterThan(1);
    const out = shared(runs);
    expect(out.map((g) => [g.hi, g.lo, g.members])).toEqual([
      [
        7,
        0,
        [
          { ordinal: 3, slot: 200 },
          { ordinal: 4, slot: 201 },
        ],
      ],
      [
        7,
        1,
        [
          { ordinal: 5, slot: 100 },
          { ordinal: 2, slot: 101 },
          { ordinal: 9, slot: 103 },
        ],
      ],
    ]);
    // Key (1,1): one applicant twice is not shared; (ffffffff, ffffffff) once is not either.
    runs.close();
  });

  test('display text: the one seen when the value turned out shared, or the first one when every text is kept', () => {
    const runs = new KeyRuns(2);
    runs.add(1, 2, 1, 0, 0, 'first');
    runs.add(1, 2, 1, 0, 1, 'first again');
    runs.add(1, 2, 1, 1, 0);
    runs.add(1, 2, 1, 1, 1, 'second, repeat');
    runs.add(1, 2, 1, 2, 0, 'third');
    expect(shared(runs).map((g) => g.text)).toEqual(['second, repeat']);
    const keep = new KeyRuns(2);
    keep.add(1, 2, 1, 0, 0);
    keep.add(1, 2, 1, 1, 0, 'b');
    keep.add(1, 2, 1, 2, 0, 'c');
    expect(shared(keep, true).map((g) => g.text)).toEqual(['b']);
    runs.close();
    keep.close();
  });

  test.each([1, 5, 64, 1 << 17])('the same shared keys and members as the in-memory KeyTable (runs of %i)', (size) => {
    const r = rng(size);
    const table = new KeyTable();
    const runs = new KeyRuns(size);
    let ordinal = 0;
    for (let a = 0; a < 600; a++) {
      ordinal += r() < 0.9 ? 1 : 0;
      for (let k = 0; k < 1 + Math.floor(r() * 6); k++) {
        // Few distinct keys, so many are shared; hi collides often to exercise the lo tie-break.
        const hi = Math.floor(r() * 40);
        const lo = Math.floor(r() * 3) * 0x40000000;
        const slot = Math.floor(r() * 5);
        table.add(hi, lo, hi % 13, ordinal, slot);
        runs.add(hi, lo, hi % 13, ordinal, slot);
      }
    }
    const fromTable = [...table.shared()]
      .map((e) => ({ hi: e.hi, lo: e.lo, space: e.space, members: table.membersOf(e.entry) }))
      .sort((x, y) => x.hi - y.hi || x.lo - y.lo);
    const fromRuns = shared(runs).map(({ hi, lo, space, members }) => ({ hi, lo, space, members }));
    expect(fromRuns).toEqual(fromTable);
    expect(fromRuns.length).toBeGreaterThan(20);
    runs.close();
  });
});
