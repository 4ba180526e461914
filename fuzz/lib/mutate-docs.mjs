// Mutations of rule files, configuration files and sanctions-list CSVs.
import { stringify, parse } from 'yaml';

const FIELDS = [
  'name.full',
  'contact.emails[]',
  'contact.phones[]',
  'contact.addresses[].line1',
  'derived.emails[].domain',
  'employment[].employer',
  '__proto__',
  'constructor',
  'toString',
  'name.__proto__',
  'contact.constructor.name',
  'a'.repeat(300),
  'x[][][].y',
  '',
  '[]',
  'name..full',
  'derived.nope',
];
const OPERATORS = [
  'equals',
  'in',
  'contains',
  'startsWith',
  'endsWith',
  'regex',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'cidr',
  'between',
  'matches',
  '__proto__',
  'constructor',
];
// Pieces of regular expressions; composing them may give a catastrophic one: the screen must see it.
const REGEX_PARTS = [
  'a',
  '.',
  '\\w',
  '\\d',
  '[a-z]',
  '[^]',
  '(?:a|b)',
  '(a)',
  '+',
  '*',
  '?',
  '{0,3}',
  '{2,}',
  '|',
  '^',
  '$',
  '\\p{L}',
  '(?=a)',
  '\\1',
  '[',
  ')',
  '\\',
];
const TEMPLATES = [
  '{{__proto__}}',
  '{{constructor}}',
  '{{toString}}',
  '{{name.full}}',
  '{{',
  '}}',
  '{{a.b.c.d}}',
  '{{contact.emails[]}}',
  '{{ name.full }}',
  '{{{{x}}}}',
];
const SCALARS = [null, true, 0, -1, 1e21, '', 'x', [], {}, '__proto__', 'constructor', 'a'.repeat(5000), '\u0000', '\u202e', '*', '**'];

function randomRegex(r) {
  const n = r.range(1, 8);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(REGEX_PARTS);
  return s;
}

/** Visit every node of a parsed YAML value; returns [parent, key] pairs. */
function slots(root) {
  const out = [];
  const walk = (node, depth) => {
    if (depth > 10 || node === null || typeof node !== 'object') return;
    for (const k of Object.keys(node)) {
      out.push([node, k]);
      walk(node[k], depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

function mutateTree(r, tree, extra) {
  const all = slots(tree);
  if (!all.length) return 'empty';
  const [parent, key] = r.pick(all);
  switch (r.int(7 + extra.length)) {
    case 0:
      delete parent[key];
      return `deleted ${key}`;
    case 1:
      parent[key] = r.pick(SCALARS);
      return `${key} → ${JSON.stringify(parent[key]).slice(0, 40)}`;
    case 2:
      parent[r.pick(['__proto__', 'constructor', 'toString', 'unknownKey', 'prototype'])] = r.pick(SCALARS);
      return `added an odd key beside ${key}`;
    case 3:
      parent[key] = { field: r.pick(FIELDS), [r.pick(OPERATORS)]: r.pick([...SCALARS, randomRegex(r)]) };
      return `${key} → a random condition`;
    case 4:
      parent[key] = randomRegex(r);
      return `${key} → regex-like ${JSON.stringify(parent[key])}`;
    case 5:
      parent[key] = Array.from({ length: r.pick([2, 50, 2000]) }, () => structuredClone(parent[key] ?? null));
      return `${key} → repeated`;
    case 6: {
      let v = 'x';
      const d = r.pick([20, 200, 2000]);
      for (let i = 0; i < d; i++) v = { any: [v] };
      parent[key] = v;
      return `${key} → nested ${d} deep`;
    }
    default:
      return extra[r.int(extra.length)](r, tree, parent, key);
  }
}

/** Damage at the text level: YAML the parser has to refuse well. */
function mutateYamlText(r, text) {
  switch (r.int(6)) {
    case 0: {
      const at = r.int(text.length);
      return [text.slice(0, at), `truncated at ${at}`];
    }
    case 1:
      return [text.replace(/\n {2}/, '\n\t'), 'a tab in the indentation'];
    case 2:
      return [
        `a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n${text}`,
        'alias expansion',
      ];
    case 3:
      return [text.replace(/^(\w+):/m, '$1:\n$1:'), 'duplicate key'];
    case 4: {
      const at = r.int(text.length);
      const ch = r.pick(['"', "'", ':', '- ', '{', '[', '!!js/function', '!!binary', '%YAML 1.1\n', '---\n', '\u0000', '\uFEFF', '&x ', '*x']);
      return [text.slice(0, at) + ch + text.slice(at), `inserted ${JSON.stringify(ch)}`];
    }
    default:
      return ['\uFEFF' + text, 'BOM'];
  }
}

const ruleExtras = [
  (r, tree) => {
    tree.message = `${tree.message ?? ''} ${r.pick(TEMPLATES)}`;
    return 'template in message';
  },
  (r, tree) => {
    tree.requires = r.pick([['toString'], ['__proto__'], ['constructor'], [], [123], 'name.full', [r.pick(FIELDS)]]);
    return `requires → ${JSON.stringify(tree.requires)}`;
  },
  (r, tree) => {
    tree.severity = r.pick(['info', 'low', 'critical', 'CRITICAL', 'fatal', 5, '__proto__']);
    return `severity → ${tree.severity}`;
  },
  (r, tree) => {
    tree.match = { field: r.pick(FIELDS), regex: randomRegex(r) };
    return `match → regex ${tree.match.regex}`;
  },
];

/** YAML text; JSON (which YAML reads too) where the tree is too deep for the YAML writer. */
function toYaml(tree) {
  try {
    return stringify(tree, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return `${JSON.stringify(tree)}\n`;
  }
}

/** One fuzzed rule file from a seed rule's YAML text. The id is kept so the file name matches. */
export function mutateRule(r, text) {
  const notes = [];
  let out;
  if (r.chance(0.8)) {
    const tree = parse(text);
    for (let i = r.range(1, 3); i > 0; i--) notes.push(mutateTree(r, tree, ruleExtras));
    out = toYaml(tree);
  } else out = text;
  if (r.chance(0.2)) {
    const [t, n] = mutateYamlText(r, out);
    out = t;
    notes.push(n);
  }
  return { text: out, note: notes.join('; ') };
}

const GLOBS = [
  '*',
  'identity.*',
  '*.*',
  'network.*-*',
  '*email*',
  '?',
  '[a-z]',
  '(',
  ')',
  '\\',
  '.*',
  '+',
  'identity.disposable-email',
  'nope.*',
  '**',
  '*'.repeat(4) + 'x',
  'a*b*c*d',
];
const configExtras = [
  (r, tree) => {
    tree.disable = Array.from({ length: r.range(1, 4) }, () => r.pick(GLOBS));
    return `disable → ${JSON.stringify(tree.disable)}`;
  },
  (r, tree) => {
    tree.severity = { [r.pick(GLOBS)]: r.pick(['low', 'high', 'nope', 3, null]) };
    return `severity → ${JSON.stringify(tree.severity)}`;
  },
  (r, tree) => {
    tree.exceptions = [
      {
        id: r.pick(['x', '__proto__', '', 'constructor']),
        rule: r.pick(GLOBS),
        reason: 'fuzz',
        when: { field: r.pick(FIELDS), [r.pick(OPERATORS)]: r.pick(SCALARS) },
      },
    ];
    return `exception → ${JSON.stringify(tree.exceptions[0]).slice(0, 80)}`;
  },
  (r, tree) => {
    tree.defaults = { [r.pick(['failOn', 'format', 'strict', 'redact', '__proto__', 'nope'])]: r.pick([...SCALARS, 'json', 'never']) };
    return 'defaults mutated';
  },
  (r, tree) => {
    tree.lists = { [r.pick(['remote-access-software', '__proto__', 'nope'])]: [{ value: r.pick(SCALARS) }] };
    return 'lists mutated';
  },
];

/** One fuzzed .dprk-check.yaml from a seed. */
export function mutateConfig(r, text) {
  const tree = parse(text) ?? {};
  const notes = [];
  for (let i = r.range(1, 3); i > 0; i--) notes.push(mutateTree(r, tree, configExtras));
  // Pack paths are never fuzzed: a path to a device would be a different (regression) test.
  delete tree.rules;
  let out = toYaml(tree);
  if (r.chance(0.15)) {
    const [t, n] = mutateYamlText(r, out);
    out = t;
    notes.push(n);
  }
  return { text: out, note: notes.join('; ') };
}

const CELLS = [
  '',
  '"',
  '""',
  '"a""b"',
  '-0- ',
  'DPRK',
  'DPRK3] [DPRK4',
  '__proto__',
  'constructor',
  'Constructor Trading',
  '\u001a',
  '\uFEFF',
  '\u0000',
  'Email Address x@y.test; Email Address z@w.test',
  'Digital Currency Address - ETH 0x' + 'a'.repeat(40),
  "a.k.a. 'KOMID'",
  'Website www.x.test',
  'individual',
  'vessel',
  '김정은',
  'a'.repeat(20000),
  'x\ny',
  'x\r\ny',
  '12',
  '-1',
  '1e21',
];

/** Split CSV text into rows of raw cells (quotes kept), loosely: mutation only needs the shape. */
const rowsOf = (text) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.length)
    .map((l) =>
      l
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
        .map((c) => c.replace(/,$/, ''))
        .slice(0, -1),
    );

/** One fuzzed sanctions CSV (OFAC sdn/alt layout or OpenSanctions targets.simple) from a seed. */
export function mutateCsv(r, text) {
  let rows = rowsOf(text);
  const notes = [];
  for (let i = r.range(1, 3); i > 0; i--) {
    const row = rows.length ? r.int(rows.length) : 0;
    switch (r.int(8)) {
      case 0: {
        if (!rows[row]) break;
        const c = r.int(rows[row].length);
        const v = r.pick(CELLS);
        rows[row][c] = r.chance(0.6) ? `"${v.replace(/"/g, '""')}"` : v;
        notes.push(`row ${row + 1} cell ${c + 1} → ${JSON.stringify(v).slice(0, 30)}`);
        break;
      }
      case 1:
        if (rows[row]) rows[row].splice(r.int(rows[row].length), 1);
        notes.push(`row ${row + 1} lost a cell`);
        break;
      case 2:
        if (rows[row]) rows[row].push(r.pick(CELLS));
        notes.push(`row ${row + 1} gained a cell`);
        break;
      case 3: {
        const n = r.pick([10, 500, 3000]);
        const body = rows.slice(/^id,/.test(text) ? 1 : 0);
        if (body.length)
          rows = [
            ...rows,
            ...Array.from({ length: n }, (_, k) => body[k % body.length].map((c, j) => (j === 0 ? (/^\d+$/.test(c) ? String(100000 + k) : `fuzz-${k}`) : c))),
          ];
        notes.push(`${n} more rows`);
        break;
      }
      case 4:
        rows.splice(row, 1);
        notes.push(`row ${row + 1} removed`);
        break;
      case 5:
        rows.push(['\u001a']);
        notes.push('Ctrl-Z line at the end');
        break;
      case 6:
        if (rows[row]) rows[row] = rows[row].map(() => r.pick(CELLS));
        notes.push(`row ${row + 1} all odd cells`);
        break;
      default:
        notes.push('unchanged rows');
    }
  }
  const eol = r.pick(['\n', '\r\n', '\r']);
  let out = rows.map((cells) => cells.join(',')).join(eol) + (r.chance(0.8) ? eol : '');
  if (r.chance(0.1)) out = '\uFEFF' + out;
  if (r.chance(0.1)) {
    const at = r.int(out.length);
    out = out.slice(0, at) + '"' + out.slice(at);
    notes.push('stray quote');
  }
  if (eol !== '\n') notes.push(`line ends ${JSON.stringify(eol)}`);
  return { text: out, note: notes.join('; ') };
}
