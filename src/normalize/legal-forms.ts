import { lookupTable } from '../util/lookup-table.js';
/**
 * Legal forms and filler words that say nothing about which company it is. Front companies are
 * written "Co., Ltd.", "LLC", "OOO" or "有限公司" depending on who typed them. Hand-picked from the
 * forms in sanctions lists and in opensanctions/rigour's org_types table (MIT).
 */

/** Single tokens (after folding and transliteration) dropped wherever they appear. */
export const LEGAL_FORM_TOKENS = new Set([
  'co',
  'cos',
  'company',
  'companies',
  'ltd',
  'ltda',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'pte',
  'pty',
  'bhd',
  'sdn',
  'kk',
  'jsc',
  'pjsc',
  'ojsc',
  'cjsc',
  'ooo',
  'zao',
  'oao',
  'pao',
  'ao',
  'tov',
  'doo',
  'as',
  'ab',
  'oy',
  'aps',
  'fze',
  'fzco',
  'fzc',
  'dmcc',
  'the',
  'and',
  'of',
]);

/** Multi-word forms: only dropped as a whole, since their words mean something on their own. */
export const LEGAL_FORM_PHRASES: string[][] = [
  ['limited', 'liability', 'company'],
  ['limited', 'liability', 'partnership'],
  ['joint', 'stock', 'company'],
  ['public', 'limited', 'company'],
  ['sp', 'z', 'o', 'o'],
  ['sp', 'z', 'oo'],
  ['spolka', 'z', 'ograniczona', 'odpowiedzialnoscia'],
  ['sa', 'de', 'cv'],
  ['s', 'de', 'rl'],
  ['sro'],
  ['obshchestvo', 's', 'ogranichennoy', 'otvetstvennostyu'],
  ['aktsionernoe', 'obshchestvo'],
  ['gesellschaft', 'mit', 'beschrankter', 'haftung'],
];

/**
 * Forms in their own scripts, removed before transliteration (any-ascii would turn 有限公司 into
 * "YouXianGongSi" and fuse it to the name). Longest first.
 */
export const NATIVE_LEGAL_FORMS =
  /股份有限公司|有限责任公司|有限責任公司|有限公司|株式会社|合同会社|有限会社|公司|주식회사|유한회사|유한책임회사|회사|общество\s+с\s+ограниченной\s+ответственностью|(?:закрытое\s+|открытое\s+|публичное\s+)?акционерное\s+общество|товариство\s+з\s+обмеженою\s+відповідальністю/giu;

/** Spelling variants of the same word, so "Tech" and "Technology" compare equal. */
export const ABBREVIATIONS: Record<string, string> = lookupTable({
  tech: 'technology',
  technologies: 'technology',
  techs: 'technology',
  technological: 'technology',
  intl: 'international',
  int: 'international',
  mfg: 'manufacturing',
  svc: 'services',
  svcs: 'services',
  service: 'services',
  grp: 'group',
  trading: 'trade',
  commerce: 'commercial',
  networks: 'network',
  net: 'network',
  ind: 'industry',
  industries: 'industry',
  industrial: 'industry',
  info: 'information',
  sys: 'systems',
  system: 'systems',
  dev: 'development',
  enterprises: 'enterprise',
  assoc: 'association',
  dept: 'department',
});
