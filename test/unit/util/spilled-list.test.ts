import { expect, test } from 'vitest';
import { SpilledList } from '../../../src/util/spilled-list.js';

test('a spilled list gives back what was appended, in order, as often as it is read', () => {
  const items = Array.from({ length: 5000 }, (_, i) => ({ id: `a-${i}`, keys: i % 7 ? [`phone:${i.toString(16)}:0`] : [], nothing: undefined }));
  const list = new SpilledList<(typeof items)[number]>('test', 100);
  for (const it of items) list.push(it);
  expect(list.length).toBe(5000);
  expect([...list]).toEqual(items);
  // Read again (a merged report's link keys are read for the JSON and again for the history).
  expect([...list].map((x) => x.id)).toEqual(items.map((x) => x.id));
  // Copies: changing one read back changes nothing stored.
  const first = [...list][0]!;
  first.id = 'changed';
  expect([...list][0]!.id).toBe('a-0');
  list.close();
  list.close();
});

test('a short list stays in memory and is the same to read', () => {
  const list = new SpilledList<number>('test', 100);
  for (let i = 0; i < 100; i++) list.push(i);
  expect([...list]).toEqual(Array.from({ length: 100 }, (_, i) => i));
  expect((list as unknown as { spill?: unknown }).spill).toBeUndefined();
  list.push(100);
  expect((list as unknown as { spill?: unknown }).spill).toBeDefined();
  expect([...list]).toEqual(Array.from({ length: 101 }, (_, i) => i));
});

test('an item by its position, spilled or not, in any order; undefined past either end', () => {
  for (const spillAfter of [1000, 10]) {
    const list = new SpilledList<{ n: number; text: string }>('test', spillAfter);
    const items = Array.from({ length: 300 }, (_, n) => ({ n, text: 'x'.repeat(n % 17) }));
    for (const it of items) list.push(it);
    for (const i of [0, 63, 64, 65, 299, 128, 5, 200, 127]) expect(list.at(i)).toEqual(items[i]);
    expect(list.at(300)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    // Appended after a read by position: still found.
    list.push({ n: 300, text: 'late' });
    expect(list.at(300)).toEqual({ n: 300, text: 'late' });
    list.close();
  }
});
