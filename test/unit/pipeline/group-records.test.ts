import { describe, expect, test } from 'vitest';
import { inGroups } from '../../../src/pipeline/group-records.js';

async function* items(n: number, pauseBefore?: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    if (i === pauseBefore) await new Promise((r) => setTimeout(r, 20));
    yield i;
  }
}

async function groups<T>(source: AsyncIterable<T>, max?: number): Promise<T[][]> {
  const out: T[][] = [];
  for await (const g of inGroups(source, max)) out.push(g);
  return out;
}

describe('inGroups', () => {
  test('records at hand come in full groups, in order, and nothing is lost', async () => {
    const gs = await groups(items(10), 4);
    expect(gs).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  test('a group ends where input has to be waited for, so no record waits for the next', async () => {
    const gs = await groups(items(6, 3), 64);
    expect(gs).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  test('no input, no groups', async () => {
    expect(await groups(items(0))).toEqual([]);
  });

  test('stopping early closes the source', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const g of inGroups(source(), 3)) {
      expect(g).toEqual([0, 1, 2]);
      break;
    }
    expect(closed).toBe(true);
  });

  test('stopping while the source waits for input does not wait for that input', async () => {
    async function* stalled() {
      yield 'first';
      await new Promise(() => {}); // input that never comes (a terminal on stdin)
    }
    const seen: string[][] = [];
    for await (const g of inGroups(stalled())) {
      seen.push(g);
      break;
    }
    expect(seen).toEqual([['first']]);
  });
});
