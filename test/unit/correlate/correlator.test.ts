import { describe, expect, test } from 'vitest';
import type { Applicant } from '../../../src/model/applicant.js';
import { Correlator, type LinkResult } from '../../../src/correlate/correlator.js';
import { MAX_LINKED_PEOPLE } from '../../../src/correlate/link-kinds.js';
import { pathOfSlot } from '../../../src/correlate/roles.js';

/** Links found in memory; every test also checks that an index spilled to disk (after 0, 1 and 2 applicants) finds the same. */
function links(applicants: Array<Partial<Applicant> & { id: string; name: { full: string } }>, options = {}): LinkResult[] {
  const run = (spillAfter?: number) => {
    const c = new Correlator({ ...options, spillAfter });
    applicants.forEach((a, i) => c.add(i, a as Applicant, `in.ndjson#${i + 1}`));
    expect(c.onDisk).toBe(spillAfter !== undefined && spillAfter < applicants.length);
    const out = c.finish();
    c.close();
    return out;
  };
  const inMemory = run(Infinity);
  for (const after of [0, 1, 2]) expect(run(after)).toEqual(inMemory);
  return inMemory;
}
const summary = (ls: LinkResult[]) => ls.map((l) => [l.kind, l.severity, l.members.map((m) => m.ordinal)]);

const farm = { line1: '2150 Desert Willow Ln', postalCode: '85340', country: 'US' };
const person = (id: string, full: string, extra: Partial<Applicant> = {}) => ({ id, name: { full }, ...extra });

describe('Correlator', () => {
  test('one payout account for different people is critical; ship-to address is high', () => {
    const ls = links([
      person('a', 'Michael Turner', { payroll: { bank: { accountFingerprint: 'sha256:AA' } }, equipment: { shipTo: farm } }),
      person('b', 'Kevin Brooks', {
        payroll: { bank: { accountFingerprint: 'SHA256:aa' } },
        equipment: { shipTo: { ...farm, line1: '2150 Desert Willow Lane', postalCode: '85340-1102' } },
      }),
      person('c', 'Ryan Mitchell', { payroll: { changes: [{ accountFingerprint: 'sha256:aa' }] } }),
    ]);
    expect(summary(ls)).toEqual([
      ['shared-payout-account', 'critical', [0, 1, 2]],
      ['shared-ship-to', 'high', [0, 1]],
    ]);
    expect(ls[0]!.members[2]!.slots.map(pathOfSlot)).toEqual(['payroll.changes[0].accountFingerprint']);
  });

  test('records of one person (same id, or same first and last name) are not linked to each other', () => {
    const ls = links([
      person('a', 'Jordan A. Miller', { contact: { phones: ['+1 614 555 0142'] } }),
      person('b', 'Miller, Jordan', { contact: { phones: ['+16145550142'] } }),
      person('a', 'Someone Else', { contact: { phones: ['+1 (614) 555-0142'] } }),
    ]);
    expect(summary(ls)).toEqual([['duplicate-id', 'info', [0, 2]]]);
  });

  test('a shared home address counts more when many share it', () => {
    const home = { type: 'home', line1: '405 Lake Ave', postalCode: '55802', country: 'US' };
    const two = links([person('a', 'Emma Larson', { contact: { addresses: [home] } }), person('b', 'Noah Larson', { contact: { addresses: [home] } })]);
    expect(summary(two)).toEqual([['shared-address', 'low', [0, 1]]]);
    const four = links(['Ann Ash', 'Bob Birch', 'Cy Cedar', 'Di Dogwood'].map((n, i) => person(`p${i}`, n, { contact: { addresses: [home] } })));
    expect(four[0]!.severity).toBe('high');
  });

  test("a reference whose phone or e-mail is another applicant's is reported; the same reference given by two applicants is not", () => {
    const ls = links([
      person('a', 'Alice Adams', { references: [{ name: 'Ref', phone: '+1 202 555 0111', email: 'Bob.Baker+jobs@Example.com' }] }),
      person('b', 'Bob Baker', { contact: { emails: ['bob.baker@example.com'] } }),
      person('c', 'Carol Cole', { references: [{ name: 'Ref', phone: '+1 202 555 0111' }] }),
    ]);
    expect(summary(ls)).toEqual([['reference-is-applicant', 'high', [0, 1]]]);
  });

  test('private, reserved and allow-listed IP addresses never link; a public one does, weakly', () => {
    const sessions = (ip: string) => ({ network: { sessions: [{ ip }] } });
    expect(links([person('a', 'A One', sessions('10.0.0.5')), person('b', 'B Two', sessions('10.0.0.5'))])).toEqual([]);
    expect(summary(links([person('a', 'A One', sessions('68.104.220.17')), person('b', 'B Two', sessions('68.104.220.17'))]))).toEqual([
      ['shared-session-ip', 'low', [0, 1]],
    ]);
    const allowed = links([person('a', 'A One', sessions('68.104.220.17')), person('b', 'B Two', sessions('68.104.220.17'))], { ipAllowed: () => true });
    expect(allowed).toEqual([]);
  });

  test('Gmail dots and plus-tags name one mailbox', () => {
    const ls = links([
      person('a', 'A One', { contact: { emails: ['j.smith+work@gmail.com'] } }),
      person('b', 'B Two', { contact: { emails: ['JSmith@googlemail.com'] } }),
    ]);
    expect(summary(ls)).toEqual([['shared-email', 'high', [0, 1]]]);
  });

  test('wallets, résumé files and photos link; EVM wallet case does not matter', () => {
    const ls = links([
      person('a', 'A One', {
        payroll: { cryptoWallet: '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01' },
        resume: { sha256: 'ab12' },
        photo: { perceptualHash: 'f0f0' },
      }),
      person('b', 'B Two', {
        payroll: { cryptoWallet: '0xabcdef0123456789abcdef0123456789abcdef01' },
        resume: { sha256: 'AB12' },
        photo: { perceptualHash: 'F0F0' },
      }),
    ]);
    expect(summary(ls).map((s) => s[0])).toEqual(['shared-crypto-wallet', 'shared-photo', 'shared-resume']);
    expect(ls[0]!.severity).toBe('critical');
  });

  test('a value shared by more people than any farm is a placeholder: listed at info, not scored', () => {
    const many = Array.from({ length: MAX_LINKED_PEOPLE + 1 }, (_, i) => person(`p${i}`, `Given${i} Family${i}`, { contact: { phones: ['+1 800 555 0000'] } }));
    const [l] = links(many);
    expect(l).toMatchObject({ kind: 'shared-phone', severity: 'info', scored: false });
  });

  test('allow-listed keys are never indexed', () => {
    const plain = links([
      person('a', 'A One', { contact: { phones: ['+1 415 555 0100'] } }),
      person('b', 'B Two', { contact: { phones: ['+1 415 555 0100'] } }),
    ]);
    expect(plain).toHaveLength(1);
    const allowed = links(
      [person('a', 'A One', { contact: { phones: ['+1 415 555 0100'] } }), person('b', 'B Two', { contact: { phones: ['+1 415 555 0100'] } })],
      { allowedKeys: new Set([plain[0]!.key]) },
    );
    expect(allowed).toEqual([]);
  });

  test('link keys are the same in every run (so shards can be merged) and exported per applicant', () => {
    const input = [person('a', 'A One', { contact: { phones: ['+1 415 555 0100'] } }), person('b', 'B Two', { contact: { phones: ['+1 415 555 0100'] } })];
    expect(links(input)[0]!.key).toBe(links(input)[0]!.key);
    const c = new Correlator();
    input.forEach((a, i) => c.add(i, a as Applicant, `s${i}`));
    const keys = [...c.exportKeys()];
    for (const after of [0, 1]) {
      const spilled = new Correlator({ spillAfter: after, exportKeys: true });
      input.forEach((a, i) => spilled.add(i, a as Applicant, `s${i}`));
      expect(spilled.onDisk).toBe(true);
      expect([...spilled.exportKeys()]).toEqual(keys);
      // Read back from disk: an earlier applicant's meta, and the keys again (the iterable is not used up).
      expect(spilled.meta(0)).toEqual(c.meta(0));
      expect([...spilled.exportKeys()]).toEqual(keys);
      spilled.close();
    }
    // On disk the keys are kept for export only when asked for.
    const unasked = new Correlator({ spillAfter: 0 });
    input.forEach((a, i) => unasked.add(i, a as Applicant, `s${i}`));
    expect(() => unasked.exportKeys()).toThrow(/exportKeys option/);
    unasked.close();
    expect(keys.map((k) => k.keys.map((s) => s.split(':')[0]))).toEqual(
      [
        ['id', 'phone'],
        ['id', 'phone'],
      ].map((x) => x.sort()),
    );
    expect(keys[0]!.keys.find((s) => s.startsWith('phone:'))).toBe(keys[1]!.keys.find((s) => s.startsWith('phone:')));
  });

  test('near-identical résumé text links; an unrelated résumé does not', () => {
    const base = [
      'Senior full stack developer with eight years of experience building scalable web applications using React, Node.js, TypeScript and PostgreSQL.',
      'At Summit Digital Solutions led the migration of a monolith to microservices on AWS, reducing page latency by forty percent and cutting hosting costs by a third.',
      'Designed a multi-tenant billing service processing two million invoices a month, with idempotent event handlers, retries and dead-letter queues.',
      'Mentored six junior engineers, introduced code review guidelines, automated testing and continuous delivery pipelines across four product teams.',
      'Previously at Cactus Cloud built customer dashboards with D3 and GraphQL, integrated Stripe and Plaid, and maintained the Kubernetes clusters running staging and production.',
      'Strong communicator comfortable working across time zones with distributed teams; fluent with Jira, Confluence, GitHub Actions and Terraform.',
      'Bachelor of Science in Software Engineering from Arizona State University; AWS Certified Solutions Architect Associate.',
    ].join(' ');
    const edited = base.replace('eight years', 'seven years').replace('forty percent', 'thirty percent');
    const other =
      'Data analyst experienced in SQL Tableau and Python pandas. Built weekly revenue dashboards for the finance team and automated reconciliation of vendor invoices. Holds a degree in economics and enjoys teaching spreadsheet workshops to colleagues in the operations department of a regional hospital network.';
    const ls = links([
      person('a', 'A One', { resume: { text: base } }),
      person('b', 'B Two', { resume: { text: edited } }),
      person('c', 'C Three', { resume: { text: other } }),
    ]);
    expect(summary(ls)).toEqual([['similar-resume', 'medium', [0, 1]]]);
    expect(ls[0]!.members[0]!.slots.map(pathOfSlot)).toEqual(['resume.text']);
  });
});

describe('résumé similarity on the text that is not the person', () => {
  const body = (name: string, city: string, email: string, phone: string) =>
    [
      `${name}`,
      `${city}, ${city === 'Austin' ? 'TX' : 'US'} | ${email} | ${phone} | linkedin.com/in/${name.toLowerCase().replace(' ', '-')} | https://github.com/${name.split(' ')[0]!.toLowerCase()}dev`,
      `Summary: ${name.split(' ')[0]} is a senior backend engineer based in ${city} with nine years of experience in Go, Rust and distributed systems.`,
      'Built a payments ledger handling forty thousand transactions per second with exactly-once semantics on Kafka and CockroachDB.',
      'Led the migration of legacy Java services to Kubernetes on GCP; cut infrastructure spend by a quarter and on-call pages by half.',
      'Designed rate limiting and circuit breaking for public APIs serving twelve million monthly users; wrote the incident runbooks.',
      `Relocated to ${city} in 2023 and has worked remotely with teams in Europe and Asia.`,
    ].join('\n');
  const mill = [
    person('m1', 'Jacob Turner', {
      resume: { text: body('Jacob Turner', 'Austin', 'jacob.turner@example.com', '+1 512 555 0101') },
      claimedLocation: { city: 'Austin' },
      contact: { emails: ['jacob.turner@example.com'] },
    }),
    person('m2', 'Megan Lopez', {
      resume: { text: body('Megan Lopez', 'Denver', 'megan.lopez88@example.net', '(303) 555-0177') },
      claimedLocation: { city: 'Denver' },
      contact: { emails: ['megan.lopez88@example.net'] },
    }),
    person('m3', 'Aaron Fischer', {
      resume: { text: body('Aaron Fischer', 'Seattle', 'afischer@example.org', '+1 206-555-0133') },
      claimedLocation: { city: 'Seattle' },
      contact: { emails: ['afischer@example.org'] },
    }),
    person('m4', 'Priya Raman', {
      resume: { text: body('Priya Raman', 'Raleigh', 'priya.r@example.com', '919.555.0190') },
      claimedLocation: { city: 'Raleigh' },
      contact: { emails: ['priya.r@example.com'] },
    }),
  ];

  test('the four personas of a résumé mill link, though each has its own name, contacts and city', () => {
    const ls = links(mill);
    expect(summary(ls)).toEqual([['similar-resume', 'high', [0, 1, 2, 3]]]);
  });

  test('unrelated résumés in the same field do not link', () => {
    const other = (id: string, text: string) => person(id, `Person ${id}`, { resume: { text } });
    const ls = links([
      mill[0]!,
      other(
        'u1',
        'Backend engineer with eight years in Go and Python. At a logistics startup built route optimisation services on AWS Lambda and DynamoDB, and a GraphQL gateway used by three mobile apps. Improved p99 latency from 900 to 120 milliseconds by caching and query batching. Runs the internal Go guild and mentors interns. Previously a site reliability engineer at a regional bank, maintaining Terraform modules and Prometheus alerting for forty services.',
      ),
      other(
        'u2',
        'Senior software engineer focused on distributed systems in Rust and Java. Built a streaming analytics pipeline on Flink and Kafka for ad impressions, processing billions of events a day. Owned the schema registry and data contracts between teams. Wrote chaos tests for the storage layer and reduced data loss incidents to zero over two years. Speaker at a local Rust meetup; contributes to open source tracing libraries.',
      ),
    ]);
    expect(ls).toEqual([]);
  });
});
