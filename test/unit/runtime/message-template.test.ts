import { afterAll, describe, expect, test } from 'vitest';
import { enrich } from '../../../src/enrich/index.js';
import { joinMessage, placeholders, showValue } from '../../../src/runtime/message-template.js';
import type { Applicant } from '../../../src/model/applicant.js';
import { cleanupTempDirs, loadPack, ruleFile, ruleYaml } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

function render(match: unknown, message: string, applicant: Partial<Applicant>): string | undefined {
  const { ruleSet } = loadPack({ [ruleFile('identity.test-rule')]: ruleYaml({ match, message }) });
  const rule = ruleSet.rules[0]!;
  const facts = enrich({ id: 'c', name: { full: 'Jordan Miller' }, ...applicant } as Applicant);
  const ev = rule.evaluate(facts);
  if (!ev) throw new Error('rule did not match');
  // Rendering keeps the parts (so --redact can mask values); people read them joined.
  return joinMessage(rule.render(facts, ev));
}

const docName = { some: 'identity.documents[]', where: { field: 'nameOnDocument', differsFrom: '$.name.full', as: 'name' } };
const twoDocs = {
  identity: {
    documents: [
      { type: 'drivers_license', nameOnDocument: 'Jordan Miller' },
      { type: 'passport', nameOnDocument: 'Kevin Hart' },
    ],
  },
};

describe('message templates', () => {
  test('a placeholder on the matched path shows only the matched values', () => {
    expect(render(docName, '{{identity.documents[].nameOnDocument}}', twoDocs)).toBe('Kevin Hart');
  });

  test('a sibling in the same list element speaks of that element only', () => {
    expect(render(docName, 'The {{identity.documents[].type}} says {{identity.documents[].nameOnDocument}}', twoDocs)).toBe('The passport says Kevin Hart');
  });

  test('a path outside the evidence shows what the record holds', () => {
    expect(render(docName, 'applied as {{name.full}}', twoDocs)).toBe('applied as Jordan Miller');
  });

  test('absent values read (none); many values are cut after three', () => {
    expect(render(docName, 'born {{dateOfBirth}}', twoDocs)).toBe('born (none)');
    const many = { contact: { emails: ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example'] } };
    expect(render({ field: 'contact.emails[]', exists: true }, '{{contact.emails[]}}', many)).toBe('a@x.example, b@x.example, c@x.example and 2 more');
  });

  test('addresses are shown as one line', () => {
    expect(showValue({ line1: '12 Elm St', city: 'Columbus', country: 'US' })).toBe('12 Elm St, Columbus, US');
    expect(placeholders('{{a.b}} and {{ c[].d }}')).toEqual(['a.b', 'c[].d']);
  });
});
