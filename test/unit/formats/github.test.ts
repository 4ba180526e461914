import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, toGithub } from '../../../src/formats/github.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

interface Annotation {
  command: string;
  props: Record<string, string>;
  message: string;
}

/** Read workflow commands back the way the runner does: split, then unescape. */
function parse(out: string): Annotation[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return out
    .trimEnd()
    .split('\n')
    .map((line) => {
      const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const props = Object.fromEntries(
        (m[2] ?? '')
          .split(',')
          .filter(Boolean)
          .map((p) => {
            const eq = p.indexOf('=');
            return [p.slice(0, eq), unescape(p.slice(eq + 1))];
          }),
      );
      return { command: m[1]!, props, message: unescape(m[3]!) };
    });
}

describe('github annotations', () => {
  const { report } = fixtureReport();
  const out = toGithub(report);
  const all = parse(out);

  test('escapes data and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25');
    expect(escapeData('\u001b[31mred\u001b[0m')).toBe('red');
  });

  test('one command per line; invalid records first as errors, then the worst applicants first', () => {
    expect(all.map((a) => a.command)).toEqual(['error', 'error', 'error', 'error', 'warning', 'notice']);
    expect(all[0]!.props).toEqual({ file: 'exports/batch.ndjson', line: '5', title: 'dprk-check: record could not be checked' });
    expect(all[1]!.props).toMatchObject({ file: 'exports/b.json', line: '4' });
    expect(all[2]!.props.title).toBe('dprk-check: critical risk, applicant cand-4004');
    expect(all[2]!.props.file).toBe('exports/a.json');
    expect(all[2]!.props.line).toBeUndefined();
    expect(all[3]!.props).toMatchObject({ file: 'exports/batch.ndjson', line: '3' });
    expect(all[4]!.props.title).toBe('dprk-check: medium risk, applicant cand-2001');
  });

  test('messages survive the round trip, newlines included, and carry the rule ids', () => {
    const m = all[3]!.message.split('\n');
    expect(m[0]).toBe('Applicant cand-1042 (exports/batch.ndjson#3): critical, score 94/100.');
    expect(m.some((l) => l.includes('(payroll.crypto-payout)'))).toBe(true);
    expect(all[2]!.message).toContain('\nsecond line');
    expect(all[2]!.message).not.toMatch(/[\u0007\u001b]/);
  });

  test('below the fail level an applicant is a warning; with --fail-on never nobody is an error', () => {
    const never = parse(toGithub(fixtureReport('never').report));
    expect(never.filter((a) => a.command === 'error')).toHaveLength(2);
    expect(all.at(-1)!.message).toContain('6 records: 4 checked');
  });
});
