import { join } from 'node:path';
import type { IpFacts, IpResolver } from '../model/ip-facts.js';
import { cidrContains, parseCidr, parseIp, type ParsedIp } from '../normalize/ip.js';
import { ipScope } from '../normalize/ip-scope.js';
import { AsnTable } from './asn-table.js';
import { hostingNetworks, HOSTING_DATA } from './hosting-asns.js';
import { IpDataError } from './ip-data-error.js';
import { builtinIpMeta, IP_DATA_DIR, type DataInfo } from './ip-data-info.js';
import { MmdbSource } from './mmdb-source.js';

/** North Korea's one verified allocation (APNIC, STAR-KP) and its origin AS. */
const DPRK_BLOCK = parseCidr('175.45.176.0/22')!;
const DPRK_ASN = 131279;
const CACHE_LIMIT = 50_000;

export interface IpDataDescription {
  country: DataInfo;
  asn: DataInfo;
  hosting: DataInfo;
}

export interface ResolverOptions {
  /** User-supplied .mmdb files (--ip-data): each replaces the built-in country and/or ASN data. */
  files?: string[];
}

/**
 * IP → country, AS and hosting flag, entirely offline. Files open on the first lookup of their
 * address family, so a record without public IPs never pays for the data. User files open at once,
 * so a bad --ip-data path fails before anything is checked.
 */
export class OfflineIpResolver implements IpResolver {
  private readonly userCountry?: MmdbSource;
  private readonly userAsn?: MmdbSource;
  private readonly country = new Map<4 | 6, MmdbSource>();
  private readonly asn = new Map<4 | 6, AsnTable>();
  private readonly cache = new Map<string, IpFacts | undefined>();
  private sourceLabel?: string;
  readonly warnings: string[] = [];

  constructor(options: ResolverOptions = {}) {
    for (const file of options.files ?? []) {
      const src = MmdbSource.open(file);
      if (/geolite|geoip2/i.test(src.databaseType)) {
        this.warnings.push(
          `${file} is a MaxMind GeoLite/GeoIP database: its licence forbids use "for employment purposes"; check that yours allows applicant screening`,
        );
      }
      if (src.provides.country) this.userCountry = src;
      if (src.provides.asn) this.userAsn = src;
    }
  }

  private builtin() {
    const meta = builtinIpMeta();
    if (!meta) throw new IpDataError(`the built-in IP data is missing (${join(IP_DATA_DIR, 'meta.json')}); run npm run build, or give --ip-data FILE`);
    return meta;
  }

  private countrySource(family: 4 | 6): MmdbSource {
    if (this.userCountry && !(family === 6 && this.userCountry.ipVersion === 4)) return this.userCountry;
    let src = this.country.get(family);
    if (!src) {
      src = MmdbSource.open(join(IP_DATA_DIR, this.builtin().country.files[family]));
      this.country.set(family, src);
    }
    return src;
  }

  private asnLookup(ip: ParsedIp): { asn?: number; org?: string } {
    if (this.userAsn && !(ip.version === 6 && this.userAsn.ipVersion === 4)) return this.userAsn.lookup(ip);
    return this.asnTable(ip.version).lookup(ip) ?? {};
  }

  private asnTable(family: 4 | 6): AsnTable {
    let table = this.asn.get(family);
    if (!table) {
      table = AsnTable.open(join(IP_DATA_DIR, this.builtin().asn.files[family]), family);
      this.asn.set(family, table);
    }
    return table;
  }

  /**
   * Opens now every table a lookup may need. Before --jobs workers start: their resolvers then use
   * the bytes this one read (util/shared-files.ts), one copy for all threads.
   */
  openAll(): void {
    for (const family of [4, 6] as const) {
      this.countrySource(family);
      if (!this.userAsn || (family === 6 && this.userAsn.ipVersion === 4)) this.asnTable(family);
    }
  }

  lookup(raw: string): IpFacts | undefined {
    if (this.cache.has(raw)) return this.cache.get(raw);
    const ip = parseIp(raw);
    const facts = ip && ipScope(ip) === 'public' ? this.resolve(ip) : undefined;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(raw, facts);
    return facts;
  }

  private resolve(ip: ParsedIp): IpFacts {
    const c = this.countrySource(ip.version);
    const facts: IpFacts = {};
    const country = c.lookup(ip).country;
    const { asn, org } = this.asnLookup(ip);
    if (asn !== undefined) {
      facts.asn = asn;
      if (org) facts.org = org;
      const hosting = hostingNetworks().get(asn);
      facts.hosting = hosting !== undefined;
      if (hosting) {
        facts.hostingKind = hosting.kind;
        if (hosting.name) facts.hostingNetwork = hosting.name;
      }
    }
    if (country === 'KP' && !cidrContains(DPRK_BLOCK, ip) && asn !== DPRK_ASN) facts.kpLabelIgnored = true;
    else if (country) facts.country = country;
    if (!this.sourceLabel) {
      const d = this.describe().country;
      this.sourceLabel = `${d.name}${d.date ? ` ${d.date}` : ''}`;
    }
    facts.source = this.sourceLabel;
    return facts;
  }

  /** Files opened so far: none until a public address is looked up, then only that family's. */
  loaded(): string[] {
    return [...this.country.values()].map((c) => c.file).concat([...this.asn.values()].map((t) => t.file));
  }

  /** What data answers: for --version and the report. Never throws (says "not built" instead). */
  describe(): IpDataDescription {
    const meta = builtinIpMeta();
    const fromUser = (s: MmdbSource): DataInfo => ({ name: s.file, date: s.date, licence: 'user-supplied file: check its licence' });
    const missing: DataInfo = { name: 'not built (run npm run build)' };
    const pick = (d: BuiltinIpMeta['country'] | undefined): DataInfo => (d ? { name: d.name, date: d.date, licence: d.licence, url: d.url } : missing);
    return {
      country: this.userCountry ? fromUser(this.userCountry) : pick(meta?.country),
      asn: this.userAsn ? fromUser(this.userAsn) : pick(meta?.asn),
      hosting: { ...HOSTING_DATA },
    };
  }
}

type BuiltinIpMeta = NonNullable<ReturnType<typeof builtinIpMeta>>;

let shared: OfflineIpResolver | undefined;

/** One resolver over the built-in data, shared by rule-case runs and tests. */
export function builtinIpResolver(): OfflineIpResolver {
  shared ??= new OfflineIpResolver();
  return shared;
}
