import { readSharedFile } from '../util/shared-files.js';
import { SideFileError } from '../util/read-side-file.js';
import type { Reader } from 'mmdb-lib';
import { requireVendored } from '../util/vendor.js';
import type { ParsedIp } from '../normalize/ip.js';
import { formatIp } from './format-ip.js';
import { IpDataError } from './ip-data-error.js';

/** What one record of a MaxMind-format (.mmdb) database can tell: the common layouts are read. */
export interface MmdbAnswer {
  country?: string;
  asn?: number;
  org?: string;
}

type MmdbRecord = Record<string, unknown>;

const obj = (v: unknown): MmdbRecord | undefined => (typeof v === 'object' && v !== null ? (v as MmdbRecord) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * ip-location-db writes { country_code }, MaxMind / DB-IP write { country: { iso_code } }, ASN
 * databases write { autonomous_system_number, autonomous_system_organization }, IPinfo writes
 * { country_code, asn: "AS123", as_name }.
 */
export function readRecord(rec: unknown): MmdbAnswer {
  const r = obj(rec);
  if (!r) return {};
  const out: MmdbAnswer = {};
  const country = str(r.country_code) ?? str(obj(r.country)?.iso_code) ?? str(obj(r.registered_country)?.iso_code);
  if (country && /^[A-Za-z]{2}$/.test(country)) out.country = country.toUpperCase();
  const rawAsn = r.autonomous_system_number ?? r.asn;
  const asn = typeof rawAsn === 'number' ? rawAsn : typeof rawAsn === 'string' ? Number(rawAsn.replace(/^AS/i, '')) : NaN;
  if (Number.isInteger(asn) && asn > 0) out.asn = asn;
  const org = str(r.autonomous_system_organization) ?? str(r.as_name) ?? str(r.as_org);
  if (org) out.org = org;
  return out;
}

// mmdb-lib is loaded with the first database opened: most records name no public IP.
type ReaderClass = new (db: Buffer) => Reader<MmdbRecord>;
let ReaderLoaded: ReaderClass | undefined;
const mmdbReader = (): ReaderClass => (ReaderLoaded ??= requireVendored<{ Reader: ReaderClass }>('mmdb-lib').lib.Reader);

/** Well-known public resolvers: every real IP database places them. */
const PROBES = ['8.8.8.8', '1.1.1.1', '9.9.9.9', '2001:4860:4860::8888', '2606:4700:4700::1111'];

export class MmdbSource {
  readonly provides: { country: boolean; asn: boolean };
  readonly date?: string;
  readonly databaseType: string;
  readonly ipVersion: number;

  private constructor(
    private readonly reader: Reader<MmdbRecord>,
    readonly file: string,
  ) {
    const md = reader.metadata;
    this.databaseType = md.databaseType ?? '';
    this.ipVersion = md.ipVersion;
    this.date = md.buildEpoch instanceof Date && !Number.isNaN(md.buildEpoch.getTime()) ? md.buildEpoch.toISOString().slice(0, 10) : undefined;
    let country = false;
    let asn = false;
    for (const p of PROBES) {
      if (md.ipVersion === 4 && p.includes(':')) continue;
      const a = this.get(p);
      country ||= a.country !== undefined;
      asn ||= a.asn !== undefined;
    }
    this.provides = { country, asn };
  }

  static open(file: string): MmdbSource {
    let bytes: Buffer;
    try {
      bytes = readSharedFile(file, `IP data file ${file}`);
    } catch (e) {
      if (e instanceof SideFileError) throw new IpDataError(e.message);
      throw new IpDataError(`IP data file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let source: MmdbSource;
    try {
      source = new MmdbSource(new (mmdbReader())(bytes), file);
    } catch (e) {
      if (e instanceof IpDataError) throw e;
      throw new IpDataError(`IP data file ${file} is not a readable MaxMind-format (.mmdb) database (${(e as Error).message})`);
    }
    if (!source.provides.country && !source.provides.asn) {
      throw new IpDataError(
        `IP data file ${file} holds neither countries nor AS numbers for well-known addresses (database type '${source.databaseType}'); give a country or ASN .mmdb file`,
      );
    }
    return source;
  }

  private get(text: string): MmdbAnswer {
    try {
      return readRecord(this.reader.get(text));
    } catch (e) {
      throw new IpDataError(`IP data file ${this.file} is corrupt (${(e as Error).message})`);
    }
  }

  lookup(ip: ParsedIp): MmdbAnswer {
    if (this.ipVersion === 4 && ip.version === 6) return {};
    return this.get(formatIp(ip));
  }
}
