import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRuleSet } from '../../../src/ruleset/load.js';
import { enrich } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';
import { tempDir } from '../../helpers/temp-tree.js';

function pack(match: string) {
  const dir = tempDir('dprk-company-');
  writeFileSync(
    join(dir, 'fronts.yaml'),
    `list: test-fronts
kind: company
title: Test fronts
references: [{ title: Test source }]
entries:
  - value: Yanbian Silverstar Network Technology Co., Ltd.
    aliases: [China Silver Star]
    note: DPRK-controlled IT front
    status: designated
    source: { title: "U.S. Treasury press release sm481", url: "https://home.treasury.gov/news/press-releases/sm481", date: 2018-09-13 }
`,
  );
  writeFileSync(
    join(dir, 'front-employer.yaml'),
    `title: Employer on the test list
id: affiliation.front-employer
family: affiliation
severity: high
status: test
description: a rule that reads the test list of fronts
references: [{ title: Test source }]
falsepositives: [none]
next: verify by hand, please
match:
${match}
cases:
  match: [{ name: listed front, applicant: { employment: [{ employer: "Yanbian Silverstar Network Technology" }] } }]
  nomatch: [{ name: unrelated firm, applicant: { employment: [{ employer: "Acme Logistics Inc." }] } }]
`,
  );
  try {
    return loadRuleSet({ paths: [dir] }).rules[0]!;
  } catch (e) {
    throw new Error((e as { diagnostics?: Array<{ message: string; line?: number }> }).diagnostics?.map((d) => `${d.line}: ${d.message}`).join('; '));
  }
}

const facts = (employer: string) => enrich({ id: 'x', name: { full: 'A B' }, employment: [{ employer }] } as Applicant);

describe('in / notIn with as: company', () => {
  const rule = pack('  field: employment[].employer\n  in: { list: test-fronts }\n  as: company');

  test('a spelling variant matches, and the evidence names the entry, its source and the similarity', () => {
    const ev = rule.evaluate(facts('Yanbian Silver Star Network Tech Co.'));
    expect(ev).not.toBeNull();
    const note = ev![0]!.note!;
    expect(note).toContain('entry "Yanbian Silverstar Network Technology Co., Ltd."');
    expect(note).toContain('U.S. Treasury press release sm481, 2018-09-13');
    expect(note).toMatch(/similarity 1\.00 \(same name once normalised; match ≥ 0\.9\)/);
  });

  test('an alias match says which alias', () => {
    const ev = rule.evaluate(facts('China Silverstar Co'));
    expect(ev![0]!.note).toContain('listed alias "China Silver Star"');
  });

  test('a company that only shares words does not match', () => {
    expect(rule.evaluate(facts('Silver Star Technology Ltd'))).toBeNull();
  });

  test('notIn holds only when no listed company is close enough', () => {
    const not = pack('  field: employment[].employer\n  notIn: { list: test-fronts }\n  as: company');
    expect(not.evaluate(facts('Acme Logistics Inc.'))).not.toBeNull();
    expect(not.evaluate(facts('YANBIAN SILVERSTAR NETWORK TECHNOLOGY'))).toBeNull();
  });
});
