import type { Obj } from '../read/adapters/common.js';
import { lookupTable } from '../util/lookup-table.js';
import { isObj } from '../util/is-object.js';

/** The model's array fields that sources add to, with the schema's limits. */
export const ARRAY_LIMITS: Record<string, number> = lookupTable({
  'network.sessions': 10000,
  'network.devices': 100,
  'network.usbDevices': 1000,
  'network.installedApps': 5000,
  interviews: 200,
  'identity.documents': 50,
  'identity.liveness': 50,
  'identity.declared': 50,
  'payroll.changes': 200,
});

/**
 * Add one fragment's facts to an applicant. Array items are appended with their provenance; a
 * device or app already listed is not listed again. Scalars the applicant lacks are filled in;
 * scalars it has are kept (the caller records conflicts it cares about). Returns notes on what
 * did not fit.
 */
export function addFacts(target: Obj, facts: Obj, source: string, prefix = ''): string[] {
  const notes: string[] = [];
  for (const [k, v] of Object.entries(facts)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) {
      const list = Array.isArray(target[k]) ? (target[k] as unknown[]) : [];
      const limit = ARRAY_LIMITS[path] ?? 200;
      for (const item of v) {
        const withSource = isObj(item) ? { ...item, source } : item;
        if (isDuplicate(list, withSource, path)) continue;
        if (list.length >= limit) {
          notes.push(`${path}: more than ${limit} items; the rest from ${source} on are left out`);
          break;
        }
        list.push(withSource);
      }
      target[k] = list;
    } else if (isObj(v)) {
      const sub = isObj(target[k]) ? (target[k] as Obj) : {};
      notes.push(...addFacts(sub, v, source, path));
      target[k] = sub;
    } else if (target[k] === undefined) target[k] = v;
  }
  return notes;
}

function isDuplicate(list: unknown[], item: unknown, path: string): boolean {
  if (!isObj(item)) return list.includes(item);
  if (path === 'network.devices') return list.some((x) => isObj(x) && x.id === item.id);
  if (path === 'network.installedApps') return list.some((x) => isObj(x) && x.name === item.name && x.deviceId === item.deviceId);
  return false;
}

/**
 * A second applicant record for the same person (the same id in two exports). Its arrays are
 * appended; its name or date of birth, when different, go side by side into identity.declared
 * (the identity rules compare them); other differing values are kept from the first record and
 * named in a warning.
 */
export function mergeApplicant(base: Obj, other: Obj, source: string): string[] {
  const notes: string[] = [];
  const name = isObj(other.name) ? (other.name.full as string | undefined) : undefined;
  const baseName = isObj(base.name) ? (base.name.full as string | undefined) : undefined;
  const declared: Obj[] = [];
  if (name && baseName && name.trim().toLowerCase() !== baseName.trim().toLowerCase()) declared.push({ name, source });
  if (typeof other.dateOfBirth === 'string' && typeof base.dateOfBirth === 'string' && other.dateOfBirth !== base.dateOfBirth)
    declared.push({ dateOfBirth: other.dateOfBirth, source });
  if (declared.length) addFacts(base, { identity: { declared: declared.map(({ source: _s, ...d }) => d) } }, source);
  const walk = (t: Obj, o: Obj, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (path === 'name.full' || path === 'dateOfBirth' || path === 'id' || path === 'source') continue;
      if (Array.isArray(v)) {
        const list = Array.isArray(t[k]) ? (t[k] as unknown[]) : [];
        const seen = new Set(list.map((x) => JSON.stringify(x)));
        for (const x of v) if (!seen.has(JSON.stringify(x))) list.push(x);
        t[k] = list;
      } else if (isObj(v)) {
        const sub = isObj(t[k]) ? (t[k] as Obj) : {};
        walk(sub, v, path);
        t[k] = sub;
      } else if (t[k] === undefined) t[k] = v;
      else if (t[k] !== v) notes.push(`${path}: ${source} gives a different value; the first record's is kept`);
    }
  };
  walk(base, other, '');
  return notes;
}
