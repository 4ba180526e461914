import { createHmac } from 'node:crypto';
import { countryCode, isObj, str, type Obj } from './common.js';
import { isPlausibleDate } from '../../util/dates.js';

/**
 * A source adapter turns one record of a vendor's export (a sign-in event, a verification report,
 * an inventory entry, a payroll event) into a fragment: the facts it holds in the applicant
 * model's shape, and the keys that say whose they are. The join stage (src/join/) puts fragments
 * together into applicants.
 */
export interface Fragment {
  /** Whose record this is. */
  keys: JoinKeys;
  /** Facts in the applicant model's shape (sessions, documents, payroll changes…), without provenance. */
  facts: Obj;
  /** A name the source gives for the person (document holder, display name), used only when no ATS record names them. */
  name?: string;
  /** Documented fields this adapter does not map: warned once per file. */
  unmapped: string[];
  /** Protected fields removed at the door (nationality, gender, locale…): listed once per file. */
  dropped: string[];
}

export interface JoinKeys {
  /** An applicant id the source itself carries. */
  id?: string;
  /** E-mail addresses the record declares for the person. */
  emails: string[];
  /** Other identifiers (IdP user id, payroll worker id, device name, serial): matched through --people. */
  aliases: string[];
}

export interface AdaptContext {
  /** Record label, e.g. okta-nov.json[14]. */
  source: string;
  /** Salt for the hashes of device ids, document numbers and bank accounts. */
  salt: string;
  /** Greenhouse: the custom-field key that holds the date of birth. */
  dobField?: string;
}

/** A value an adapter could not use: the record is an error (reported with file and index). */
export class RecordError extends Error {}

export interface SourceAdapter {
  name: string;
  /** What the file is, in words (for "formats tried"). */
  title: string;
  /** Which kind of data: decides what the join does with it. */
  role: 'applicant' | 'source';
  /** Whether one JSON record has this vendor's layout. */
  detect?: (record: Obj) => boolean;
  /** Whether a CSV header row is this vendor's layout. */
  detectCsv?: (headers: string[]) => boolean;
  adapt: (record: Obj, ctx: AdaptContext) => Fragment;
}

/** Salted HMAC-SHA-256, truncated: the same value gives the same hash in one organisation's runs, and is never kept raw. */
export function saltedHash(value: string, salt: string, kind: string): string {
  return `hmac-sha256:${createHmac('sha256', salt).update(`${kind}\u0000${value}`).digest('hex').slice(0, 32)}`;
}

/**
 * Fields vendors return that stand in for national origin or are protected characteristics. They
 * never enter the applicant model (docs/sources.md, "Fields dropped at the door").
 */
export const PROTECTED_FIELD =
  /^(nationality|nationalities|citizenship|gender|sex|ethnicity|race|religion|locale|language|languages|preferredLanguage|preferred_language|browserLanguage|browser_language|keyboardLayout|keyboard_layout|keyboard|acceptLanguage|accept_language|placeOfBirth|place_of_birth|birthplace|country_of_birth|countryOfBirth|name-native|nationality-code|gender-code)$/i;

/** Protected keys anywhere in a record (paths, for the dropped-fields list). Walks at most a few levels. */
export function protectedPaths(v: unknown, prefix = '', depth = 0): string[] {
  if (depth > 4) return [];
  if (Array.isArray(v)) return v.flatMap((x) => protectedPaths(x, `${prefix}[]`, depth + 1));
  if (!isObj(v)) return [];
  const out: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (PROTECTED_FIELD.test(k)) out.push(p);
    else out.push(...protectedPaths(x, p, depth + 1));
  }
  return [...new Set(out)];
}

/** Top-level keys a record has that the adapter does not know (documented-but-unused keys belong in `known`). */
export function unknownTop(record: Obj, known: ReadonlySet<string>): string[] {
  return Object.keys(record)
    .filter((k) => !known.has(k) && !PROTECTED_FIELD.test(k))
    .map((k) => `${k}: not a documented field this adapter maps`);
}

export function emptyKeys(): JoinKeys {
  return { emails: [], aliases: [] };
}

export function addEmail(keys: JoinKeys, v: unknown): void {
  const s = str(v);
  if (s && /^[^\s@]+@[^\s@]+$/.test(s)) keys.emails.push(s);
  else if (s) keys.aliases.push(s);
}

export function addAlias(keys: JoinKeys, v: unknown): void {
  const s = typeof v === 'number' ? String(v) : str(v);
  if (s) keys.aliases.push(s);
}

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A time stamp as the model wants it (ISO 8601 with offset). Vendors' CSV downloads sometimes
 * write local times without a zone: when the vendor documents them as UTC (`assumeUtc`) a Z is
 * added; otherwise the record cannot say when it happened and is an error.
 */
export function timestamp(v: unknown, field: string, opts: { assumeUtc?: boolean } = {}): string | undefined {
  const out = readTimestamp(v, field, opts);
  // 31 September, or a year outside 1900–2100: the record cannot say when it happened.
  if (out !== undefined && !isPlausibleDate(out)) throw new RecordError(`${field} "${str(v)}" is not a real date between 1900 and 2100`);
  return out;
}

function readTimestamp(v: unknown, field: string, opts: { assumeUtc?: boolean }): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const iso = s.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso)) return iso;
  if (NO_ZONE.test(iso)) {
    if (opts.assumeUtc) return `${iso}Z`;
    throw new RecordError(`${field} "${s}" has no time zone: add one (e.g. ${iso}Z) or export in UTC`);
  }
  // Seven fractional digits (.NET) and the like: keep to nine.
  const long = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d+)(Z|[+-]\d{2}:?\d{2})$/.exec(iso);
  if (long) return `${long[1]}.${long[2]!.slice(0, 9)}${long[3]}`;
  // "10/09/2026 02:01:10 PM", as spreadsheet-style exports write local times.
  if (/^\d{1,2}\/\d{1,2}\/\d{4}[ T]\d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?$/i.test(s)) {
    throw new RecordError(
      `${field} "${s}" has no time zone (a local time as the export writes it): export with UTC times or in the API's JSON, which carries them`,
    );
  }
  const parsed = Date.parse(s);
  if (Number.isFinite(parsed) && /(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i.test(s)) return new Date(parsed).toISOString();
  throw new RecordError(`${field} "${s}" is not a date and time this adapter can read (expected ISO 8601 with a time zone)`);
}

/** A day (YYYY-MM-DD) from a date or a date-time. */
export function dayOf(v: unknown, field: string): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  if (!m || !isPlausibleDate(m[1]!)) throw new RecordError(`${field} "${s}" is not a date (expected YYYY-MM-DD, between 1900 and 2100)`);
  return m[1];
}

let alpha3: Map<string, string> | undefined;

/** ISO 3166-1 alpha-3 → alpha-2. The table is ISO's (stable since 2020's last change). */
export function country3(v: unknown, field: string): string | undefined {
  const s = str(v)?.toUpperCase();
  if (!s) return undefined;
  if (!alpha3) {
    alpha3 = new Map();
    for (const pair of ALPHA3.split(' ')) alpha3.set(pair.slice(2), pair.slice(0, 2));
  }
  const c = alpha3.get(s);
  if (!c) throw new RecordError(`${field} "${s}" is not an ISO 3166-1 alpha-3 country code`);
  return c;
}

/** A two-letter country code, or a country name; an unknown value is an error. */
export function country2(v: unknown, field: string): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (/^[A-Za-z]{3}$/.test(s) && !countryCode(s)) return country3(s, field);
  const c = countryCode(s);
  if (!c) throw new RecordError(`${field} "${s}" is not a country this adapter knows`);
  return c;
}

/** An IP address as sources write it: without the port some add ("1.2.3.4:5678"). */
export function ipOf(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  return v4port ? v4port[1] : s.replace(/^\[([0-9a-f:]+)\](:\d+)?$/i, '$1');
}

export { isObj, str, type Obj };

// alpha-2 + alpha-3 pairs (ISO 3166-1, 249 codes).
const ALPHA3 =
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE XKXKX';
