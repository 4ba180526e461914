import { describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReportFile } from '../../../src/cli/read-report-file.js';
import { FORMATS } from '../../../src/formats/index.js';
import { fixtureReport } from '../../helpers/fixture-report.js';

describe('readReportFile (merge input, read item by item)', () => {
  const { report, rules } = fixtureReport();
  const withKeys = {
    ...report,
    shard: { index: 1, count: 2, otherShards: 0 },
    linkKeys: [{ id: 'a', source: 's#1', person: 'ff', keys: ['phone/own:00ff:0'] }],
    skipped: [{ path: 'x.txt', reason: 'not JSON' }],
  };

  test.each([
    ['as dprk-check writes it', (d: object) => FORMATS.json.format(d as typeof report, { color: false, rulesCount: 1, rules })],
    ['minified', (d: object) => JSON.stringify(JSON.parse(FORMATS.json.format(d as typeof report, { color: false, rulesCount: 1, rules })))],
    ['with CRLF line ends', (d: object) => FORMATS.json.format(d as typeof report, { color: false, rulesCount: 1, rules }).replace(/\n/g, '\r\n')],
  ])('gives what JSON.parse gives: %s', async (_name, write) => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-read-'));
    try {
      for (const r of [report, withKeys, { ...report, applicants: [], links: [], errors: [] }]) {
        const text = write(r);
        writeFileSync(join(dir, 'r.json'), text);
        expect(await readReportFile(join(dir, 'r.json'))).toEqual(JSON.parse(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('broken JSON is an error either way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-read-'));
    try {
      writeFileSync(join(dir, 'cut.json'), FORMATS.json.format(report, { color: false, rulesCount: 1, rules }).slice(0, 900));
      await expect(readReportFile(join(dir, 'cut.json'))).rejects.toThrow(SyntaxError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('another layout found early: the stream cut short raises no uncaught error after the answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dprk-read-'));
    const uncaught: unknown[] = [];
    const listen = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', listen);
    try {
      // Laid out for two lines, then not: megabytes were still to come when the reader gave up.
      writeFileSync(join(dir, 'odd.json'), `{\n  "a": 1 ,\n${'  \n'.repeat(3_000_000)}}`);
      await expect(readReportFile(join(dir, 'odd.json'))).rejects.toThrow(SyntaxError);
      // The stream's close is reported on a later turn of the event loop.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', listen);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
