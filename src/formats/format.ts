import type { Report } from '../model/report.js';

export interface FormatContext {
  color: boolean;
  /** Rule count and data notes for headers. */
  rulesCount: number;
  /** Terminal width for wrapping, when known. */
  width?: number;
}

export interface Formatter {
  name: string;
  description: string;
  format(report: Report, ctx: FormatContext): string;
}
