import type { Severity } from '../model/levels.js';

/** What the correlator keeps of each applicant it indexes. */
export interface ApplicantMeta {
  id: string;
  source: string;
  /** personKey(name), see person.ts. */
  person: number;
}

export interface LinkMember {
  ordinal: number;
  /** Where the value sits in this applicant's record (see roles.ts). */
  slots: number[];
}

/** A value shared by applicants, as the correlator found it, before apply-links turns it into findings. */
export interface LinkResult {
  kind: string;
  severity: Severity;
  value: string;
  key: string;
  members: LinkMember[];
  /** False for links shown but not scored (duplicate ids, placeholder values). */
  scored: boolean;
  note?: string;
}
