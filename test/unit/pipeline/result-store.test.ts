import { describe, expect, test } from 'vitest';
import { readSync } from 'node:fs';
import { ResultStore } from '../../../src/pipeline/result-store.js';
import { levelAt, scoreAt, worstFirst, type ApplicantResult } from '../../../src/model/report.js';
import type { Level } from '../../../src/model/levels.js';

const result = (i: number, level: Level = 'none', score = 0): ApplicantResult => ({
  id: `cand-${i}`,
  name: `Marguerite Oyelaran-${i}`,
  source: `export.ndjson#${i + 1}`,
  level,
  score,
  findings: [],
  contributions: [],
  notEvaluated: ['payroll: no data'],
  warnings: [],
  // JSON data: a key whose value is undefined reads back absent, as every format writes it.
  coverage: undefined,
  suppressed: i % 2 ? [{ ruleId: 'r', title: 't', severity: 'low', exception: 'e', reason: `why ${i}`, source: 'x:1' }] : undefined,
});

describe('ResultStore', () => {
  test('while small, the list is the array of the objects appended', () => {
    const store = new ResultStore(10);
    const rs = [result(0), result(1, 'high', 70)];
    for (const r of rs) store.append(r);
    expect(store.spilled).toBe(false);
    const list = store.list();
    expect(Array.isArray(list)).toBe(true);
    expect(list.at(1)).toBe(rs[1]);
  });

  test('past the threshold every result is on disk and reads back equal, in order and by position', () => {
    const store = new ResultStore(3);
    const rs = Array.from({ length: 50 }, (_, i) =>
      result(i, i % 7 === 0 ? 'critical' : i % 3 === 0 ? 'medium' : 'none', i % 7 === 0 ? 90 - i : i % 3 === 0 ? 40 + i : 0),
    );
    for (const r of rs) store.append(r);
    expect(store.spilled).toBe(true);
    const list = store.list();
    expect(Array.isArray(list)).toBe(false);
    expect(list.length).toBe(50);
    expect([...list]).toEqual(rs);
    expect(list.at(17)).toEqual(rs[17]);
    expect(list.at(17)).not.toBe(rs[17]);
    expect(list.at(50)).toBeUndefined();
    // Key order survives; the undefined key is left out, as JSON.stringify leaves it out of a report.
    expect(Object.keys(list.at(3)!)).toEqual(Object.keys(rs[3]!).filter((k) => k !== 'coverage'));
    // Sorting needs no read back: level and score are kept per applicant.
    expect(levelAt(list, 14)).toBe('critical');
    expect(scoreAt(list, 14)).toBe(76);
    const order = worstFirst(
      list,
      rs.map((_, i) => i),
    );
    expect(order).toEqual(
      worstFirst(
        rs,
        rs.map((_, i) => i),
      ),
    );
    store.close();
  });

  test('a result put back is read back changed, the others unchanged, in order', () => {
    const store = new ResultStore(0);
    const rs = Array.from({ length: 20 }, (_, i) => result(i));
    for (const r of rs) store.append(r);
    const changed = {
      ...rs[5]!,
      level: 'high' as const,
      score: 66,
      warnings: [{ code: 'input-duplicate-id', severity: 'warning' as const, message: 'also at x' }],
    };
    store.replace(5, changed);
    const list = store.list();
    expect(list.at(5)).toEqual(changed);
    expect(levelAt(list, 5)).toBe('high');
    expect([...list]).toEqual([...rs.slice(0, 5), changed, ...rs.slice(6)]);
    store.close();
  });

  test('what is on disk is not readable: no name, id or source in the raw bytes', () => {
    const store = new ResultStore(0);
    for (let i = 0; i < 30; i++) store.append(result(i));
    // Reading back flushes the buffer to the file.
    store.list().at(29);
    const spill = (store as unknown as { spill: { descriptor: number; diskBytes(): number } }).spill;
    const raw = Buffer.alloc(spill.diskBytes());
    readSync(spill.descriptor, raw, 0, raw.length, 0);
    expect(raw.length).toBeGreaterThan(1000);
    const text = raw.toString('latin1');
    for (const s of ['Marguerite', 'Oyelaran', 'cand-1', 'export.ndjson', 'payroll']) expect(text).not.toContain(s);
    store.close();
  });
});
