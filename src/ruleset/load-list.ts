import type { Diagnostic } from '../model/diagnostic.js';
import type { ListEntry, ListKind, NamedList } from '../model/list.js';
import type { Reference } from '../model/rule.js';
import { parseCidr } from '../normalize/ip.js';
import { readSchema, validatorFor } from '../validate/ajv.js';
import { ajvDiagnostics } from '../yaml/ajv-diagnostics.js';
import { diagnosticAt, type YamlSource } from '../yaml/yaml-source.js';

interface RawList {
  list: string;
  kind: ListKind;
  title: string;
  description?: string;
  references: Reference[];
  entries: Array<string | { value: string; aliases?: string[]; note?: string; status?: string; source?: Reference }>;
}

export function loadList(src: YamlSource): { list?: NamedList; diagnostics: Diagnostic[] } {
  const validate = validatorFor('list.schema.json', true);
  if (!validate(src.value)) return { diagnostics: ajvDiagnostics(src, validate.errors ?? [], 'list-invalid', undefined, readSchema('list.schema.json')) };
  const raw = src.value as RawList;
  const diagnostics: Diagnostic[] = [];
  const entries: ListEntry[] = raw.entries.map((e) => (typeof e === 'string' ? { value: e, aliases: [] } : { ...e, aliases: e.aliases ?? [] }));
  if (raw.kind === 'cidr') {
    entries.forEach((e, i) => {
      if (!parseCidr(e.value)) {
        diagnostics.push(diagnosticAt(src, ['entries', i], 'list-invalid', `'${e.value}' is not a CIDR range`, { hint: 'write e.g. 175.45.176.0/22' }));
      }
    });
  }
  if (raw.kind === 'company' || raw.kind === 'name') {
    entries.forEach((e, i) => {
      if (!e.source) {
        diagnostics.push(
          diagnosticAt(src, ['entries', i], 'list-invalid', `watchlist entry '${e.value}' has no source`, {
            hint: 'every watchlist entry needs source: { title, url, date }',
          }),
        );
      }
    });
  }
  const start = diagnosticAt(src, ['list'], 'list-invalid', '');
  const list: NamedList = {
    id: raw.list,
    kind: raw.kind,
    title: raw.title,
    description: raw.description,
    references: raw.references,
    entries,
    source: { file: src.file, line: start.line ?? 1, column: start.column ?? 1 },
  };
  return { list: diagnostics.length ? undefined : list, diagnostics };
}
