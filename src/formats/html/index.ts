import { defineFormat } from '../format.js';
import { writeHtml } from './page.js';

export { renderHtml } from './page.js';

/** Written in pieces (head, one evidence pack at a time, tail), like every other format. */
export const htmlFormat = defineFormat({
  name: 'html',
  description: 'one self-contained HTML file: overview by risk and an evidence pack per applicant, to share and print',
  redactByDefault: false,
  write: (report, _ctx, emit) => writeHtml(report, emit),
});
