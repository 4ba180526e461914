/**
 * The applicant record as validated against schemas/applicant.schema.json.
 * Only the fields the engine itself touches are typed closely; rules reach everything else by path.
 */
export interface Address {
  type?: string;
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface Applicant {
  schemaVersion?: string;
  id: string;
  name: { full: string; given?: string; family?: string; aliases?: string[] };
  dateOfBirth?: string;
  appliedAt?: string;
  claimedLocation?: { country?: string; region?: string; city?: string; timezone?: string };
  contact?: { emails?: string[]; phones?: string[]; addresses?: Address[] };
  identity?: { documents?: Array<Record<string, unknown>> };
  profiles?: Array<Record<string, unknown>>;
  education?: Array<Record<string, unknown>>;
  employment?: Array<{ employer?: string; start?: string; end?: string; type?: string } & Record<string, unknown>>;
  references?: Array<Record<string, unknown>>;
  interviews?: Array<Record<string, unknown>>;
  network?: { sessions?: Array<Record<string, unknown>>; remoteAccessTools?: string[] };
  equipment?: { shipTo?: Address; requestedAddressChange?: boolean };
  payroll?: Record<string, unknown>;
  resume?: { text?: string; sha256?: string };
  photo?: { sha256?: string; perceptualHash?: string };
  source?: { system?: string; exportedAt?: string };
  extra?: Record<string, unknown>;
}

/** What rules see: the applicant plus the facts the enrich stage derived from it. */
export type Facts = Applicant & { derived: Record<string, unknown> };
