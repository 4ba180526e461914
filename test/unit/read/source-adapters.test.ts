import { describe, expect, test } from 'vitest';
import { okta } from '../../../src/read/adapters/okta.js';
import { entra } from '../../../src/read/adapters/entra.js';
import { googleLogin } from '../../../src/read/adapters/google-login.js';
import { zoom } from '../../../src/read/adapters/zoom.js';
import { onfido } from '../../../src/read/adapters/onfido.js';
import { veriff } from '../../../src/read/adapters/veriff.js';
import { persona } from '../../../src/read/adapters/persona.js';
import { jamf } from '../../../src/read/adapters/jamf.js';
import { defender } from '../../../src/read/adapters/defender.js';
import { adp } from '../../../src/read/adapters/adp.js';
import { sourceItems } from '../../../src/read/source-file.js';
import { detectCsvFormat, detectRecordFormat } from '../../../src/read/adapters/registry.js';

const ctx = { source: 'f[0]', salt: 'salt' };

describe('source adapters map documented fields', () => {
  test('Okta: full country name converted, proxy verdict, ASN, outcome', () => {
    const f = okta.adapt(
      {
        published: '2026-11-03T02:11:00.000Z',
        eventType: 'user.session.start',
        actor: { id: '00u1', alternateId: 'a@b.example' },
        client: { ipAddress: '1.2.3.4', geographicalContext: { country: 'United States' } },
        securityContext: { asNumber: 7922, asOrg: 'comcast', isProxy: true },
        outcome: { result: 'FAILURE' },
      },
      ctx,
    );
    expect(f.facts).toEqual({
      network: {
        sessions: [
          {
            at: '2026-11-03T02:11:00.000Z',
            ip: '1.2.3.4',
            kind: 'sign-in',
            country: 'US',
            asn: 7922,
            asOrg: 'comcast',
            proxyReported: true,
            outcome: 'failure',
          },
        ],
      },
    });
    expect(f.keys).toEqual({ emails: ['a@b.example'], aliases: ['00u1'] });
  });

  test('Entra Graph and portal CSV', () => {
    const g = entra.adapt(
      {
        createdDateTime: '2026-11-06T08:45:12Z',
        userPrincipalName: 'u@x.example',
        ipAddress: '5.6.7.8',
        status: { errorCode: 50126 },
        location: { countryOrRegion: 'RU' },
        riskEventTypes_v2: ['anonymizedIPAddress'],
      },
      ctx,
    );
    expect((g.facts.network as { sessions: unknown[] }).sessions[0]).toMatchObject({ country: 'RU', outcome: 'failure', proxyReported: true });
    const { items, headers } = sourceItems(
      'e.csv',
      'Date (UTC),Username,IP address,Location,Status\n2026-11-06 08:45:12,u@x.example,5.6.7.8,"Moscow, Moscow, RU",Success\n',
    );
    expect(detectCsvFormat(headers!)).toBe('entra');
    expect((entra.adapt(items[0]!.value!, ctx).facts.network as { sessions: unknown[] }).sessions[0]).toMatchObject({
      at: '2026-11-06T08:45:12Z',
      country: 'RU',
      outcome: 'success',
    });
  });

  test('Google login audit: regionCode, ipAsn, login_failure', () => {
    const f = googleLogin.adapt(
      {
        kind: 'admin#reports#activity',
        id: { time: '2026-11-01T10:00:00.000Z', applicationName: 'login' },
        actor: { email: 'u@x.example' },
        ipAddress: '9.9.9.9',
        networkInfo: { ipAsn: [19281], regionCode: 'CH' },
        events: [{ type: 'login', name: 'login_failure' }],
      },
      ctx,
    );
    expect((f.facts.network as { sessions: unknown[] }).sessions[0]).toEqual({
      at: '2026-11-01T10:00:00.000Z',
      ip: '9.9.9.9',
      kind: 'sign-in',
      country: 'CH',
      asn: 19281,
      outcome: 'failure',
    });
  });

  test('Zoom: "City (CC)" and the CSV column names', () => {
    const f = zoom.adapt({ user_name: 'A', email: 'a@x.example', join_time: '2026-10-09T18:01:10Z', ip_address: '1.1.1.1', location: 'Shenyang (CN)' }, ctx);
    expect(f.facts).toEqual({ interviews: [{ at: '2026-10-09T18:01:10Z', kind: 'video', ip: '1.1.1.1', country: 'CN' }] });
  });

  test('Onfido: alpha-3 converted, failed breakdown as anomalies, number hashed, nationality and gender dropped', () => {
    const f = onfido.adapt(
      {
        name: 'document',
        result: 'consider',
        check_id: 'c',
        applicant_id: 'onf',
        breakdown: { visual_authenticity: { result: 'consider' } },
        properties: {
          first_name: 'Chol Min',
          last_name: 'Kim',
          issuing_country: 'GBR',
          document_type: 'passport',
          nationality: 'PRK',
          gender: 'Male',
          document_numbers: [{ value: '123456789' }],
        },
      },
      ctx,
    );
    const doc = (f.facts.identity as { documents: Array<Record<string, unknown>> }).documents[0]!;
    expect(doc).toMatchObject({
      type: 'passport',
      issuingCountry: 'GB',
      nameOnDocument: 'Chol Min Kim',
      verified: false,
      anomalies: ['onfido:visual_authenticity'],
    });
    expect(doc.numberHash).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);
    expect(JSON.stringify(f.facts)).not.toMatch(/PRK|Male|123456789/);
    expect(f.dropped).toEqual(['properties.nationality', 'properties.gender']);
  });

  test('Veriff: verdict mapped, vendorData is the applicant id, technicalData.ip an identity-check session', () => {
    const f = veriff.adapt(
      {
        status: 'success',
        verification: {
          status: 'declined',
          reason: 'Physical document not used',
          vendorData: 'cand-9',
          person: { firstName: 'A', lastName: 'B', nationality: 'KP', gender: 'M' },
          document: { number: 'X1', type: 'PASSPORT', country: 'US' },
          riskLabels: [{ label: 'document_face_mismatch', category: 'document' }],
          decisionTime: '2026-10-01T10:00:00.000Z',
        },
        technicalData: { ip: '8.8.4.4' },
      },
      ctx,
    );
    expect(f.keys.id).toBe('cand-9');
    expect(f.facts.network).toEqual({ sessions: [{ at: '2026-10-01T10:00:00.000Z', ip: '8.8.4.4', kind: 'identity-check' }] });
    expect((f.facts.identity as { liveness: unknown[] }).liveness).toEqual([
      { kind: 'face_match', result: 'fail', vendor: 'veriff', at: '2026-10-01T10:00:00.000Z' },
    ]);
    expect(JSON.stringify(f.facts)).not.toMatch(/"KP"|"M"|X1/);
  });

  test('Persona: government-id and selfie checks', () => {
    const f = persona.adapt(
      {
        data: { type: 'inquiry', id: 'inq_1', attributes: { 'reference-id': 'cand-3', status: 'failed' } },
        included: [
          {
            type: 'verification/government-id',
            attributes: {
              status: 'passed',
              'id-class': 'dl',
              'country-code': 'US',
              'name-first': 'Ann',
              'name-last': 'Lee',
              birthdate: '1990-01-02',
              checks: [],
            },
          },
          { type: 'verification/selfie', attributes: { status: 'failed', checks: [{ name: 'selfie_liveness_detection', status: 'failed' }] } },
        ],
      },
      ctx,
    );
    expect(f.keys.id).toBe('cand-3');
    expect(f.facts.identity).toMatchObject({
      documents: [{ type: 'drivers_license', issuingCountry: 'US', nameOnDocument: 'Ann Lee' }],
      liveness: [{ kind: 'liveness', result: 'fail' }],
    });
  });

  test('Jamf: apps, device hash, lastIpAddress as a session', () => {
    const f = jamf.adapt(
      {
        udid: 'U-1',
        general: { name: 'MBP', lastIpAddress: '98.28.1.7', reportDate: '2026-11-10T18:04:13Z' },
        applications: [{ name: 'AnyDesk.app', bundleId: 'com.philandro.anydesk' }],
      },
      ctx,
    );
    const net = f.facts.network as { sessions: Array<Record<string, unknown>>; installedApps: unknown[] };
    expect(net.sessions[0]).toMatchObject({ ip: '98.28.1.7', kind: 'device-inventory' });
    expect(net.installedApps).toHaveLength(1);
    expect(f.keys.aliases).toEqual(['U-1', 'MBP']);
  });

  test('Defender: USB VID/PID from AdditionalFields', () => {
    const f = defender.adapt(
      {
        Timestamp: '2026-11-12T13:20:05.1234567Z',
        DeviceId: 'abc',
        DeviceName: 'lt-1',
        ActionType: 'PnpDeviceConnected',
        AdditionalFields: JSON.stringify({ DeviceDescription: 'USB Input Device', DeviceId: 'USB\\VID_1D6B&PID_0104\\CAFEBABE' }),
      },
      ctx,
    );
    expect((f.facts.network as { usbDevices: unknown[] }).usbDevices[0]).toMatchObject({
      vendorId: '1D6B',
      productId: '0104',
      usbId: '1D6B:0104',
      at: '2026-11-12T13:20:05.1234567Z',
    });
  });

  test('ADP: routing + account become a fingerprint; the raw numbers are kept nowhere', () => {
    const e = {
      data: {
        eventContext: { worker: { associateOID: 'G3' } },
        transform: {
          effectiveDateTime: '2026-11-02',
          payDistribution: {
            distributionInstructions: [
              { depositAccount: { financialParty: { routingTransitID: { idValue: '044000037' } }, financialAccount: { accountNumber: '5566778899' } } },
            ],
          },
        },
      },
    };
    const f = adp.adapt(e, ctx);
    const text = JSON.stringify(f);
    expect(text).not.toMatch(/5566778899|044000037/);
    expect(f.facts).toEqual({ payroll: { changes: [{ at: '2026-11-02', method: 'bank', accountFingerprint: expect.stringMatching(/^hmac-sha256:/) }] } });
    expect(adp.adapt(e, { ...ctx, salt: 'other' }).facts).not.toEqual(f.facts);
  });

  test('envelopes unwrapped; NDJSON read line by line; detection from content', () => {
    expect(sourceItems('l.json', JSON.stringify({ data: [{ id: 'a', name: 'A B', emails: ['a@x.example'] }], hasNext: false })).envelope).toBe('data');
    expect(sourceItems('r.json', JSON.stringify({ kind: 'admin#reports#activities', items: [{ a: 1 }] })).items[0]!.source).toBe('r.json[0]');
    const nd = sourceItems('o.ndjson', '{"a":1}\n{"b":2}\n');
    expect(nd.items.map((i) => i.source)).toEqual(['o.ndjson#1', 'o.ndjson#2']);
    expect(detectRecordFormat({ udid: 'x', general: {} })).toBe('jamf');
    expect(detectRecordFormat({ id: 'x', name: { full: 'A' } })).toBe('applicant');
  });
});

describe('CSV layouts', () => {
  test('a summary table before the participant header is skipped', () => {
    const text =
      'Meeting ID,Topic,Start Time\n123,Interview,2026-10-09T18:00:00Z\n\nuser_name,email,join_time,ip_address,location\nAnn,ann@x.example,2026-10-09T18:01:00Z,1.1.1.1,Oslo (NO)\n';
    const { items, headers } = sourceItems('z.csv', text);
    expect(detectCsvFormat(headers!)).toBe('zoom');
    expect(items.map((i) => i.source)).toEqual(['z.csv#5']);
  });

  test('Entra portal columns with odd spacing', () => {
    const { items } = sourceItems(
      'e.csv',
      'Date (UTC),Username,IP address,Location,Status,Autonomous system  number\n2026-11-06T08:45:12Z,u@x.example,5.6.7.8,"Oslo, Oslo, NO",Failure,2119\n',
    );
    expect((entra.adapt(items[0]!.value!, ctx).facts.network as { sessions: unknown[] }).sessions[0]).toMatchObject({
      asn: 2119,
      outcome: 'failure',
      country: 'NO',
    });
  });
});

describe('ADP single event', () => {
  test('a lone event ({"data": {...}}) is read like one in events[]', () => {
    const { items } = sourceItems(
      'e.json',
      JSON.stringify({
        data: {
          eventContext: { worker: { associateOID: 'G3' } },
          transform: { payDistribution: { distributionInstructions: [{ depositAccount: { financialAccount: { accountNumber: '1' } } }] } },
        },
      }),
    );
    expect(detectRecordFormat(items[0]!.value)).toBe('adp');
    expect(adp.adapt(items[0]!.value!, ctx).keys.aliases).toEqual(['G3']);
  });
});

describe('Persona webhook', () => {
  test('an inquiry.completed event is read like the inquiry it carries', () => {
    const inquiry = {
      data: { type: 'inquiry', id: 'inq_1', attributes: { 'reference-id': 'cand-3' } },
      included: [{ type: 'verification/selfie', attributes: { checks: [{ name: 'selfie_id_comparison', status: 'failed' }] } }],
    };
    const event = { data: { type: 'event', id: 'evt_1', attributes: { name: 'inquiry.completed', payload: inquiry } } };
    const { items } = sourceItems('p.json', JSON.stringify(event));
    expect(detectRecordFormat(items[0]!.value)).toBe('persona');
    const f = persona.adapt(items[0]!.value!, ctx);
    expect(f.keys.id).toBe('cand-3');
    expect(f.facts.identity).toEqual({ liveness: [{ kind: 'face_match', result: 'fail', vendor: 'persona' }] });
  });
});

describe('Jamf Classic API', () => {
  test('a {"computer": …} record: report_date_utc, location e-mail, software applications', () => {
    const c = {
      computer: {
        general: { id: 1, name: 'MBP-1', udid: 'U-1', serial_number: 'C02', ip_address: '98.28.1.7', report_date_utc: '2026-11-10T18:04:13.000+0000' },
        location: { username: 'amy', email_address: 'amy@acme.example' },
        software: { applications: [{ name: 'TeamViewer.app', path: '/Applications/TeamViewer.app', version: '15' }] },
      },
    };
    expect(detectRecordFormat(c)).toBe('jamf');
    const f = jamf.adapt(c, ctx);
    expect(f.keys.emails).toEqual(['amy@acme.example']);
    expect((f.facts.network as { sessions: unknown[] }).sessions[0]).toMatchObject({
      at: '2026-11-10T18:04:13.000+0000',
      ip: '98.28.1.7',
      kind: 'device-inventory',
    });
    expect((f.facts.network as { installedApps: unknown[] }).installedApps).toEqual([expect.objectContaining({ name: 'TeamViewer.app' })]);
  });
});
