import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkRecord, type CheckOptions } from '../../../src/pipeline/check-record.js';
import { builtinIpResolver } from '../../../src/intel/ip-resolver.js';
import { loadRuleSet } from '../../../src/ruleset/load.js';
import { redactApplicant } from '../../../src/redact/redact-report.js';
import type { ApplicantResult } from '../../../src/model/report.js';

const rules = loadRuleSet().rules;
const options: CheckOptions = { strict: false, enrich: { ip: builtinIpResolver() } };
function check(applicant: Record<string, unknown>): ApplicantResult {
  const out = checkRecord({ source: 'test.json', location: { file: 'test.json' }, value: applicant, file: 'test.json' }, rules, options);
  if (!out.ok) throw new Error(out.error.message);
  return out.result;
}
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../fixtures', name), 'utf8')) as Record<string, unknown>;

describe('plain, true reports', () => {
  test('the China/Russia finding lists the sessions behind it (time, kind, IP, country); --redact masks the IP only', () => {
    const r = check(fixture('net-cn-ru-egress.json'));
    const f = r.findings.find((x) => x.ruleId === 'network.cn-ru-egress-elsewhere-declared')!;
    const sessions = f.evidence.filter((e) => e.pattern === 'derived.sessions[]');
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    expect(sessions[0]!.value).toEqual(expect.objectContaining({ at: expect.any(String), kind: expect.any(String), ip: expect.any(String), country: 'CN' }));
    const red = redactApplicant(r).findings.find((x) => x.ruleId === f.ruleId)!;
    const v = red.evidence.find((e) => e.pattern === 'derived.sessions[]')!.value as Record<string, unknown>;
    expect(v.ip).toMatch(/^\[IP/);
    expect(v.country).toBe('CN');
    expect(v.at).toBe((sessions[0]!.value as Record<string, unknown>).at);
  });

  test('a set operator names the set it tested', () => {
    const r = check(fixture('net-cn-ru-egress.json'));
    const f = r.findings.find((x) => x.ruleId === 'network.cn-ru-egress-elsewhere-declared')!;
    expect(f.evidence.find((e) => e.path === 'claimedLocation.country')!.note).toBe('is none of CN, RU, HK, MO');
  });

  test('observations: [] is data (the check ran, found nothing), absent observations are not', () => {
    const base = { id: 'x', name: { full: 'A B' }, interviews: [{ kind: 'video', cameraOn: true, observations: [] }] };
    expect(check(base).notEvaluated.join(' ')).not.toContain('different-person-seen');
    const absent = { id: 'x', name: { full: 'A B' }, interviews: [{ kind: 'video', cameraOn: true }] };
    expect(check(absent).notEvaluated.join(' ')).toContain('different-person-seen');
  });

  test('a US number makes VoIP "not detectable offline", not "no data"; no phone at all is no data', () => {
    const us = check({ id: 'x', name: { full: 'A B' }, contact: { phones: ['+1 614 555 0142'] } });
    expect(us.notEvaluated).toContainEqual(
      expect.stringMatching(/^identity\.voip-phone: not detectable from this data \(VoIP cannot be told .*\+1 \(US and Canada\)/),
    );
    expect(us.notEvaluated.filter((l) => l.startsWith('identity:')).join(' ')).not.toContain('voip-phone');
    const none = check({ id: 'x', name: { full: 'A B' } });
    expect(none.notEvaluated.join(' ')).not.toContain('not detectable');
  });

  test('free-text observations that match no known tag get one warning naming the tags', () => {
    const r = check({ id: 'x', name: { full: 'A B' }, interviews: [{ kind: 'video', observations: ['Camera off the whole call', 'camera_off'] }] });
    const w = r.warnings.filter((x) => x.code === 'applicant-unknown-tag');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain('"Camera off the whole call"');
    expect(w[0]!.message).toContain('camera_off, camera_refused');
    expect(w[0]!.message).not.toContain('observations[1]');
    expect(
      check({ id: 'x', name: { full: 'A B' }, interviews: [{ kind: 'video', observations: ['camera_off', 'heavy_lag'] }] }).warnings.filter(
        (x) => x.code === 'applicant-unknown-tag',
      ),
    ).toEqual([]);
  });

  test('one coverage line per applicant: how many checks ran and what to collect', () => {
    const r = check({ id: 'x', name: { full: 'A B' }, claimedLocation: { country: 'GB' }, contact: { phones: ['+44 20 7946 0958'] } });
    expect(r.coverage).toMatch(/^\d+ of \d+ checks could run; to check more, collect: .*identity\.documents/);
    const [ran, total] = r.coverage!.match(/\d+/g)!.map(Number);
    expect(ran).toBeGreaterThan(0);
    expect(total).toBe(rules.filter((x) => !x.pattern && !x.link && x.spec.status !== 'deprecated').length);
  });
});
