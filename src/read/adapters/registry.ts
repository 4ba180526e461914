import { isObj, type Obj } from './common.js';
import { fromGreenhouse, looksLikeGreenhouse } from './greenhouse.js';
import { fromLever, looksLikeLever } from './lever.js';
import { looksLikeApplicantCsv } from './applicant-csv.js';
import { fromAshby, looksLikeAshby } from './ashby.js';
import type { SourceAdapter } from './source-adapter.js';
import { okta } from './okta.js';
import { entra } from './entra.js';
import { googleLogin } from './google-login.js';
import { zoom } from './zoom.js';
import { onfido } from './onfido.js';
import { veriff } from './veriff.js';
import { persona } from './persona.js';
import { jamf } from './jamf.js';
import { defender } from './defender.js';
import { adp } from './adp.js';
import { payrollCsv } from './payroll-csv.js';

/** Every source adapter, in the order detection tries them. */
export const SOURCE_ADAPTERS: SourceAdapter[] = [okta, entra, googleLogin, zoom, onfido, veriff, persona, jamf, defender, adp, payrollCsv];

/** Formats of records that describe applicants themselves (they start an applicant in the join). */
export const APPLICANT_FORMATS = ['applicant', 'greenhouse', 'lever', 'ashby', 'applicant-csv'] as const;
export type ApplicantFormat = (typeof APPLICANT_FORMATS)[number];

/** Every name FORMAT:PATH accepts. */
export const ALL_FORMATS = [...APPLICANT_FORMATS, ...SOURCE_ADAPTERS.map((a) => a.name)];

export function sourceAdapter(name: string): SourceAdapter | undefined {
  return SOURCE_ADAPTERS.find((a) => a.name === name);
}

/** One JSON record's format, or undefined when it is in none this tool knows. */
export function detectRecordFormat(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  if (isObj(v.name) && 'id' in v) return 'applicant';
  if (looksLikeGreenhouse(v)) return 'greenhouse';
  if (looksLikeLever(v)) return 'lever';
  if (looksLikeAshby(v)) return 'ashby';
  return SOURCE_ADAPTERS.find((a) => a.detect?.(v))?.name;
}

export function detectCsvFormat(headers: string[]): string | undefined {
  if (looksLikeApplicantCsv(headers)) return 'applicant-csv';
  return SOURCE_ADAPTERS.find((a) => a.detectCsv?.(headers))?.name;
}

/** "Formats tried", for a file in none of them. */
export function formatsTried(layout: 'json' | 'ndjson' | 'csv'): string {
  if (layout === 'csv') return ['applicant CSV (id, full_name, …)', ...SOURCE_ADAPTERS.filter((a) => a.detectCsv).map((a) => a.title)].join('; ');
  return [
    'the applicant model',
    'Greenhouse candidate',
    'Lever opportunity',
    'Ashby candidate',
    ...SOURCE_ADAPTERS.filter((a) => a.detect).map((a) => a.title),
  ].join('; ');
}

export const ATS = { greenhouse: fromGreenhouse, lever: fromLever, ashby: fromAshby } as const;
export type { Obj };
