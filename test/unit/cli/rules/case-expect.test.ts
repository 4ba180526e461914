import { describe, expect, test } from 'vitest';
import { runCases } from '../../../../src/cli/rules/run-cases.js';
import { lineOf, loadErrors, loadPack, ruleFile, ruleYaml } from '../../../helpers/rule-pack.js';

// A match case may say why it must match (expect: evidence paths, message text), so that it fails
// when the rule matches for another reason. The rule flags a +850 phone among several.
const rule = (cases: string) =>
  ruleYaml({
    id: 'network.kp-phone',
    match: { field: 'contact.phones[]', startsWith: '+850' },
    message: 'Phone {{contact.phones[]}} is a +850 number.',
  }).replace(/cases:[\s\S]*$/, `cases:\n${cases}`);

const NOMATCH = `  nomatch:
    - name: other phone
      applicant: { contact: { phones: ["+1 614 555 0142"] } }
`;

function results(matchCases: string) {
  const { ruleSet } = loadPack({ [ruleFile('network.kp-phone')]: rule(`  match:\n${matchCases}${NOMATCH}`) });
  return runCases(ruleSet.rules[0]!);
}

describe('case expectations', () => {
  test('a case whose evidence and message are as expected passes', () => {
    const [r] = results(`    - name: second phone
      applicant: { contact: { phones: ["+1 614 555 0142", "+850 2 381 8111"] } }
      expect:
        evidence:
          - contact.phones[1]
        message: "+850 2 381 8111"
`);
    expect(r).toMatchObject({ kind: 'match', passed: true });
    expect(r!.problem).toBeUndefined();
  });

  test('a match for the wrong reason fails: wrong evidence path, message without the text', () => {
    const [r] = results(`    - name: expects the first phone
      applicant: { contact: { phones: ["+1 614 555 0142", "+850 2 381 8111"] } }
      expect:
        evidence:
          - contact.phones[0]
        message: "+1 614"
`);
    expect(r!.passed).toBe(false);
    expect(r!.problem).toBe(
      'matched, but not as expected: no evidence at contact.phones[0] (evidence: contact.phones[1]); message does not contain "+1 614" (message: "Phone +850 2 381 8111 is a +850 number.")',
    );
  });

  test('each case carries its line in the rule file', () => {
    const rs = results(`    - name: first
      applicant: { contact: { phones: ["+850 2 381 8111"] } }
`);
    const text = rule(`  match:\n    - name: first\n      applicant: { contact: { phones: ["+850 2 381 8111"] } }\n${NOMATCH}`);
    const lines = text.split('\n');
    expect(rs.map((r) => [r.name, r.line])).toEqual([
      ['first', lines.indexOf('    - name: first') + 1],
      ['other phone', lines.indexOf('    - name: other phone') + 1],
    ]);
  });

  test('expect: is for match cases only, and must not be empty (a rule-schema error at its line)', () => {
    const text = rule(`  match:
    - name: empty expect
      applicant: { contact: { phones: ["+850 2 381 8111"] } }
      expect: {}
  nomatch:
    - name: expect on nomatch
      applicant: { contact: { phones: ["+1 614 555 0142"] } }
      expect: { message: x }
`);
    const d = loadErrors({ [ruleFile('network.kp-phone')]: text });
    expect(d.map((x) => x.code)).toEqual(['rule-schema', 'rule-schema']);
    expect(d.map((x) => x.line)).toEqual([lineOf(text, 'expect: {}'), lineOf(text, 'expect: { message')]);
  });
});
