import { describe, expect, test } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { toJUnit, xmlAttr, xmlText } from '../../../src/formats/junit.js';
import { redactReport } from '../../../src/redact/redact-report.js';
import { fixtureReport } from '../../helpers/fixture-report.js';
import type { FailOn } from '../../../src/model/levels.js';

interface Case {
  '@_name': string;
  '@_classname': string;
  '@_line'?: string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  error?: { '@_type': string; '#text': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  testcase: Case[];
}

function parse(xml: string) {
  const ok = XMLValidator.validate(xml);
  if (ok !== true) throw new Error(`not well-formed XML: ${JSON.stringify(ok.err)}`);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
  return doc.testsuites as { '@_tests': string; '@_failures': string; '@_errors': string; testsuite: Suite[] };
}

function junitFor(failOn: FailOn) {
  return parse(toJUnit(fixtureReport(failOn).report));
}

describe('junit', () => {
  test('is well-formed XML: a suite per input file, a case per applicant or invalid record', () => {
    const root = junitFor('high');
    expect(root.testsuite.map((s) => s['@_name'])).toEqual(['exports/batch.ndjson', 'exports/a.json', 'exports/b.json']);
    const names = root.testsuite.flatMap((s) => s.testcase.map((c) => c['@_name']));
    expect(names).toEqual(['cand-1042', 'cand-2001', 'exports/batch.ndjson#5', 'cand-3003', 'cand-4004', 'exports/b.json']);
    expect(root['@_tests']).toBe('6');
    const batch = root.testsuite[0]!;
    expect(batch.testcase[0]!['@_line']).toBe('3');
    expect(batch['@_tests']).toBe('3');
  });

  test('failures are the applicants at or above --fail-on; errors the invalid records', () => {
    const high = junitFor('high');
    const failed = (root: typeof high) => root.testsuite.flatMap((s) => s.testcase.filter((c) => c.failure).map((c) => c['@_name']));
    expect(failed(high)).toEqual(['cand-1042', 'cand-4004']);
    expect(high['@_failures']).toBe('2');
    expect(high['@_errors']).toBe('2');
    expect(failed(junitFor('medium'))).toEqual(['cand-1042', 'cand-2001', 'cand-4004']);
    expect(failed(junitFor('never'))).toEqual([]);
    const err = high.testsuite[0]!.testcase.find((c) => c.error)!;
    expect(err.error!['@_type']).toBe('input-not-json');
  });

  test('passing applicants with findings keep them in system-out', () => {
    const c = junitFor('high').testsuite[0]!.testcase.find((x) => x['@_name'] === 'cand-2001')!;
    expect(c.failure).toBeUndefined();
    expect(c['system-out']).toContain('identity.shared-contact');
  });

  test('escapes XML syntax, drops forbidden characters and ANSI codes', () => {
    const xml = toJUnit(fixtureReport().report);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const c = parse(xml).testsuite[1]!.testcase.find((x) => x['@_name'] === 'cand-4004')!;
    expect(c.failure!['#text']).toContain('<b>now</b> & red |');
    expect(c.failure!['#text']).not.toContain('[31m');
    expect(xmlText('a\u0000b\uFFFEc\uD800d<&>')).toBe('abcd&lt;&amp;&gt;');
    expect(xmlAttr('say "hi"\n\'x\'')).toBe('say &quot;hi&quot;&#10;&apos;x&apos;');
  });

  test('redacted output is still well-formed', () => {
    expect(() => parse(toJUnit(redactReport(fixtureReport().report)))).not.toThrow();
  });
});
