import { describe, expect, test } from 'vitest';
import { derivedSchema, enrich, ENRICHERS } from '../../../src/enrich/index.js';
import type { Applicant } from '../../../src/model/applicant.js';
import type { Enricher } from '../../../src/enrich/enricher.js';

const base: Applicant = { id: 'cand-1', name: { full: 'Jordan Miller' } };

describe('enrich', () => {
  test('keeps the applicant and adds derived; a bare record derives nothing', () => {
    const f = enrich(base);
    expect(f).toEqual({ ...base, derived: {} });
  });

  test('does not modify its input', () => {
    const a: Applicant = { ...base, contact: { phones: ['+1 614 555 0142'] } };
    const copy = structuredClone(a);
    enrich(a);
    expect(a).toEqual(copy);
  });

  test('derivedSchema lists exactly what the enrichers provide', () => {
    const keys = Object.keys(derivedSchema().properties!);
    expect(keys.sort()).toEqual(ENRICHERS.flatMap((e) => Object.keys(e.provides)).sort());
    expect(keys).toEqual(expect.arrayContaining(['phones', 'emails', 'ageAtApplication', 'employmentOverlaps', 'sessions', 'observedCountries', 'payees']));
  });

  test('two enrichers providing the same key is a programming error', () => {
    const twin: Enricher = { name: 'twin', provides: { phones: { type: 'array' } }, derive: () => ({}) };
    expect(() => derivedSchema([...ENRICHERS, twin])).toThrow(/derived\.phones is provided twice/);
  });

  test('every value an enricher derives is declared in the derived schema (so rules can name it)', () => {
    const f = enrich({
      ...base,
      dateOfBirth: '1990-01-01',
      appliedAt: '2026-01-01',
      contact: { emails: ['a@b.example'], phones: ['+1 614 555 0142'] },
      employment: [
        { employer: 'A', start: '2020-01' },
        { employer: 'B', start: '2021-01' },
      ],
      network: { sessions: [{ ip: '8.8.8.8', country: 'US' }] },
      payroll: { bank: { holderName: 'J', country: 'US' } },
    });
    const declared = derivedSchema().properties!;
    for (const k of Object.keys(f.derived)) expect(declared, k).toHaveProperty(k);
    for (const [k, v] of Object.entries(f.derived)) {
      if (!Array.isArray(v)) continue;
      const itemProps = Object.keys((declared[k]!.items as { properties?: object })?.properties ?? {});
      for (const el of v) if (typeof el === 'object' && el) for (const p of Object.keys(el)) expect(itemProps, `derived.${k}[].${p}`).toContain(p);
    }
  });
});
