import { describe, expect, test } from 'vitest';
import { redactApplicant, redactReport } from '../../../src/redact/redact-report.js';
import { blankResult } from '../../../src/report/blank-result.js';
import { parseSource } from '../../../src/model/source-location.js';
import { FORMAT_NAMES, FORMATS } from '../../../src/formats/index.js';
import { CLEAN_IDS, FIRED_RULE_IDS, FLAGGED_IDS, PII_STRINGS, fixtureReport, unescapeAll } from '../../helpers/fixture-report.js';

const leaked = (text: string) => {
  const plain = unescapeAll(text);
  return PII_STRINGS.filter((p) => text.includes(p) || plain.includes(p));
};

describe('redactReport on real rule output', () => {
  const { report, rules } = fixtureReport();
  const redacted = redactReport(report);
  const finding = (id: string) => redacted.applicants[0]!.findings.find((f) => f.ruleId === id)!;

  test('the unredacted fixture does hold every personal value (so the checks below can fail)', () => {
    const all = JSON.stringify(report, (_k, v) => v) + report.applicants.map((a) => a.name).join(' ');
    expect(PII_STRINGS.filter((p) => !unescapeAll(all).includes(p))).toEqual([]);
  });

  test('no personal value is left anywhere in the redacted report', () => {
    expect(leaked(JSON.stringify(redacted))).toEqual([]);
  });

  test('in every format, no personal value appears, while ids and rule ids do', () => {
    for (const name of FORMAT_NAMES) {
      const out = FORMATS[name].format(redacted, { color: false, rulesCount: rules.length, rules });
      expect({ name, leaked: leaked(out) }).toEqual({ name, leaked: [] });
      // Formats for people list ids (markdown: the flagged ones, with their top rule); the text
      // summary table of many applicants shows no rule ids. The rest carry every id they list.
      const listsAll = ['text', 'json', 'junit', 'csv'].includes(name);
      const allRules = !['text', 'markdown'].includes(name);
      const kept = [...FLAGGED_IDS, ...(listsAll ? CLEAN_IDS : []), ...(allRules ? FIRED_RULE_IDS : [])];
      expect({ name, missing: kept.filter((k) => !out.includes(k)) }).toEqual({ name, missing: [] });
    }
  });

  test('the detailed text report of one applicant leaks nothing either', () => {
    const one = { ...report, applicants: [report.applicants[0]!], errors: [] };
    const ctx = { color: false, rulesCount: rules.length };
    expect(FORMATS.text.format(one, ctx)).toContain('Jordan A. Miller');
    const out = FORMATS.text.format(redactReport(one), ctx);
    expect(out).toContain('Applicant cand-1042 — [name]');
    expect(leaked(out)).toEqual([]);
  });

  test("templated messages are rendered again: the rule's words stay, each value becomes its kind", () => {
    expect(finding('identity.reference-shares-phone').message).toBe("Reference [name] ([email]) gives the applicant's own phone [phone, US].");
    expect(finding('payroll.ship-to-not-home').message).toBe('Laptop to [address, US], not home [address, US]; contact [email].');
    expect(finding('identity.document-name-mismatch').message).toBe('The passport shows "[name]"; the applicant applied as "[name]".');
    expect(finding('network.interview-from-listed-range').message).toBe('Interview joined from [IP address]; sessions from [IP address].');
  });

  test('a message is masked from its parts, even values too short to search for in free text', () => {
    const a = structuredClone(report.applicants[0]!);
    a.findings = [
      {
        ...a.findings[0]!,
        message: 'Reference Li vouches for Li Wei.',
        messageParts: [
          'Reference ',
          { path: 'references[].name', values: ['Li'], text: 'Li' },
          ' vouches for ',
          { path: 'name.full', values: ['Li Wei'], text: 'Li Wei' },
          '.',
        ],
        evidence: [],
      },
    ];
    a.name = 'Li Wei';
    expect(redactApplicant(a).findings[0]!.message).toBe('Reference [name] vouches for [name].');
    // Without parts, only values long enough to search for safely are found again.
    delete a.findings[0]!.messageParts;
    expect(redactApplicant(a).findings[0]!.message).toBe('Reference Li vouches for [name].');
  });

  test("a review note (free text from --history) is scrubbed: the applicant's name and any e-mail or phone number it quotes", () => {
    const a = blankResult('cand-1', parseSource('x.json'), 'Brian Caldwell');
    a.review = {
      decision: { status: 'escalated', by: 'J. Park', at: '2026-09-15T09:00:00Z', note: 'Brian Caldwell gave b.c@example.org and +1 614 555 0178' },
      unchanged: true,
    };
    const note = redactApplicant(a).review!.decision.note;
    expect(note).not.toMatch(/Caldwell|example\.org|555/);
    expect(note).toContain('[name]');
    expect(a.review.decision.note).toContain('Brian Caldwell');
  });

  test('evidence notes mask personal references and keep rule data (a CIDR range)', () => {
    expect(finding('identity.document-name-mismatch').evidence[0]!.note).toBe('differs from name.full = [name]; name.aliases[0] = [name]');
    expect(finding('network.interview-from-listed-range').evidence[0]!.note).toBe('in 203.0.113.0/24');
    expect(finding('identity.document-birthdate-mismatch').evidence[0]).toMatchObject({ path: 'identity.documents[0].dateOfBirth', value: '[date of birth]' });
  });

  test('objects keep their non-personal fields: a session keeps its country, loses its IP', () => {
    const session = redacted.applicants[1]!.findings[0]!.evidence[3]!.value;
    expect(session).toEqual({ origin: 'network.sessions[0]', ip: '[IP address]', ipScope: 'public', country: 'FR' });
  });

  test('names, links and error messages are masked; levels, scores, sources and rule texts stay', () => {
    expect(redacted.applicants.map((a) => a.name)).toEqual(['[name]', '[name]', '[name]', '[name]']);
    expect(redacted.links).toEqual([{ kind: 'shared-phone', value: '[phone, US]', applicants: ['cand-1042', 'cand-2001'] }]);
    expect(redacted.applicants.map((a) => [a.id, a.level, a.score, a.source])).toEqual(report.applicants.map((a) => [a.id, a.level, a.score, a.source]));
    expect(redacted.applicants[0]!.findings.map((f) => [f.title, f.next])).toEqual(report.applicants[0]!.findings.map((f) => [f.title, f.next]));
    expect(redacted.redacted).toBe(true);
    const withPii = structuredClone(report);
    withPii.errors[0]!.message = 'record of jane@example.com from 192.0.2.1 is broken';
    expect(redactReport(withPii).errors[0]!.message).toBe('record of [email] from [IP address] is broken');
  });

  test("link keys go: the per-applicant linkKeys and each link's key (hashes of phones and e-mails can be guessed back)", () => {
    const keyed = {
      ...report,
      links: report.links.map((l) => ({ ...l, key: '185ed973e0b8c627' })),
      linkKeys: [{ id: 'cand-1042', source: 'x.json', person: '8763bcaf', keys: ['phone:2f3ccb95b946bd80:0'] }],
    };
    const masked = redactReport(keyed);
    expect(masked).not.toHaveProperty('linkKeys');
    expect(masked.links.map((l) => Object.keys(l).sort())).toEqual([['applicants', 'kind', 'value']]);
    expect(keyed.linkKeys).toHaveLength(1);
  });

  test('pure: the input report is not changed', () => {
    const before = JSON.stringify(report);
    redactReport(report);
    expect(JSON.stringify(report)).toBe(before);
  });
});
