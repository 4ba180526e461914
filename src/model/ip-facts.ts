// Shared by intel/ (which implements IpResolver) and enrich/ (which calls it): intel sits below
// enrich, so the contract lives in model/.

/** What offline intelligence can say about one IP address. Supplied by an IpResolver. */
export interface IpFacts {
  country?: string;
  asn?: number;
  org?: string;
  hosting?: boolean;
  /** vpn or datacenter, when `hosting` is true. */
  hostingKind?: 'vpn' | 'datacenter';
  /** The hosting list's name for the network (e.g. "Surfshark"). */
  hostingNetwork?: string;
  /**
   * The data labelled the address KP although it is outside North Korea's allocated space: the
   * label is dropped (privacy relays and geofeed errors carry it) and only this flag is kept.
   */
  kpLabelIgnored?: boolean;
  /** Where the answer came from, for the report (e.g. "ip-location-db 2026-06-17"). */
  source?: string;
}

/** Offline IP intelligence plugs in here; the enrich stage works without one. */
export interface IpResolver {
  lookup(ip: string): IpFacts | undefined;
}
