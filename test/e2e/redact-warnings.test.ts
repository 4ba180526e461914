import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/program.js';
import { FORMAT_NAMES, FORMATS } from '../../src/formats/index.js';
import { unescapeAll } from '../helpers/fixture-report.js';
import { memoryIO } from '../helpers/memory-io.js';

/**
 * The warnings about a session IP that cannot be read and a phone number that cannot be parsed
 * quote the value: those values have no shape of personal data (an IP with an octet of 700, "ask
 * for Margot"), so the shape pass cannot find them. Every masked output — each format with
 * --redact, the formats masked by default without it, and the same after shard + merge — is
 * searched for every raw value.
 */

const RAW = {
  badOctet: '98.28.1.700',
  zoneId: 'fe80::1%eth-quarterfield',
  hostname: 'host-quarterfield.lan',
  privateIp: '10.0.0.7',
  words: 'ask for Margot',
  evenings: 'home, evenings 9pm',
};

const RECORDS = [
  {
    id: 'cand-601',
    name: { full: 'Ottoline Quarterfield' },
    claimedLocation: { country: 'US' },
    contact: { emails: ['oq@example.com'], phones: [RAW.words] },
    references: [{ name: 'Margot Feldstein', relationship: 'manager', phone: RAW.evenings }],
    network: {
      sessions: [
        { at: '2026-09-02T15:04:05Z', ip: RAW.badOctet, kind: 'login' },
        { at: '2026-09-02T16:04:05Z', ip: RAW.zoneId, kind: 'login' },
        { at: '2026-09-02T17:04:05Z', ip: RAW.hostname, kind: 'application' },
        { at: '2026-09-02T18:04:05Z', ip: RAW.privateIp, kind: 'login' },
      ],
    },
  },
  { id: 'cand-602', name: { full: 'Barnaby Wexcombe' }, claimedLocation: { country: 'US' }, contact: { phones: ['+1 301 555 0188'] } },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dprk-redact-warnings-'));
  writeFileSync(join(dir, 'w.ndjson'), `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const leaks = (text: string) => {
  const plain = unescapeAll(text);
  return Object.values(RAW).filter((v) => text.includes(v) || plain.includes(v));
};

async function cli(args: string[]) {
  const m = memoryIO(dir);
  const code = await run(['--no-config', ...args], m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

describe('warnings quoting an unreadable IP or phone number are masked in every masked output', () => {
  test('unmasked, the JSON report quotes every raw value in its warnings (the search can fail)', async () => {
    const r = await cli(['-f', 'json', 'w.ndjson']);
    const warnings = (JSON.parse(r.stdout) as { applicants: Array<{ warnings?: string[] }> }).applicants.flatMap((a) => a.warnings ?? []);
    expect(leaks(warnings.join('\n')).sort()).toEqual(Object.values(RAW).sort());
  });

  test.each(FORMAT_NAMES)('single run, --redact -f %s (and without --redact when the format masks by default)', async (format) => {
    const runs = [['--redact'], ...(FORMATS[format].redactByDefault ? [[]] : [])];
    for (const extra of runs) {
      const out = `single-${extra.length}.${format}`;
      const r = await cli([...extra, '-f', `${format}:${out}`, 'w.ndjson']);
      expect(r.code).toBe(0);
      expect({ format, extra, leaks: leaks(readFileSync(join(dir, out), 'utf8')) }).toEqual({ format, extra, leaks: [] });
      expect({ format, extra, stderr: leaks(r.stderr) }).toEqual({ format, extra, stderr: [] });
    }
  });

  test('the masked text and JSON still say which field could not be read, and as what', async () => {
    const r = await cli(['--redact', '-f', 'json', 'w.ndjson']);
    const warnings = (JSON.parse(r.stdout) as { applicants: Array<{ warnings?: string[] }> }).applicants[0]!.warnings!;
    expect(warnings).toContain(
      'network.sessions[0].ip [IP address] is not an IPv4 or IPv6 address — not geolocatable; this session is not placed, the rest of the record is checked',
    );
    expect(warnings).toContain('contact.phones[0] [phone] cannot be read as a phone number; it is left out of phone checks and links');
    expect(warnings).toContain('references[0].phone [phone] cannot be read as a phone number; it is left out of phone checks and links');
  });

  test('shard + merge: every format with --redact, and the masked-by-default ones without it', async () => {
    for (const i of [1, 2]) await cli(['--shard', `${i}/2`, '-f', `json:shard-${i}.json`, 'w.ndjson']);
    const shards = ['shard-1.json', 'shard-2.json'];
    expect(leaks(shards.map((f) => readFileSync(join(dir, f), 'utf8')).join('')).length).toBe(Object.values(RAW).length);
    for (const format of FORMAT_NAMES) {
      for (const extra of [['--redact'], ...(FORMATS[format].redactByDefault ? [[]] : [])]) {
        const out = `merged-${extra.length}.${format}`;
        const r = await cli(['merge', ...extra, '-f', `${format}:${out}`, ...shards]);
        expect({ format, extra, leaks: leaks(readFileSync(join(dir, out), 'utf8')) }).toEqual({ format, extra, leaks: [] });
        expect({ format, extra, stderr: leaks(r.stderr) }).toEqual({ format, extra, stderr: [] });
      }
    }
  });
});
