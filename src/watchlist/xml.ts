import { ImportError } from './types.js';
import { lookupTable } from '../util/lookup-table.js';

/** An XML element: local name (namespace prefix dropped), attributes, children and its own text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** OFAC's advanced XML nests about ten levels; anything far deeper is not that file. */
const MAX_DEPTH = 64;
const MAX_TEXT = 1_000_000;

// Null-prototype, like every table looked up with keys from data (test/unit/util/lookup-tables.test.ts).
const ENTITIES: Record<string, string> = lookupTable({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * A small non-validating XML reader for list files: elements, attributes, text, comments,
 * processing instructions and CDATA, read in one iterative pass. A DOCTYPE is refused (no entity
 * definitions, so no entity expansion), as are nesting beyond MAX_DEPTH and text beyond MAX_TEXT;
 * every error names the file and line.
 */
export function parseXml(text: string, file: string): XmlElement {
  const lineAt = (i: number) => {
    let n = 1;
    for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) n++;
    return n;
  };
  const fail = (i: number, what: string) => new ImportError(`${file}:${lineAt(i)}: ${what}`);
  const root: XmlElement = { name: '#document', attrs: Object.create(null) as Record<string, string>, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const addText = (s: string, at: number) => {
    // Whitespace between elements is layout, not data (and would pile up under a long list).
    if (!s.trim()) return;
    const top = stack[stack.length - 1]!;
    if (top === root) throw fail(at, 'text outside the root element: not an XML list file');
    if (top.text.length + s.length > MAX_TEXT)
      throw fail(at, `an element holds more than ${MAX_TEXT.toLocaleString('en-US')} characters of text; is the file damaged?`);
    top.text += s;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(decode(text.slice(i)), i);
      break;
    }
    if (lt > i) addText(decode(text.slice(i, lt)), i);
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt);
      if (end < 0) throw fail(lt, 'a processing instruction is never closed');
      i = end + 2;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt);
      if (end < 0) throw fail(lt, 'a comment is never closed');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      if (end < 0) throw fail(lt, 'a CDATA section is never closed');
      addText(text.slice(lt + 9, end), lt);
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      throw fail(lt, 'a DOCTYPE or other declaration: not read (list files have none)');
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) throw fail(lt, 'a closing tag is never closed');
      const name = local(text.slice(lt + 2, end).trim());
      const top = stack.pop()!;
      if (top === root || top.name !== name) throw fail(lt, `</${name}> does not close <${top === root ? '' : top.name}>`);
      i = end + 1;
    } else {
      // A start tag: scan to its '>' outside quoted attribute values.
      let k = lt + 1;
      let quote = 0;
      for (; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (k >= text.length) throw fail(lt, 'a tag is never closed');
      const selfClosing = text.charCodeAt(k - 1) === 47;
      const body = text.slice(lt + 1, selfClosing ? k - 1 : k);
      const m = /^([A-Za-z_][\w.:-]*)/.exec(body);
      if (!m) throw fail(lt, 'a tag without a name');
      const attrs = Object.create(null) as Record<string, string>;
      const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
      ATTR.lastIndex = m[1]!.length;
      for (let a = ATTR.exec(body); a; a = ATTR.exec(body)) attrs[local(a[1]!)] = decode(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: local(m[1]!), attrs, children: [], text: '' };
      stack[stack.length - 1]!.children.push(el);
      if (!selfClosing) {
        if (stack.length > MAX_DEPTH) throw fail(lt, `elements nested more than ${MAX_DEPTH} deep: not a list file`);
        stack.push(el);
      }
      i = k + 1;
    }
  }
  if (stack.length > 1) throw fail(text.length, `<${stack[stack.length - 1]!.name}> is never closed (the file may be cut short)`);
  return root;
}

/** Children of `el` by local name. */
export const kids = (el: XmlElement | undefined, name: string): XmlElement[] => (el ? el.children.filter((c) => c.name === name) : []);
export const kid = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
/** Descendants along a path of local names ("Identity/Alias"). */
export function path(el: XmlElement | undefined, p: string): XmlElement[] {
  let at = el ? [el] : [];
  for (const step of p.split('/')) at = at.flatMap((e) => kids(e, step));
  return at;
}
