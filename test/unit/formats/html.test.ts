import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { renderHtml } from '../../../src/formats/html/index.js';
import { contentSecurityPolicy, writeHtml } from '../../../src/formats/html/page.js';
import { DISCLAIMER } from '../../../src/formats/disclaimer.js';
import { STYLE, SCRIPT } from '../../../src/formats/html/assets.js';
import { esc, safeUrl } from '../../../src/formats/html/escape.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { fixtureReport, PII_STRINGS, unescapeAll } from '../../helpers/fixture-report.js';
import type { ApplicantResult, Link, Report } from '../../../src/model/report.js';

const HOSTILE = `<img src=x onerror="alert(1)"><script>alert(2)</script>' " &`;

function hostileReport(): Report {
  const { report } = fixtureReport();
  const a = report.applicants[0]!;
  a.name = HOSTILE;
  a.id = `cand-"><b>x</b>`;
  a.findings[0]!.evidence[0]!.value = HOSTILE;
  a.findings[0]!.next = `</dd><iframe src="https://evil.example">`;
  a.findings[0]!.references = [{ title: '<u>ref</u>', url: 'javascript:alert(3)' }];
  report.errors[0]!.message = HOSTILE;
  return report;
}

describe('html report', () => {
  test('every report value is escaped: hostile names, evidence and notes add no markup', () => {
    const page = renderHtml(hostileReport());
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<iframe');
    expect(page).not.toContain('<b>x</b>');
    expect(page).not.toContain('<u>ref</u>');
    expect(page).not.toContain('href="javascript:');
    // The only script element is the page's own.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain(esc(HOSTILE));
    expect(page).toContain('javascript:alert(3)'); // shown as text
  });

  test('a strict CSP allows exactly the inline style and script, by hash, and nothing loads from elsewhere', () => {
    const page = renderHtml(fixtureReport().report);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    expect(csp).toBe(contentSecurityPolicy());
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(SCRIPT)}`);
    expect(csp).toContain(`style-src ${hash(STYLE)}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page).toContain(`<style>${STYLE}</style>`);
    expect(page).toContain(`<script>${SCRIPT}</script>`);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(page).not.toMatch(/\son[a-z]+=/); // no inline handlers (the CSP would block them anyway)
    expect(page).not.toMatch(/\ssrc="https?:/);
  });

  test('the disclaimer shows at the top and on every printed evidence pack', () => {
    const { report } = fixtureReport();
    const page = renderHtml(report);
    expect(page).toContain(`<p class="disclaimer" role="note">${esc(DISCLAIMER)}</p>`);
    expect(page.split('class="disclaimer-print"').length - 1).toBe(report.applicants.length);
  });

  test('overview rows and evidence packs run highest risk first', () => {
    const { report } = fixtureReport();
    const page = renderHtml(report);
    const scores = [...page.matchAll(/<tr data-level="[a-z]+" data-families="[^"]*" data-score="(\d+)"/g)].map((m) => Number(m[1]));
    expect(scores).toHaveLength(report.applicants.length);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const packs = [...page.matchAll(/<article class="pack" id="a(\d+)"/g)].map((m) => report.applicants[Number(m[1]) - 1]!.score);
    expect(packs).toEqual(scores);
  });

  test('an evidence pack has the score formula, each finding with evidence, next step, benign explanations and sources', () => {
    const { report } = fixtureReport();
    const a = report.applicants[0]!;
    const page = renderHtml(report);
    const pack = page.slice(page.indexOf('<article class="pack" id="a1"'), page.indexOf('</article>', page.indexOf('id="a1"')));
    expect(pack).toContain('How the score was formed');
    for (const f of a.findings) {
      expect(pack).toContain(esc(f.title));
      expect(pack).toContain(esc(f.next));
      for (const e of f.evidence) expect(pack).toContain(`<code>${esc(e.path)}</code>`);
      for (const fp of f.falsepositives) expect(pack).toContain(esc(fp));
    }
    expect(pack).toContain('Next step');
    expect(pack).toContain('Benign explanations');
  });

  test('redaction is honoured: a redacted report renders no personal value', () => {
    const page = unescapeAll(renderHtml(redactReport(fixtureReport().report)));
    expect(PII_STRINGS.filter((p) => page.includes(p))).toEqual([]);
    expect(page).toContain('Personal data is masked');
  });

  test('provenance: input hashes, rules version and data dates', () => {
    const { report } = fixtureReport();
    report.provenance = { inputs: [{ path: 'exports/batch.ndjson', sha256: 'ab'.repeat(32), bytes: 1234 }] };
    report.tool.data = { ip: { name: 'geo-whois-asn-country', date: '2026-06-17', licence: 'CC0' } };
    const page = renderHtml(report);
    expect(page).toContain('ab'.repeat(32));
    expect(page).toContain('dated 2026-06-17');
    expect(page).toContain(`version <code>${report.tool.rulesVersion}</code>`);
  });

  test('the page is written a piece at a time: its largest piece hardly grows from 30 applicants to 3,000', () => {
    const { report } = fixtureReport();
    const many = (n: number): Report => {
      const applicants: ApplicantResult[] = Array.from({ length: n }, (_, i) => ({ ...structuredClone(report.applicants[i % 3]!), id: `cand-${i}` }));
      const errors = Array.from({ length: n }, (_, i) => ({ ...report.errors[0]!, source: `exports/big.ndjson#${i}` }));
      return { ...report, applicants, errors, summary: { ...report.summary, total: 2 * n } };
    };
    const largest = (r: Report) => {
      let max = 0;
      let total = 0;
      writeHtml(r, (chunk) => {
        max = Math.max(max, chunk.length);
        total += chunk.length;
      });
      return { max, total };
    };
    const small = largest(many(30));
    const big = largest(many(3000));
    expect(big.total).toBeGreaterThan(50 * small.total);
    // Longer ids and counts only: a page held whole would be a hundred times larger.
    expect(big.max).toBeLessThan(small.max * 1.1);
    expect(renderHtml(many(30)).length).toBe(small.total);
  });

  test("an applicant's pack lists the links that name it, once each, in report order", () => {
    const { report } = fixtureReport();
    const [a, b, c] = report.applicants.map((x) => x.id);
    const link = (kind: string, applicants: string[]): Link => ({ kind, value: kind, applicants });
    report.links = [
      link('shared-phone', [a!, b!]),
      link('shared-device', [b!, c!]),
      link('shared-ship-to', [c!, a!, a!]),
      link('shared-payout-account', [b!, c!]),
    ];
    const page = renderHtml(report);
    const pack = (id: string) => {
      const at = page.indexOf(`<span class="id">${esc(id)}</span>`);
      return page.slice(at, page.indexOf('</article>', at));
    };
    const kinds = (id: string) => [...pack(id).matchAll(/<strong>(shared-[a-z-]+)<\/strong>/g)].map((m) => m[1]);
    expect(kinds(a!)).toEqual(['shared-phone', 'shared-ship-to']);
    expect(kinds(b!)).toEqual(['shared-phone', 'shared-device', 'shared-payout-account']);
    expect(kinds(c!)).toEqual(['shared-device', 'shared-ship-to', 'shared-payout-account']);
  });

  test('only http(s) references become links', () => {
    expect(safeUrl('https://example.org/x')).toBe('https://example.org/x');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<b>')).toBeUndefined();
  });
});
