import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { loadRuleSet } from '../../../src/ruleset/load.js';
import { formatDiagnostic, type Diagnostic } from '../../../src/model/diagnostic.js';
import { cleanupTempDirs, columnOf, lineOf, listYaml, loadErrors, loadPack, ruleFile, ruleYaml, writeTree } from '../../helpers/rule-pack.js';

afterAll(cleanupTempDirs);

const FILE = ruleFile('identity.test-rule'); // identity/test-rule.yaml
const good = ruleYaml({ match: { field: 'dateOfBirth', exists: true } });

/** The single error diagnostic with this code (fails the test if there is none or several). */
function only(diags: Diagnostic[], code: Diagnostic['code']): Diagnostic {
  const hits = diags.filter((d) => d.code === code && d.severity === 'error');
  expect(hits, JSON.stringify(diags, null, 1)).toHaveLength(1);
  return hits[0]!;
}

describe('a valid pack', () => {
  test('loads its rules and lists with positions', () => {
    const { ruleSet } = loadPack({ [FILE]: good, 'lists/tools.yaml': listYaml('tools', 'text', ['anydesk']) });
    expect(ruleSet.rules.map((r) => r.spec.id)).toEqual(['identity.test-rule']);
    expect(ruleSet.rules[0]!.source).toEqual({ file: FILE, line: lineOf(good, 'id:'), column: columnOf(good, 'identity.test-rule') });
    expect([...ruleSet.lists.keys()]).toEqual(['tools']);
    expect(ruleSet.version).toMatch(/^[0-9a-f]{12}$/);
  });

  test('the rules version changes when a rule file changes', () => {
    const a = loadPack({ [FILE]: good }).ruleSet.version;
    const b = loadPack({ [FILE]: good.replace('severity: medium', 'severity: high') }).ruleSet.version;
    const c = loadPack({ [FILE]: good }).ruleSet.version;
    expect(a).not.toBe(b);
    expect(a).toBe(c);
  });

  test('folded description and next lose their trailing newline', () => {
    const text = good.replace(/^next: .*$/m, 'next: >\n  Check the thing\n  carefully please.');
    const { ruleSet } = loadPack({ [FILE]: text });
    expect(ruleSet.rules[0]!.spec.next).toBe('Check the thing carefully please.');
  });

  test('non-YAML files are skipped with a warning, not loaded', () => {
    const { ruleSet } = loadPack({ [FILE]: good, 'identity/notes.json': '{}', 'README.md': '# docs' });
    expect(ruleSet.rules).toHaveLength(1);
    expect(ruleSet.warnings.map((w) => w.file)).toEqual(['identity/notes.json']);
  });
});

describe('load errors name file, line, column and a code', () => {
  test('YAML syntax error', () => {
    const text = good.replace('severity: medium', 'severity: [medium');
    const d = only(loadErrors({ [FILE]: text }), 'yaml-syntax');
    expect(d.file).toBe(FILE);
    // The parser notices the unclosed flow sequence on that line or the next.
    expect(d.line).toBeGreaterThanOrEqual(lineOf(text, 'severity:'));
    expect(d.line).toBeLessThanOrEqual(lineOf(text, 'severity:') + 1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message).toMatch(/^YAML /);
  });

  test('duplicate keys point at the second key', () => {
    const text = good.replace('severity: medium', 'severity: medium\nseverity: high');
    const d = only(loadErrors({ [FILE]: text }), 'yaml-syntax');
    expect(d.message).toContain('duplicate key');
    expect(d.line).toBe(lineOf(text, 'severity: high'));
    expect(d.column).toBe(1);
  });

  test('unknown operator, with "did you mean"', () => {
    const text = ruleYaml({ match: { field: 'claimedLocation.country', equal: 'US' } });
    const diags = loadErrors({ [FILE]: text });
    expect(diags).toHaveLength(1);
    const d = diags[0]!;
    expect(d.code).toBe('rule-schema');
    expect(d.message).toBe("unknown operator 'equal'");
    expect(d.hint).toBe("did you mean 'equals'?");
    expect(d.ruleId).toBe('identity.test-rule');
    expect([d.file, d.line, d.column]).toEqual([FILE, lineOf(text, 'equal:'), columnOf(text, 'US')]);
  });

  test('unknown field, with a suggestion', () => {
    const text = ruleYaml({ match: { field: 'claimedLocation.contry', equals: 'US' } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-unknown-field');
    expect(d.message).toContain("unknown field 'claimedLocation.contry'");
    expect(d.hint).toBe("did you mean 'claimedLocation.country'?");
    expect([d.line, d.column]).toEqual([lineOf(text, 'claimedLocation.contry'), columnOf(text, 'claimedLocation.contry')]);
  });

  test('unknown field inside a scope is checked against the element', () => {
    const text = ruleYaml({ match: { some: 'identity.documents[]', where: { field: 'nameOnDocumnet', exists: true } } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-unknown-field');
    expect(d.hint).toBe("did you mean 'nameOnDocument'?");
    expect(d.line).toBe(lineOf(text, 'nameOnDocumnet'));
  });

  test('unknown derived field', () => {
    const d = only(loadErrors({ [FILE]: ruleYaml({ match: { field: 'derived.phone[].country', exists: true } }) }), 'rule-unknown-field');
    expect(d.hint).toBe("did you mean 'derived.phones'?");
  });

  test('a path into a list without [] says how to write it', () => {
    const d = only(loadErrors({ [FILE]: ruleYaml({ match: { field: 'contact.phones.country', exists: true } }) }), 'rule-unknown-field');
    expect(d.message).toContain("write 'contact.phones[]'");
  });

  test('unsafe regex', () => {
    const text = ruleYaml({ match: { field: 'resume.text', regex: '(a+)\\1$' } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-unsafe-regex');
    expect(d.message).toContain('backreferences');
    expect([d.line, d.column]).toEqual([lineOf(text, 'regex:'), columnOf(text, '(a+)\\1$')]);
  });

  test('a pattern longer than 4,096 characters is refused at load (file:line), never cut, and quoted by its start only', () => {
    const pattern = `^(?:${'ab|'.repeat(1500)}c)$`;
    const text = ruleYaml({ match: { field: 'resume.text', regex: pattern } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-unsafe-regex');
    expect(d.line).toBe(lineOf(text, 'regex:'));
    expect(d.message).toContain(
      `(${pattern.length} characters)/: the pattern is ${pattern.length} characters long; the limit is 256 (a longer pattern is refused, never cut)`,
    );
    expect(d.message.length).toBeLessThan(250);
  });

  test.each([['[z-a]'], ['(abc'], ['a{2,1}']])('invalid regex %s', (pattern) => {
    const text = ruleYaml({ match: { field: 'resume.text', regex: pattern } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-invalid-regex');
    expect(d.message).toMatch(/^invalid regex /);
    expect(d.line).toBe(lineOf(text, 'regex:'));
  });

  test('duplicate rule id names the first definition', () => {
    const diags = loadErrors({ [`a/${FILE}`]: good, [`b/${FILE}`]: good });
    const d = only(diags, 'rule-duplicate-id');
    expect(d.file).toBe(`b/${FILE}`);
    expect(d.message).toContain(`already defined in a/${FILE}:${lineOf(good, 'id:')}`);
    expect([d.line, d.column]).toEqual([lineOf(good, 'id:'), columnOf(good, 'identity.test-rule')]);
  });

  test('id / file name mismatch, with the name to use', () => {
    const d = only(loadErrors({ 'identity/other-name.yaml': good }), 'rule-id-mismatch');
    expect(d.message).toContain("file name 'other-name' does not match rule id 'identity.test-rule'");
    expect(d.hint).toBe('rename the file to test-rule.yaml');
    expect(d.line).toBe(lineOf(good, 'id:'));
  });

  test('id / family mismatch', () => {
    const text = good.replace('family: identity', 'family: network');
    const d = only(loadErrors({ [FILE]: text }), 'rule-id-mismatch');
    expect(d.message).toContain("family is 'network'");
    expect(d.line).toBe(lineOf(text, 'family:'));
  });

  test('unknown list, naming the lists that exist', () => {
    const text = ruleYaml({ match: { field: 'employment[].employer', in: { list: 'firms' } } });
    const d = only(loadErrors({ [FILE]: text, 'lists/fims.yaml': listYaml('fims', 'text', ['x']) }), 'rule-unknown-list');
    expect(d.message).toBe("unknown list 'firms'");
    expect(d.hint).toContain('fims');
    expect([d.line, d.column]).toEqual([lineOf(text, 'list: firms'), columnOf(text, 'firms')]);
  });

  test('a newer format: than this engine reads', () => {
    const text = ruleYaml({ format: 2, match: { field: 'dateOfBirth', exists: true } });
    const d = only(loadErrors({ [FILE]: text }), 'rule-format-version');
    expect(d.message).toContain('format 2');
    expect(d.hint).toContain('upgrade');
    expect([d.line, d.column]).toEqual([lineOf(text, 'format: 2'), columnOf(text, '2\n', 0)]);
  });

  test('format: 1 is accepted', () => {
    expect(loadPack({ [FILE]: ruleYaml({ format: 1, match: { field: 'dateOfBirth', exists: true } }) }).ruleSet.rules).toHaveLength(1);
  });

  test.each(['extra.nationality', 'extra.citizenship', 'extra.ethnicity', 'extra.nativeLanguage', 'extra.place_of_birth'])(
    'origin attribute %s is refused',
    (field) => {
      const text = ruleYaml({ match: { field, equals: 'KP' } });
      const d = only(loadErrors({ [FILE]: text }), 'rule-origin-attribute');
      expect(d.message).toContain('never origin');
      expect(d.line).toBe(lineOf(text, field));
    },
  );

  test('schema problems (missing key, bad enum) are positioned', () => {
    const text = good.replace(/^next:.*\n/m, '').replace('severity: medium', 'severity: severe');
    const diags = loadErrors({ [FILE]: text });
    expect(diags.every((d) => d.code === 'rule-schema')).toBe(true);
    expect(diags.map((d) => d.message)).toEqual(
      expect.arrayContaining(["(top level): missing required field 'next'", expect.stringMatching(/^severity: must be one of/)]),
    );
    expect(diags.find((d) => d.message.startsWith('severity'))!.line).toBe(lineOf(text, 'severity:'));
  });

  test('an unknown top-level key in a rule gets a suggestion', () => {
    const text = good.replace('falsepositives:', 'falsepositive:');
    const d = loadErrors({ [FILE]: text }).find((x) => x.message.includes("unknown field 'falsepositive'"));
    expect(d?.hint).toBe("did you mean 'falsepositives'?");
    expect(d?.line).toBe(lineOf(text, 'falsepositive:'));
  });

  test('problems in several files are all reported in one run', () => {
    const diags = loadErrors({
      [FILE]: ruleYaml({ match: { field: 'resume.text', regex: '(?=a)a' } }),
      [ruleFile('network.other')]: ruleYaml({ id: 'network.other', match: { field: 'claimedLocation.contry', exists: true } }),
    });
    expect(diags.map((d) => d.code).sort()).toEqual(['rule-unknown-field', 'rule-unsafe-regex']);
    expect(new Set(diags.map((d) => d.file))).toEqual(new Set([FILE, ruleFile('network.other')]));
  });

  test('a rule path that does not exist is an error', () => {
    const dir = writeTree({});
    expect(() => loadRuleSet({ paths: [join(dir, 'nope')], cwd: dir })).toThrow(/problem/);
  });

  test('formatDiagnostic prints file:line:column severity [rule] code: message and the hint', () => {
    const text = ruleYaml({ match: { field: 'claimedLocation.country', equal: 'US' } });
    const d = loadErrors({ [FILE]: text })[0]!;
    const line = lineOf(text, 'equal:');
    expect(formatDiagnostic(d)).toBe(
      `${FILE}:${line}:${columnOf(text, 'US')}: error [identity.test-rule] rule-schema: unknown operator 'equal'\n    hint: did you mean 'equals'?`,
    );
  });
});

describe('operand and modifier errors', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['leaf without operator', { field: 'dateOfBirth' }, /has no operator/],
    ['two operators', { field: 'claimedLocation.country', equals: 'US', in: ['CA'] }, /exactly one operator/],
    ['bad quantifier', { field: 'claimedLocation.country', equals: 'US', quantifier: 'most' }, /quantifier must be any or all/],
    ['bad minMatches', { field: 'claimedLocation.country', equals: 'US', minMatches: 0 }, /minMatches/],
    ['unknown comparator', { field: 'claimedLocation.country', equals: 'US', as: 'nam' }, /unknown comparison 'nam'/],
    ['exists takes a boolean', { field: 'dateOfBirth', exists: 'yes' }, /exists takes true or false/],
    ['in needs a list', { field: 'claimedLocation.country', in: 'US' }, /non-empty list/],
    ['bad cidr', { field: 'network.sessions[].ip', cidr: ['10.0.0.0/33'] }, /not a CIDR range/],
    ['within without days', { field: 'appliedAt', within: { of: '2026-01-01' } }, /days/],
    ['ageAt without comparison', { field: 'dateOfBirth', ageAt: { at: '2026-01-01' } }, /exactly one of lt, lte, gt, gte/],
    ['before with a non-date', { field: 'appliedAt', before: '2026-02-30' }, /ISO date/],
    ['some without []', { some: 'identity.documents', where: { field: 'type', exists: true } }, /ends in \[\]/],
    ['some without where', { some: 'identity.documents[]' }, /needs a 'where'/],
    ['empty all', { all: [] }, /non-empty list/],
    ['unknown condition key', { alll: [] }, /unknown condition 'alll'/],
  ];
  test.each(cases)('%s', (_name, match, message) => {
    const diags = loadErrors({ [FILE]: ruleYaml({ match }) });
    expect(
      diags.some((d) => message.test(d.message)),
      JSON.stringify(diags),
    ).toBe(true);
    expect(diags.every((d) => d.file === FILE && (d.line ?? 0) > 0)).toBe(true);
  });

  test('a list whose cidr entries are invalid fails to load', () => {
    const diags = loadErrors({ 'lists/r.yaml': listYaml('r', 'cidr', ['1.2.3.0/24', '1.2.3.0/99']) });
    expect(diags.map((d) => d.code)).toEqual(['list-invalid']);
    expect(diags[0]!.message).toContain('1.2.3.0/99');
  });

  test('a watchlist entry without a source fails to load', () => {
    const diags = loadErrors({ 'lists/w.yaml': listYaml('w', 'company', ['Some Firm']) });
    expect(diags[0]!.message).toContain('has no source');
  });

  test('message placeholders must name real fields', () => {
    const text = ruleYaml({ match: { field: 'dateOfBirth', exists: true }, message: 'Born {{dateOfBrith}}' });
    const d = only(loadErrors({ [FILE]: text }), 'rule-unknown-field');
    expect(d.message).toContain('message:');
  });

  test('an alias bomb ("billion laughs") is refused instead of expanded', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 8; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    lines.push('id: identity.bomb', 'match: *i');
    const d = only(loadErrors({ 'identity/bomb.yaml': lines.join('\n') }), 'yaml-syntax');
    expect(d.message).toContain('could not be expanded');
  });
});
