import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../../src/formats/index.js';
import { buildReport } from '../../../src/report/build.js';
import type { Link, LinkList } from '../../../src/model/report.js';
import type { Severity } from '../../../src/model/levels.js';
import { SpilledList } from '../../../src/util/spilled-list.js';

// 130 links whose severities cycle irregularly (some unset: shown as info).
const SEVERITIES: Array<Severity | undefined> = ['low', 'critical', 'info', undefined, 'medium', 'high', 'low', 'info', 'high'];
const links: Link[] = Array.from({ length: 130 }, (_, i) => ({
  kind: 'shared-phone',
  severity: SEVERITIES[(i * 7) % SEVERITIES.length],
  value: `value-${i}`,
  applicants: [`cand-${i}`, `cand-${i + 1}`],
}));
const meta = { version: '0.0.0', rulesVersion: 'r', rulesCount: 1, failOn: 'high' as const, generatedAt: '2026-11-01T00:00:00Z' };
const text = (list: LinkList) => FORMATS.text.format(buildReport([], [], list, meta), { color: false, rulesCount: 1 });
const shown = (out: string) => [...out.matchAll(/shared value: (value-\d+)/g)].map((m) => m[1]);

describe('text: links between applicants', () => {
  test('the first 50 by severity, report order within a severity — what a stable sort of the whole list shows', () => {
    const order = (l: Link) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(l.severity ?? 'info');
    const expected = [...links]
      .sort((a, b) => order(a) - order(b))
      .slice(0, 50)
      .map((l) => l.value);
    const out = text(links);
    expect(shown(out)).toEqual(expected);
    expect(expected.slice(0, 3)).toEqual(['value-4', 'value-13', 'value-22']);
    expect(out).toContain('Links between applicants (130)');
    expect(out).toContain('… and 80 more (see --format json)');
  });

  test('a list read from disk (iterable, not an array) shows the same block', () => {
    const spilled = new SpilledList<Link>('links', 0);
    for (const l of links) spilled.push(l);
    try {
      expect(Array.isArray(spilled)).toBe(false);
      expect(text(spilled)).toBe(text(links));
    } finally {
      spilled.close();
    }
  });

  test('a severity outside the model (a hand-made report) comes first, as written, and the block is still written', () => {
    const odd = [...links.slice(0, 3), { ...links[3]!, severity: 'urgent' as Severity }];
    const out = text(odd);
    expect(shown(out)[0]).toBe('value-3');
    expect(out).toContain('URGENT   shared-phone: cand-3, cand-4');
  });

  test('no links, no block', () => {
    expect(text([])).not.toContain('Links between applicants');
  });
});
