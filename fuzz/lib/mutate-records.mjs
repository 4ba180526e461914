// Mutations of applicant records. Each returns one NDJSON line (a string, which may be broken JSON
// on purpose) and a short description of what was done, for the report and for regressions.

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
const UNICODE = [
  '\u0000',
  '\uFEFF',
  '\u200B\u200C\u200D',
  '\u202E' + 'evil' + '\u202C',
  '\uD800',
  '\uDFFF',
  'a\u0301\u0301\u0301',
  '🇰🇵',
  '👩‍💻',
  '\u001b[2J\u001b[H',
  '\u001b]0;title\u0007',
  '\u0085',
  '\u2028\u2029',
  'İı',
  'ß',
  'ﬀ',
  'Ⅻ',
  '\u3000',
  'Ａｃｍｅ',
  '김정은',
  'Пётр',
  'ʿAlī',
  '\r\n::error::injected',
  '%0A::warning::x',
  '"\'\\',
  '<script>',
  '{{name.full}}',
  '${x}',
  '\t',
  ' '.repeat(50),
];
const ODD_DATES = [
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T23:59:60Z',
  '-002026-01-01',
  '+275760-09-13T00:00:00.000Z',
  '2026-11-10 10:00',
  '2026-13-01',
  '1e21',
  1e21,
  -1e21,
  0,
  -1,
  8.64e15 + 1,
  'yesterday',
  '',
  '2026',
  '2026-1-1',
  '2026-W45',
  'T10:00',
  '2026-10-10T25:61:61Z',
  null,
  '1970-01-01T00:00:00+14:01',
  '2026-10-10T10:00:00.123456789Z',
];
const IPS = [
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '::ffff:175.45.176.1',
  '175.45.176.1',
  'fe80::1%eth0',
  '::',
  '0.0.0.0',
  '255.255.255.255',
  '1.2.3.4/33',
  '2001:db8::/129',
  '[::1]',
  '1.2.3.4:80',
  ' 1.2.3.4',
  '1.2.3.4\u0000',
  '१.२.३.४',
  '0x7f.0.0.1',
  '2130706433',
  '::1:2:3:4:5:6:7:8',
  '',
];
const PHONES = [
  '+850 2 381 4410',
  '+1 (614) 555-0178 ext. 12',
  '++1 614',
  '+0',
  '0',
  '+' + '9'.repeat(40),
  '+1 614 555 0178;+1 614 555 0179',
  '+８５０ ２',
  'tel:+1-614-555-0178',
  'call me',
  '+1\u00a0614\u00a0555\u00a00178',
  '+44 (0) 20 7946 0000',
  '+1 800 FLOWERS',
];
const WORDS = ['Constructor', 'constructor', 'Prototype', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'Object', 'undefined', 'null', 'NaN'];

/** Paths to every value in a JSON tree, with their parent and key. */
function slots(root) {
  const out = [];
  const walk = (node, depth) => {
    if (depth > 12 || node === null || typeof node !== 'object') return;
    for (const k of Object.keys(node)) {
      out.push({ parent: node, key: k, value: node[k] });
      walk(node[k], depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

function nest(depth, leaf, array) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

const typeVariants = (r) =>
  r.pick([null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 1e21, '', 'x', [], {}, [null], { '': '' }, '0', 'true', [1, 'a', null, {}]]);

/** One structural mutation of a parsed record, in place. */
function mutateValue(r, rec) {
  const all = slots(rec);
  if (!all.length) return 'no slots';
  const s = r.pick(all);
  const key = /^\d+$/.test(s.key) ? `[${s.key}]` : s.key;
  switch (r.int(12)) {
    case 0:
      if (Array.isArray(s.parent)) s.parent.splice(Number(s.key), 1);
      else delete s.parent[s.key];
      return `deleted ${key}`;
    case 1:
      s.parent[s.key] = typeVariants(r);
      return `${key} → ${JSON.stringify(s.parent[s.key])}`;
    case 2: {
      const n = r.pick([200, 5000, 70000]);
      s.parent[s.key] = r.pick(['a', 'é', '😀', ' ', '\\', 'ab ']).repeat(n);
      return `${key} → a ${n}-times string`;
    }
    case 3: {
      const d = r.pick([50, 500, 2000]);
      s.parent[s.key] = nest(d, 'x', r.chance(0.5));
      return `${key} → nested ${d} deep`;
    }
    case 4: {
      const u = r.pick(UNICODE);
      s.parent[s.key] = typeof s.value === 'string' && r.chance(0.5) ? s.value + u : u;
      return `${key} → unicode ${JSON.stringify(u).slice(0, 30)}`;
    }
    case 5: {
      const d = r.pick(ODD_DATES);
      s.parent[s.key] = d;
      return `${key} → date ${JSON.stringify(d)}`;
    }
    case 6: {
      const ip = r.pick(IPS);
      s.parent[s.key] = ip;
      return `${key} → ip ${JSON.stringify(ip)}`;
    }
    case 7: {
      const ph = r.pick(PHONES);
      s.parent[s.key] = ph;
      return `${key} → phone ${JSON.stringify(ph)}`;
    }
    case 8: {
      const w = r.pick(WORDS);
      s.parent[s.key] = typeof s.value === 'string' ? `${r.int(99)} ${w} ${s.value}` : w;
      return `${key} → word ${w}`;
    }
    case 9: {
      const n = r.pick([50, 1000, 5000]);
      s.parent[s.key] = Array.from({ length: n }, (_, i) => r.pick([i, `${i}`, null, { id: i }, `+1 614 555 ${String(i % 10000).padStart(4, '0')}`]));
      return `${key} → array of ${n}`;
    }
    case 10: {
      const target = s.value && typeof s.value === 'object' && !Array.isArray(s.value) ? s.value : s.parent;
      const pk = r.pick(PROTO_KEYS);
      target[`\u0000PROTO:${pk}`] = r.pick([{ polluted: 'yes', isAdmin: true }, 'x', 1, null, []]);
      return `proto key ${pk} under ${key}`;
    }
    default: {
      // A same-typed neighbour: a value from elsewhere in the record.
      s.parent[s.key] = JSON.parse(JSON.stringify(r.pick(all).value) ?? 'null');
      return `${key} → another field's value`;
    }
  }
}

/** Text-level damage to an already serialised line. */
function mutateText(r, line) {
  switch (r.int(6)) {
    case 0: {
      const at = r.int(line.length);
      return [line.slice(0, at), `truncated at ${at}`];
    }
    case 1: {
      const at = r.int(line.length);
      const ch = r.pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\u001a', '\t', 'NaN', 'Infinity', '\\u']);
      return [line.slice(0, at) + ch + line.slice(at), `inserted ${JSON.stringify(ch)} at ${at}`];
    }
    case 2: {
      // Rare: a batch that dies on it (today) checks nothing else.
      if (!r.chance(0.3)) return ['\uFEFF' + line, 'BOM before the line'];
      const d = r.pick([1000, 8000, 20000]);
      return ['['.repeat(d) + (r.chance(0.5) ? ']'.repeat(d - 1) : ''), `unbalanced ${d}-deep array line`];
    }
    case 3:
      return ['\uFEFF' + line, 'BOM before the line'];
    case 4: {
      // A duplicate key: JSON.parse keeps the last one.
      return [line.replace(/^\{/, '{"id": {"dup": true}, '), 'duplicate id key'];
    }
    default:
      return [r.pick(['null', '0', '"string"', '[]', '{}', 'true', '[{"id":"x","name":{"full":"y"}}]']), 'a non-object JSON line'];
  }
}

/** One fuzzed NDJSON line from a seed record (an object). */
export function mutateRecord(r, seed, index) {
  const rec = structuredClone(seed);
  if (typeof rec === 'object' && rec && !Array.isArray(rec) && r.chance(0.7)) rec.id = `fuzz-${index}`;
  const notes = [];
  const n = r.range(1, 4);
  let rec2 = rec;
  for (let i = 0; i < n; i++) {
    // Keep a record under ~3 MB: big enough for the size limits, small enough for a fast batch.
    const before = JSON.stringify(rec2);
    const note = mutateValue(r, rec2);
    let size = 0;
    try {
      size = JSON.stringify(rec2).length;
    } catch {
      size = Infinity;
    }
    if (size > 3e6) rec2 = JSON.parse(before);
    else notes.push(note);
  }
  // Protected-key markers become real `"__proto__"` keys in the text: JSON.parse makes them own keys.
  let line = JSON.stringify(rec2).replace(/"\\u0000PROTO:([^"]+)"/g, '"$1"');
  if (r.chance(0.08)) {
    const [l, note] = mutateText(r, line);
    line = l;
    notes.push(note);
  }
  // NDJSON: one line per record; a raw line break would make it two.
  line = line.replace(/\r?\n/g, ' ');
  return { line, note: notes.join('; ') };
}
