// The compact IP → AS table format read by src/intel/asn-table.ts (layout in build-ip-data.mjs).
// Separate from the build script so tests can build small tables from CSV text.
export const FORMAT = 1;

/** One CSV line with optional double quotes ("Cloudflare, Inc." and "" escapes). */
export function splitCsvLine(line) {
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

/** CSV text `start,end,asn,org` (numeric addresses, sorted) → table bytes and counts. */
export function buildTable(text, family, label = 'ASN CSV') {
  const width = family === 4 ? 1 : 4;
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
    if (end < start) throw new Error(`${label}: range ends before it starts: ${line}`);
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
