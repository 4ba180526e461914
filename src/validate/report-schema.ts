import type { ValidateFunction } from 'ajv';
import { describeAjvError, makeAjv, readSchema, type ErrorObject } from './ajv.js';

/**
 * A JSON report given to `merge` checked against schemas/report.schema.json before it is read
 * back: a report that was hand-edited, truncated or written by another tool would otherwise be
 * merged with its wrong types turned into zeros and empty strings (a string score read as 0).
 * The long lists (applicants, link keys) are checked item by item as merge streams them, so a
 * large shard report is never held whole; the rest of the document is checked once it is read.
 */

export const REPORT_SCHEMA = 'report.schema.json';

/** One place in the report that does not match: a JSON pointer and what is wrong there. */
export interface ReportProblem {
  pointer: string;
  message: string;
}

type Part = 'report' | 'applicants' | 'linkKeys';
let validators: Record<Part, ValidateFunction> | undefined;

function validatorsFor(): Record<Part, ValidateFunction> {
  if (validators) return validators;
  const schema = readSchema(REPORT_SCHEMA);
  const id = String(schema.$id);
  const ajv = makeAjv(true);
  ajv.addSchema(schema);
  const sub = (name: string) => ajv.getSchema(`${id}#/definitions/${name}`)!;
  validators = { report: ajv.getSchema(id)!, applicants: sub('applicant'), linkKeys: sub('linkKeys') };
  return validators;
}

function problemsOf(validate: ValidateFunction, value: unknown, prefix: string): ReportProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => {
    // A missing key is placed where it should be, not at the object that lacks it.
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: unknown }).missingProperty)}` : '';
    return { pointer: `${prefix}${e.instancePath}${missing}` || '/', message: describeAjvError(e) };
  });
}

/** The document without the items already checked one by one (their lists are empty then). */
export function reportProblems(doc: unknown): ReportProblem[] {
  return problemsOf(validatorsFor().report, doc, '');
}

/** One item of `applicants` or `linkKeys`, at its index in the list. */
export function reportItemProblems(key: 'applicants' | 'linkKeys', item: unknown, index: number): ReportProblem[] {
  return problemsOf(validatorsFor()[key], item, `/${key}/${index}`);
}
