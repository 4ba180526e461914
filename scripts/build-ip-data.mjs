#!/usr/bin/env node
// Build the offline IP data the tool ships in data/ip/ from the installed npm packages (never the
// network): the ip-location-db country .mmdb files are copied as they are, and the ip-location-db
// ASN CSVs (32 MB of text) become two compact binary tables read in place at run time.
// Skips the work when data/ip/meta.json already describes the installed package versions.
//
// Binary table layout (little-endian, every section 4-byte aligned), read by src/intel/asn-table.ts:
//   header (32 bytes): "DPAS", format u32 = 1, family u32 (4 | 6), ranges u32 (N), asns u32 (M),
//                      orgBytes u32 (B), 8 reserved bytes
//   starts  u32[N * W]   range start addresses, W = 1 (IPv4) or 4 (IPv6, most significant word first)
//   ends    u32[N * W]   inclusive range ends
//   refs    u32[N]       index into the AS table
//   asns    u32[M]       AS numbers
//   orgOff  u32[M + 1]   byte offsets of each organisation name in the blob
//   blob    u8[B]        UTF-8 organisation names
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader } from 'mmdb-lib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'data', 'ip');
const require = createRequire(join(ROOT, 'package.json'));
const FORMAT = 1;

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function versionOf(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/** ip-location-db versions are 2.3.YYYYMMDDHH: the data build date. */
function dateFromVersion(version) {
  const m = /\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** One CSV line with optional double quotes ("Cloudflare, Inc." and "" escapes). */
function splitCsvLine(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++; // the comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function words(value, width) {
  const w = [];
  for (let k = width - 1; k >= 0; k--) w.push(Number((value >> BigInt(32 * k)) & 0xffffffffn));
  return w;
}

function buildTable(csvFile, family) {
  const width = family === 4 ? 1 : 4;
  const text = readFileSync(csvFile, 'utf8');
  const asIndex = new Map();
  const asns = [];
  const orgs = [];
  const starts = [];
  const ends = [];
  const refs = [];
  let prevEnd = -1n;
  let clipped = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const [s, e, asn, org = ''] = splitCsvLine(line);
    let start = BigInt(s);
    const end = BigInt(e);
    if (end < start) throw new Error(`${csvFile}: range ends before it starts: ${line}`);
    // The upstream data has a few overlapping ranges (its README warns of bugs): the earlier range
    // keeps the overlap, so lookups stay a plain binary search.
    if (start <= prevEnd) {
      clipped++;
      if (end <= prevEnd) continue;
      start = prevEnd + 1n;
    }
    const key = `${asn}\t${org}`;
    let ref = asIndex.get(key);
    if (ref === undefined) {
      ref = asns.length;
      asIndex.set(key, ref);
      asns.push(Number(asn));
      orgs.push(org);
    }
    // Adjacent ranges of the same network are one range.
    if (refs.length && refs[refs.length - 1] === ref && start === prevEnd + 1n) ends[ends.length - 1] = end;
    else {
      starts.push(start);
      ends.push(end);
      refs.push(ref);
    }
    prevEnd = end;
  }
  const n = starts.length;
  const m = asns.length;
  const orgBytes = orgs.map((o) => Buffer.from(o, 'utf8'));
  const blobLen = orgBytes.reduce((a, b) => a + b.length, 0);
  const u32count = 2 * n * width + n + m + (m + 1);
  const buf = Buffer.alloc(32 + u32count * 4 + blobLen);
  buf.write('DPAS', 0, 'ascii');
  buf.writeUInt32LE(FORMAT, 4);
  buf.writeUInt32LE(family, 8);
  buf.writeUInt32LE(n, 12);
  buf.writeUInt32LE(m, 16);
  buf.writeUInt32LE(blobLen, 20);
  let off = 32;
  const put = (v) => {
    buf.writeUInt32LE(v >>> 0, off);
    off += 4;
  };
  for (const s of starts) for (const w of words(s, width)) put(w);
  for (const e of ends) for (const w of words(e, width)) put(w);
  for (const r of refs) put(r);
  for (const a of asns) put(a);
  let blobOff = 0;
  for (const b of orgBytes) {
    put(blobOff);
    blobOff += b.length;
  }
  put(blobOff);
  for (const b of orgBytes) {
    b.copy(buf, off);
    off += b.length;
  }
  return { buf, ranges: n, asns: m, clipped };
}

function main() {
  const countryDir = packageDir('@ip-location-db/geo-whois-asn-country-mmdb');
  const asnDir = packageDir('@ip-location-db/asn');
  const metaFile = join(OUT, 'meta.json');
  if (!countryDir || !asnDir) {
    const msg = existsSync(metaFile)
      ? 'keeping the IP data already in data/ip/'
      : 'data/ip/ is empty: IP → country / ASN lookups will report that the data is missing';
    console.warn(`build-ip-data: the @ip-location-db packages are not installed (devDependencies); ${msg}.`);
    return;
  }
  const countryVersion = versionOf(countryDir);
  const asnVersion = versionOf(asnDir);
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    const files = [meta.country?.files?.['4'], meta.country?.files?.['6'], meta.asn?.files?.['4'], meta.asn?.files?.['6']];
    if (meta.format === FORMAT && meta.country?.version === countryVersion && meta.asn?.version === asnVersion && files.every((f) => f && existsSync(join(OUT, f)))) return;
  }
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const country = { 4: 'country-v4.mmdb', 6: 'country-v6.mmdb' };
  copyFileSync(join(countryDir, 'geo-whois-asn-country-ipv4.mmdb'), join(OUT, country[4]));
  copyFileSync(join(countryDir, 'geo-whois-asn-country-ipv6.mmdb'), join(OUT, country[6]));
  const epoch = new Reader(readFileSync(join(OUT, country[4]))).metadata.buildEpoch;
  const asn = { 4: 'asn-v4.bin', 6: 'asn-v6.bin' };
  const v4 = buildTable(join(asnDir, 'asn-ipv4-num.csv'), 4);
  const v6 = buildTable(join(asnDir, 'asn-ipv6-num.csv'), 6);
  writeFileSync(join(OUT, asn[4]), v4.buf);
  writeFileSync(join(OUT, asn[6]), v6.buf);
  const meta = {
    format: FORMAT,
    note: 'Generated by scripts/build-ip-data.mjs from the installed npm packages; do not edit.',
    country: {
      name: 'ip-location-db geo-whois-asn-country',
      package: '@ip-location-db/geo-whois-asn-country-mmdb',
      version: countryVersion,
      date: epoch instanceof Date ? epoch.toISOString().slice(0, 10) : dateFromVersion(countryVersion),
      licence: 'CC BY 4.0 — data from the Number Resource Organization (nro.net) RIR whois and ASN data, and published ISP geofeeds',
      url: 'https://github.com/sapics/ip-location-db',
      files: country,
    },
    asn: {
      name: 'ip-location-db asn',
      package: '@ip-location-db/asn',
      version: asnVersion,
      date: dateFromVersion(asnVersion),
      licence: 'CC BY 4.0 — RouteViews (routeviews.org), DB-IP IP to ASN Lite (db-ip.com), NRO (nro.net)',
      url: 'https://github.com/sapics/ip-location-db',
      files: asn,
      ranges: { 4: v4.ranges, 6: v6.ranges },
    },
  };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`build-ip-data: data/ip/ built in ${Date.now() - started} ms (${v4.ranges} IPv4 and ${v6.ranges} IPv6 AS ranges; ${v4.clipped + v6.clipped} overlapping upstream ranges clipped)`);
}

main();
