import { defineFormat } from '../format.js';
import { renderHtml } from './page.js';

export { renderHtml } from './page.js';

/** One page built whole: an HTML evidence pack is read by people, a few hundred applicants at most. */
export const htmlFormat = defineFormat({
  name: 'html',
  description: 'one self-contained HTML file: overview by risk and an evidence pack per applicant, to share and print',
  redactByDefault: false,
  write: (report, _ctx, emit) => emit(renderHtml(report)),
});
