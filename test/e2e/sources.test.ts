import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const S = 'fixtures/sources';
const ALL = [
  `${S}/greenhouse/candidates.json`,
  `${S}/okta/okta-nov.json`,
  `${S}/entra/signins.json`,
  `${S}/zoom/participants.json`,
  `${S}/onfido/reports.json`,
  `${S}/jamf/computers-inventory.json`,
  `${S}/defender/device-events.csv`,
  `${S}/adp/pay-distribution-changes.json`,
  '--people',
  `${S}/people/people.csv`,
];

async function json(args: string[], cwd = ROOT) {
  const r = await runCli([...args, '--format', 'json', '--no-progress'], { cwd });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe('one run over every source joins one applicant per person', () => {
  test('network, identity and payroll findings, each naming the source record of its value', async () => {
    const { code, report } = await json(ALL);
    expect(code).toBe(1);
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['101', '102']);
    const jordan = report.applicants[0];
    const byRule = new Map(jordan.findings.map((f: { ruleId: string }) => [f.ruleId, f]));
    const from = (id: string) => (byRule.get(id) as { evidenceDetail: Array<{ from?: string }> }).evidenceDetail.map((e) => e.from);
    expect(from('identity.document-name-mismatch')).toEqual([`${S}/onfido/reports.json[0] (onfido)`]);
    expect(from('identity.failed-liveness')).toEqual([`${S}/onfido/reports.json[1] (onfido)`]);
    expect(from('network.idp-reported-proxy')).toEqual([`${S}/okta/okta-nov.json[1] (okta)`]);
    expect(from('payroll.quick-account-switch')).toEqual([`${S}/adp/pay-distribution-changes.json[1] (adp)`]);
    expect(from('network.remote-access-app-installed')).toEqual([`${S}/jamf/computers-inventory.json[0] (jamf)`]);
    expect(from('network.session-country-mismatch')).toContain(`${S}/zoom/participants.json[1] (zoom)`);
    const alex = report.applicants[1];
    expect(alex.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(['network.ip-kvm-usb-id', 'network.idp-reported-proxy', 'network.cn-ru-egress-elsewhere-declared']),
    );
  });

  test('the interviewer in the Zoom report is listed as unjoined, and every record is accounted for', async () => {
    const { report } = await json(ALL);
    expect(report.sources.unjoinedRecords).toEqual([{ source: `${S}/zoom/participants.json[0]`, format: 'zoom', who: 'pat.lee@acme.example' }]);
    expect(report.sources.records).toBe(report.sources.joined + report.sources.unjoined + report.sources.errors);
    for (const f of report.sources.files) expect(f.records).toBe(f.joined + f.unjoined + f.errors);
    expect(report.sources.files.map((f: { format: string }) => f.format)).toEqual(['greenhouse', 'okta', 'entra', 'zoom', 'onfido', 'jamf', 'defender', 'adp']);
  });

  test('a failed sign-in is never evidence of location', async () => {
    const { report } = await json(ALL);
    const text = JSON.stringify(report.applicants[0].findings);
    // okta-nov.json[2] is a FAILURE from Russia.
    expect(text).not.toContain('okta-nov.json[2]');
    expect(text).not.toContain('"RU"');
  });

  test('--redact masks who an unjoined record names', async () => {
    const { report } = await json([...ALL, '--redact']);
    expect(report.sources.unjoinedRecords[0].who).toBe('[email]');
  });
});

describe('fairness at the door', () => {
  test('nationality and gender from Onfido reach no output format', async () => {
    for (const format of ['json', 'text', 'sarif', 'csv', 'markdown', 'junit', 'github']) {
      const r = await runCli([...ALL, '--format', format, '--no-progress', '--no-redact'], { cwd: ROOT });
      expect(r.stdout, format).not.toMatch(/\bPRK\b/);
      expect(r.stdout, format).not.toMatch(/\bMale\b/);
    }
  });

  test('the dropped fields are named (never their values)', async () => {
    const { report } = await json(ALL);
    const onfido = report.sources.files.find((f: { format: string }) => f.format === 'onfido');
    expect(onfido.dropped).toEqual(['properties.gender', 'properties.nationality']);
  });
});

describe('bad input', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'dprk-sources-'));

  test('a file in no known format names the formats tried, exit 2, the rest still checked', async () => {
    const d = dir();
    writeFileSync(join(d, 'odd.json'), JSON.stringify({ results: [{ foo: 1 }] }));
    writeFileSync(join(d, 'a.json'), readFileSync(join(ROOT, S, 'greenhouse/candidates.json')));
    const { code, report } = await json(['a.json', 'odd.json'], d);
    expect(code).toBe(2);
    expect(report.applicants).toHaveLength(2);
    expect(report.errors[0].message).toMatch(/odd\.json is in no format this tool knows .*tried: .*Okta System Log events/);
  });

  test('an envelope with no records, an event without a join key, an alias claimed twice, a 3-letter country that does not exist', async () => {
    const d = dir();
    writeFileSync(join(d, 'empty.json'), JSON.stringify({ '@odata.context': 'x', value: [] }));
    writeFileSync(
      join(d, 'okta.json'),
      JSON.stringify([
        { uuid: '1', published: '2026-11-03T02:11:00Z', eventType: 'user.session.start', actor: {}, client: { ipAddress: '1.2.3.4' } },
        {
          uuid: '2',
          published: '2026-11-03T02:11:00Z',
          eventType: 'user.session.start',
          actor: { alternateId: 'shared@acme.example' },
          client: { ipAddress: '1.2.3.4' },
        },
      ]),
    );
    writeFileSync(
      join(d, 'onfido.json'),
      JSON.stringify([{ name: 'document', result: 'clear', check_id: 'c', applicant_id: 'onf-1', properties: { issuing_country: 'XYZ' }, breakdown: {} }]),
    );
    writeFileSync(join(d, 'people.csv'), 'id,alias\nA,shared@acme.example\nB,shared@acme.example\nA,onf-1\n');
    writeFileSync(
      join(d, 'a.json'),
      JSON.stringify([
        { id: 'A', name: { full: 'Ann Lee' } },
        { id: 'B', name: { full: 'Bo Park' } },
      ]),
    );
    const { code, report } = await json(['a.json', 'empty.json', 'okta.json', 'onfido.json', '--people', 'people.csv'], d);
    expect(code).toBe(2);
    const messages = report.errors.map((e: { source: string; message: string }) => `${e.source}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^empty\.json: the "value" envelope holds no records/),
        expect.stringMatching(/^okta\.json\[0\]: okta: the record names nobody/),
        expect.stringMatching(/^okta\.json\[1\]: okta: one identifier is claimed by 2 applicants/),
        expect.stringMatching(/^onfido\.json\[0\]: onfido: properties\.issuing_country "XYZ" is not an ISO 3166-1 alpha-3 country code/),
      ]),
    );
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['A', 'B']);
  });

  test('a CSV with unknown headers, a time without a zone', async () => {
    const d = dir();
    writeFileSync(join(d, 'people.csv'), 'id,full_name,favourite_colour\nA,Ann Lee,blue\n');
    writeFileSync(
      join(d, 'zoom.csv'),
      'Name (Original Name),User Email,Join Time,Leave Time\nAnn Lee,ann@x.example,12/01/2026 02:00:12 PM,12/01/2026 02:40:00 PM\n',
    );
    const { code, report } = await json(['people.csv', 'zoom.csv'], d);
    expect(code).toBe(2);
    const messages = report.errors.map((e: { message: string }) => e.message).join('\n');
    expect(messages).toMatch(/unknown column "favourite_colour"/);
    expect(messages).toMatch(/join_time "12\/01\/2026 02:00:12 PM" has no time zone/);
    expect(report.applicants.map((a: { id: string }) => a.id)).toEqual(['A']);
  });
});

describe('batch links from source data', () => {
  test('the same device behind two people, the same document number under two names', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dprk-links-'));
    writeFileSync(
      join(d, 'a.json'),
      JSON.stringify([
        { id: 'A', name: { full: 'Ann Lee' }, contact: { emails: ['ann@acme.example'] } },
        { id: 'B', name: { full: 'Bo Park' }, contact: { emails: ['bo@acme.example'] } },
      ]),
    );
    const signIn = (upn: string) => ({
      createdDateTime: '2026-11-06T08:45:12Z',
      userPrincipalName: upn,
      ipAddress: '10.0.0.5',
      status: { errorCode: 0 },
      deviceDetail: { deviceId: 'dev-1111', displayName: 'LT-1' },
      location: {},
    });
    writeFileSync(join(d, 'entra.json'), JSON.stringify({ value: [signIn('ann@acme.example'), signIn('bo@acme.example')] }));
    const doc = (applicant: string, first: string) => ({
      name: 'document',
      result: 'clear',
      check_id: 'c',
      applicant_id: applicant,
      breakdown: {},
      properties: { first_name: first, last_name: 'Lee', document_type: 'passport', issuing_country: 'USA', document_numbers: [{ value: '5550001' }] },
    });
    writeFileSync(join(d, 'onfido.json'), JSON.stringify([doc('onf-a', 'Ann'), doc('onf-b', 'Bo')]));
    writeFileSync(join(d, 'people.csv'), 'id,alias\nA,onf-a\nB,onf-b\n');
    const { report } = await json(['a.json', 'entra.json', 'onfido.json', '--people', 'people.csv'], d);
    const kinds = report.links.map((l: { kind: string; applicants: string[] }) => `${l.kind}:${l.applicants.join(',')}`);
    expect(kinds).toEqual(expect.arrayContaining(['shared-device:A,B', 'shared-document-number:A,B']));
    expect(JSON.stringify(report)).not.toContain('5550001');
    expect(JSON.stringify(report)).not.toContain('dev-1111');
  });
});

describe('formats per input', () => {
  test('FORMAT:PATH overrides detection for one input; --input-format is the default for the rest', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dprk-fmt-'));
    writeFileSync(join(d, 'a.json'), JSON.stringify([{ id: 'A', name: { full: 'Ann Lee' }, contact: { emails: ['ann@acme.example'] } }]));
    // A bare sign-in list whose first record lacks the keys detection looks for.
    writeFileSync(
      join(d, 'log.json'),
      JSON.stringify([{ createdDateTime: '2026-11-06T08:45:12Z', userPrincipalName: 'ann@acme.example', ipAddress: '98.28.1.7' }]),
    );
    const { report } = await json(['a.json', 'entra:log.json'], d);
    expect(report.sources.files.map((f: { format: string }) => f.format)).toEqual(['applicant', 'entra']);
    expect(report.sources.joined).toBe(2);
    const { report: r2 } = await json(['applicant:a.json', 'log.json', '--input-format', 'entra'], d);
    expect(r2.sources.files.map((f: { format: string }) => f.format)).toEqual(['applicant', 'entra']);
  });

  test('a Lever {"data": …} response alone is read (it used to exit 2)', async () => {
    const { code, report } = await json([`${S}/lever/opportunities.json`]);
    expect(code).toBe(0);
    expect(report.applicants[0].id).toBe('250d8f03-738a-4bba-a671-8a3d73477145');
  });

  test('Greenhouse: the date of birth from a configurable custom field, "(Remote)" in the job name', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dprk-gh-'));
    const c = {
      id: 7,
      first_name: 'Ann',
      last_name: 'Lee',
      email_addresses: [{ value: 'ann@x.example', type: 'personal' }],
      applications: [{ applied_at: '2026-09-01T00:00:00Z', jobs: [{ name: 'Backend Engineer (Remote)' }, { name: 'Platform Engineer' }] }],
      keyed_custom_fields: { birth_date_cf: { name: 'DOB', type: 'date', value: '1990-02-03' } },
      custom_fields: {},
    };
    writeFileSync(join(d, 'gh.json'), JSON.stringify([c]));
    writeFileSync(
      join(d, 'veriff.json'),
      JSON.stringify({
        status: 'success',
        verification: {
          status: 'approved',
          vendorData: '7',
          person: { firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1991-02-03' },
          document: { type: 'PASSPORT', country: 'US' },
        },
      }),
    );
    const { report } = await json(['gh.json', 'veriff.json', '--greenhouse-dob-field', 'birth_date_cf'], d);
    expect(report.applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('identity.dob-mismatch');
  });
});

describe('init', () => {
  test('a blank applicant JSON and a CSV template that read back', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dprk-init-'));
    const j = await runCli(['init'], { cwd: d });
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ id: '', name: { full: '' } });
    // As the message says: filled in, with the text fields left empty deleted, it checks.
    const w = await runCli(['init', 'a.json'], { cwd: d });
    expect(w.stderr).toContain('delete the text fields you leave empty');
    const leftEmpty = await json(['a.json'], d);
    expect(leftEmpty.code).toBe(2);
    const filled = JSON.parse(readFileSync(join(d, 'a.json'), 'utf8'));
    filled.id = 'A7';
    filled.name.full = 'Ann Lee';
    const dropEmpty = (o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(o)) {
        if (v === '') delete o[k];
        else if (v && typeof v === 'object' && !Array.isArray(v)) dropEmpty(v as Record<string, unknown>);
      }
    };
    dropEmpty(filled);
    writeFileSync(join(d, 'a.json'), JSON.stringify(filled));
    const checked = await json(['a.json'], d);
    expect(checked.code).toBe(0);
    expect(checked.report.summary).toMatchObject({ total: 1, evaluated: 1 });
    const c = await runCli(['init', '--csv', 't.csv'], { cwd: d });
    expect(c.code).toBe(0);
    const header = readFileSync(join(d, 't.csv'), 'utf8');
    expect(header.startsWith('id,full_name,')).toBe(true);
    writeFileSync(join(d, 't.csv'), `${header}A1,Ann Lee${','.repeat(header.split(',').length - 2)}\n`);
    const { code, report } = await json(['t.csv'], d);
    expect(code).toBe(0);
    expect(report.applicants[0]).toMatchObject({ id: 'A1', source: 't.csv#2' });
    expect((await runCli(['init', 't.csv'], { cwd: d })).code).toBe(2);
  });
});

describe('Ashby', () => {
  test('a candidate.list response maps to an applicant', async () => {
    const { code, report } = await json([`${S}/ashby/candidates.json`]);
    expect(code).toBe(0);
    expect(report.sources.files[0]).toMatchObject({ format: 'ashby', records: 1, joined: 1 });
  });
});

describe('fairness at the door, every vendor', () => {
  test('nationality, gender, locale, keyboard layout and browser language reach neither the applicant nor any format', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dprk-fair-'));
    const SENTINELS = ['ZZNATIONALITY', 'ZZGENDER', 'ZZLOCALE', 'ZZKEYBOARD', 'ZZLANGUAGE', 'ZZBIRTHPLACE'];
    writeFileSync(join(d, 'a.json'), JSON.stringify([{ id: 'A', name: { full: 'Ann Lee' }, contact: { emails: ['ann@acme.example'] } }]));
    writeFileSync(
      join(d, 'veriff.json'),
      JSON.stringify({
        status: 'success',
        verification: {
          status: 'declined',
          vendorData: 'A',
          person: { firstName: 'Maria', lastName: 'Kowalski', nationality: 'ZZNATIONALITY', gender: 'ZZGENDER', placeOfBirth: 'ZZBIRTHPLACE' },
          document: { type: 'PASSPORT', country: 'US' },
          riskLabels: [],
        },
      }),
    );
    writeFileSync(
      join(d, 'okta.json'),
      JSON.stringify([
        {
          uuid: '1',
          published: '2026-11-03T02:11:00Z',
          eventType: 'user.session.start',
          actor: { id: '1', alternateId: 'ann@acme.example', detail: { locale: 'ZZLOCALE' } },
          client: { ipAddress: '98.28.1.7', userAgent: { rawUserAgent: 'x' }, keyboardLayout: 'ZZKEYBOARD' },
          debugContext: { debugData: { browserLanguage: 'ZZLANGUAGE' } },
        },
      ]),
    );
    writeFileSync(
      join(d, 'zoom.json'),
      JSON.stringify({
        participants: [{ user_name: 'Ann', email: 'ann@acme.example', join_time: '2026-10-09T18:01:10Z', language: 'ZZLANGUAGE', locale: 'ZZLOCALE' }],
      }),
    );
    for (const format of ['json', 'text', 'sarif', 'csv', 'markdown', 'junit', 'github']) {
      const r = await runCli(['a.json', 'veriff.json', 'okta.json', 'zoom.json', '--format', format, '--no-progress', '--no-redact'], { cwd: d });
      for (const s of SENTINELS) expect(r.stdout + r.stderr, `${format} ${s}`).not.toContain(s);
    }
    const { report } = await json(['a.json', 'veriff.json', 'okta.json', 'zoom.json'], d);
    // The document's other name does reach the identity rules: only origin is dropped.
    expect(report.applicants[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('identity.document-name-mismatch');
    expect(report.sources.files.find((f: { format: string }) => f.format === 'veriff').dropped).toEqual([
      'verification.person.gender',
      'verification.person.nationality',
      'verification.person.placeOfBirth',
    ]);
  });
});

describe('text report', () => {
  test('evidence names its source record; the Sources block adds up and lists the interviewer', async () => {
    const r = await runCli([...ALL, '--no-progress', '--no-color'], { cwd: ROOT });
    expect(r.stdout).toContain(`[from ${S}/okta/okta-nov.json[1] (okta)]`);
    expect(r.stdout).toMatch(/Sources\n {2}16 source records: 15 joined, 1 unjoined, 0 errors/);
    expect(r.stdout).toContain(`${S}/zoom/participants.json[0]  pat.lee@acme.example`);
    const red = await runCli([...ALL, '--no-progress', '--no-color', '--redact'], { cwd: ROOT });
    expect(red.stdout).not.toContain('pat.lee@acme.example');
  });
});

describe('standard input in a joined run', () => {
  test('applicants piped in start applicants that sources join', async () => {
    const r = await runCli(['-', `${S}/okta/okta-nov.json`, '--people', `${S}/people/people.csv`, '--format', 'json', '--no-progress'], {
      cwd: ROOT,
      stdin: JSON.stringify({ id: '101', name: { full: 'Jordan Miller' }, claimedLocation: { country: 'US' } }),
    });
    const report = JSON.parse(r.stdout);
    expect(report.applicants.map((a: { id: string; source: string }) => `${a.id}@${a.source}`)).toEqual(['101@<stdin>#1']);
    expect(report.sources.files[0]).toMatchObject({ file: '<stdin>', records: 1, joined: 1 });
  });
});

describe('flattened CSV', () => {
  test('an Okta System Log CSV with dotted columns reads like the JSON', async () => {
    const { report } = await json([`${S}/greenhouse/candidates.json`, `${S}/okta/okta-syslog.csv`, '--people', `${S}/people/people.csv`]);
    expect(report.sources.files[1]).toMatchObject({ format: 'okta', records: 1, joined: 1 });
    const f = report.applicants[0].findings.find((x: { ruleId: string }) => x.ruleId === 'network.session-country-mismatch');
    // The finding's value and the session listed behind it both come from that one CSV row.
    expect([...new Set(f.evidenceDetail.map((e: { from: string }) => e.from))]).toEqual([`${S}/okta/okta-syslog.csv#2 (okta)`]);
  });
});
