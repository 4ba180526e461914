import { rmSync } from 'node:fs';
import { loadRuleSet } from '../../src/ruleset/load.js';
import { activeRules } from '../../src/evaluate/evaluate.js';
import { checkRecord } from '../../src/pipeline/check-record.js';
import { buildReport } from '../../src/report/build.js';
import { ruleInfos } from '../../src/cli/write-reports.js';
import type { ApplicantResult, Report, RunError } from '../../src/model/report.js';
import type { RuleInfo } from '../../src/formats/format.js';
import type { FailOn } from '../../src/model/levels.js';
import { writePiiRules } from './pii-rules.js';

/** An applicant whose record quotes personal data in every field the PII rules read. */
export const PII_APPLICANT = {
  id: 'cand-1042',
  name: { full: 'Jordan A. Miller', aliases: ['J. Miller'] },
  dateOfBirth: '1991-03-14',
  contact: {
    emails: ['jordan.miller1991@example.com'],
    phones: ['+1 614 555 0142'],
    addresses: [{ type: 'home', line1: '12 Elm St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' }],
  },
  identity: { documents: [{ type: 'passport', nameOnDocument: 'Kevin Douglas Hart', dateOfBirth: '1990-07-01', issuingCountry: 'US' }] },
  references: [{ name: 'Patricia Leeson', relationship: 'manager', email: 'pat.leeson@acme-logistics.example', phone: '+1 (614) 555-0142' }],
  interviews: [{ at: '2026-10-09T14:00:00-04:00', kind: 'video', ip: '203.0.113.77' }],
  network: { sessions: [{ at: '2026-10-02T15:04:05Z', ip: '2001:db8:85a3::8a2e:370:7334', kind: 'application' }] },
  equipment: { shipTo: { line1: '400 Warehouse Rd', line2: 'Unit 9', city: 'Dover', region: 'DE', postalCode: '19901', country: 'US' } },
  payroll: {
    method: 'crypto',
    cryptoWallet: '0x52908400098527886E0F7030069857D2E4169EE7',
    bank: { holderName: 'Kevin D. Hart', country: 'US', accountFingerprint: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  },
};

/**
 * Every personal value the fixture holds, from the applicant above and the hand-made results
 * below. No redacted output may contain any of them (nor their parts, for names).
 */
export const PII_STRINGS = [
  'Jordan A. Miller',
  'J. Miller',
  'Jordan',
  'Miller',
  'Kevin Douglas Hart',
  'Kevin D. Hart',
  'Kevin',
  'Hart',
  '1991-03-14',
  '1990-07-01',
  'jordan.miller1991@example.com',
  'jordan.miller1991',
  '+1 614 555 0142',
  '(614) 555-0142',
  '614',
  '12 Elm St',
  '43004',
  '400 Warehouse Rd',
  'Unit 9',
  '19901',
  'Dover',
  'Patricia Leeson',
  'Leeson',
  'pat.leeson@acme-logistics.example',
  '203.0.113.77',
  '2001:db8:85a3::8a2e:370:7334',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'María José Núñez',
  'Núñez',
  'mj.nunez@example.org',
  '+44 20 7946 0958',
  '198.51.100.23',
  '77 Rue de Rivoli',
  "Seán O'Brien",
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  '+49 30 901820',
  'Hiroshi Tanaka',
];

/** Ids of flagged applicants, of the clean one, and rule ids that fired: redaction keeps them all. */
export const FLAGGED_IDS = ['cand-1042', 'cand-2001', 'cand-4004'];
export const CLEAN_IDS = ['cand-3003'];
export const FIRED_RULE_IDS = [
  'identity.document-name-mismatch',
  'identity.document-birthdate-mismatch',
  'identity.reference-shares-phone',
  'payroll.crypto-payout',
  'payroll.ship-to-not-home',
  'network.interview-from-listed-range',
  'identity.shared-contact',
];

const ref = { title: 'Test reference', url: 'https://example.org/guidance', date: '2024-01-01' };

/** Hand-made results as other stages (linkage, hand-built messages) may produce them. */
function handMade(): { applicants: ApplicantResult[]; errors: RunError[] } {
  const nunez: ApplicantResult = {
    id: 'cand-2001',
    name: 'María José Núñez',
    source: 'exports/batch.ndjson#4',
    location: { file: 'exports/batch.ndjson', line: 4 },
    level: 'medium',
    score: 30,
    findings: [
      {
        ruleId: 'identity.shared-contact',
        family: 'linkage',
        severity: 'medium',
        title: 'Contact shared with another applicant',
        // A hand-built message, no template parts: only scrubbing can clean it.
        message:
          'María José Núñez (mj.nunez@example.org, +44 20 7946 0958) shares a phone with Jordan A. Miller (cand-1042); last seen from 198.51.100.23 at 77 Rue de Rivoli.',
        evidence: [
          {
            path: 'contact.emails[0]',
            pattern: 'contact.emails[]',
            value: 'mj.nunez@example.org',
            note: 'same as cand-1042 contact.phones[0] = +1 614 555 0142',
          },
          { path: 'contact.phones[0]', pattern: 'contact.phones[]', value: '+44 20 7946 0958' },
          {
            path: 'contact.addresses[0]',
            pattern: 'contact.addresses[]',
            value: { type: 'home', line1: '77 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
          },
          {
            path: 'derived.sessions[0]',
            pattern: 'derived.sessions[]',
            value: { origin: 'network.sessions[0]', ip: '198.51.100.23', ipScope: 'public', country: 'FR' },
          },
        ],
        references: [ref],
        falsepositives: ['Family members'],
        next: 'Ask both applicants.',
      },
    ],
    contributions: [{ family: 'linkage', strength: 0.3, findings: 1 }],
    notEvaluated: [],
    warnings: [{ code: 'applicant-unknown-field', severity: 'warning', message: "unknown field 'nickname'" }],
  };
  const clean: ApplicantResult = {
    id: 'cand-3003',
    name: 'Hiroshi Tanaka',
    source: 'exports/a.json[0]',
    location: { file: 'exports/a.json', index: 0 },
    level: 'none',
    score: 0,
    findings: [],
    contributions: [],
    notEvaluated: ['payroll.*: no payroll data'],
    warnings: [],
  };
  // Hostile text: XML specials, ANSI colour, a bell, a formula, markdown/HTML, a newline.
  const hostile: ApplicantResult = {
    id: 'cand-4004',
    name: '=HYPERLINK("http://evil.example","Seán O\'Brien")',
    source: 'exports/a.json[1]',
    location: { file: 'exports/a.json', index: 1 },
    level: 'critical',
    score: 100,
    findings: [
      {
        ruleId: 'payroll.crypto-payout',
        family: 'payroll',
        severity: 'critical',
        title: 'Salary to a crypto wallet',
        message:
          'Paid to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq <b>now</b> & \u001b[31mred\u001b[0m | [x](http://evil.example)\u0007\nsecond line, phone +49 30 901820',
        evidence: [{ path: 'payroll.cryptoWallet', pattern: 'payroll.cryptoWallet', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }],
        references: [ref],
        falsepositives: [],
        next: 'Verify it.',
      },
    ],
    contributions: [{ family: 'payroll', strength: 1, findings: 1 }],
    notEvaluated: [],
    warnings: [],
  };
  const errors: RunError[] = [
    {
      source: 'exports/batch.ndjson#5',
      location: { file: 'exports/batch.ndjson', line: 5 },
      message: 'not valid JSON: expected a "quoted" key',
      diagnostics: [
        { code: 'input-not-json', severity: 'error', message: 'not valid JSON: expected a "quoted" key', file: 'exports/batch.ndjson', line: 5, column: 3 },
      ],
    },
    {
      source: 'exports/b.json',
      location: { file: 'exports/b.json' },
      id: 'cand-5005',
      message: 'invalid applicant record (1 problem)',
      diagnostics: [
        {
          code: 'applicant-schema',
          severity: 'error',
          message: 'contact.emails[0]: is not a valid email-ish',
          file: 'exports/b.json',
          line: 4,
          column: 18,
          path: '/contact/emails/0',
        },
      ],
    },
  ];
  return { applicants: [nunez, clean, hostile], errors };
}

export interface Fixture {
  report: Report;
  rules: RuleInfo[];
}

/** One report: a real rule run on PII_APPLICANT, the hand-made results, two invalid records, a link. */
export function fixtureReport(failOn: FailOn = 'high'): Fixture {
  const dir = writePiiRules();
  try {
    const ruleSet = loadRuleSet({ paths: [dir] });
    const rules = activeRules(ruleSet.rules);
    const outcome = checkRecord(
      {
        source: 'exports/batch.ndjson#3',
        location: { file: 'exports/batch.ndjson', line: 3 },
        file: 'exports/batch.ndjson',
        value: structuredClone(PII_APPLICANT),
      },
      rules,
      { strict: true, enrich: {} },
    );
    if (!outcome.ok) throw new Error(`fixture applicant did not check: ${outcome.error.message}`);
    const extra = handMade();
    const report = buildReport(
      [outcome.result, ...extra.applicants],
      extra.errors,
      [{ kind: 'shared-phone', value: '+1 614 555 0142', applicants: ['cand-1042', 'cand-2001'] }],
      {
        version: '0.0.0-test',
        rulesVersion: 'test',
        rulesCount: rules.length,
        failOn,
        generatedAt: '2026-11-01T12:00:00.000Z',
      },
    );
    return { report, rules: ruleInfos(rules) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Undo every escaping a format applies (XML entities, CSV quote doubling, markdown backslashes,
 * GitHub's %XX, JSON's \uXXXX), so a value cannot hide from `includes` behind an escape.
 */
export function unescapeAll(s: string): string {
  return s
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
    .replace(/\\([\\`*_[\]|#~!<>"])/g, '$1')
    .replace(/""/g, '"');
}
