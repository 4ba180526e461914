import { foldText } from './text.js';

/**
 * Legal forms and filler words that say nothing about which company it is. Front companies are
 * written as "Co., Ltd.", "LLC", "OOO" or "有限公司" depending on who typed them.
 */
const LEGAL_FORMS = new Set([
  'co', 'company', 'companies', 'ltd', 'limited', 'llc', 'l', 'inc', 'incorporated', 'corp', 'corporation',
  'gmbh', 'ag', 'sa', 'srl', 'bv', 'nv', 'plc', 'pte', 'pty', 'lp', 'llp', 'kk', 'jsc', 'pjsc', 'ojsc', 'cjsc',
  'ooo', 'zao', 'oao', 'pao', 'ao', 'the', 'and', 'of',
  // Cyrillic legal forms, folded (ООО, ЗАО, ОАО, ПАО, АО).
  'ооо', 'зао', 'оао', 'пао', 'ао',
]);

const CJK_LEGAL_FORMS = /股份有限公司|有限责任公司|有限公司|株式会社|주식회사|유한회사|公司/g;

const ABBREVIATIONS: Record<string, string> = {
  tech: 'technology', technologies: 'technology', techs: 'technology',
  intl: 'international', int: 'international',
  mfg: 'manufacturing', svc: 'services', svcs: 'services', service: 'services',
  grp: 'group', trading: 'trade', commerce: 'commercial', networks: 'network',
  ind: 'industry', industries: 'industry', industrial: 'industry',
};

export function companyTokens(raw: string): string[] {
  const folded = foldText(raw.replace(CJK_LEGAL_FORMS, ' '));
  if (!folded) return [];
  return folded
    .split(' ')
    .map((t) => ABBREVIATIONS[t] ?? t)
    .filter((t) => !LEGAL_FORMS.has(t));
}

/** Tokens joined without spaces, so "SilverStar" and "Silver Star" give one key. */
export function companyKey(raw: string): string {
  return companyTokens(raw).join('');
}

/**
 * Whether a free-text employer name names the listed company: the same key, or the listed name
 * written out in full inside a longer one ("… Co. (Shenyang branch)"). Short keys only match
 * exactly, so "Silver" never matches "Silver Star".
 */
export function sameCompany(candidate: string, listed: string): boolean {
  const c = companyKey(candidate);
  const l = companyKey(listed);
  if (!c || !l) return false;
  if (c === l) return true;
  return l.length >= 12 && c.includes(l);
}
