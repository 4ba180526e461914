import type { Diagnostic } from '../../model/diagnostic.js';
import { isObj, type Mapping, type Obj } from './common.js';
import { fromGreenhouse, looksLikeGreenhouse } from './greenhouse.js';
import { fromLever, looksLikeLever } from './lever.js';
import { lookupTable } from '../../util/lookup-table.js';

/** --input-format: the applicant model itself, an ATS export, or decided per record. */
export const INPUT_FORMATS = ['auto', 'applicant', 'greenhouse', 'lever'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const ADAPTERS: Record<'greenhouse' | 'lever', (o: Obj) => Mapping> = lookupTable({ greenhouse: fromGreenhouse, lever: fromLever });

/** Which layout a record has. The applicant model wins whenever `name` is an object. */
export function detectFormat(v: Obj): 'applicant' | 'greenhouse' | 'lever' {
  if (isObj(v.name)) return 'applicant';
  if (looksLikeGreenhouse(v)) return 'greenhouse';
  if (looksLikeLever(v)) return 'lever';
  return 'applicant';
}

export interface Adapted {
  value: unknown;
  /** Set when an adapter rewrote the record (its text no longer matches for positions). */
  system?: 'greenhouse' | 'lever';
  warnings: Diagnostic[];
}

/** Map one parsed record to the applicant model; the mapping report becomes per-record warnings. */
export function adaptRecord(value: unknown, format: InputFormat, where: { file: string; line?: number }): Adapted {
  if (format === 'applicant' || !isObj(value)) return { value, warnings: [] };
  const system = format === 'auto' ? detectFormat(value) : format;
  if (system === 'applicant') return { value, warnings: [] };
  const { applicant, unmapped } = ADAPTERS[system](value);
  const warnings = unmapped.map<Diagnostic>((message) => ({
    code: 'input-unmapped',
    severity: 'warning',
    file: where.file,
    ...(where.line ? { line: where.line } : {}),
    message: `${system}: ${message}`,
  }));
  return { value: applicant, system, warnings };
}
