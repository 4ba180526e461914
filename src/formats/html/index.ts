import type { Formatter } from '../format.js';
import { renderHtml } from './page.js';

export { renderHtml } from './page.js';

export const htmlFormat: Formatter = {
  name: 'html',
  description: 'one self-contained HTML file: overview by risk and an evidence pack per applicant, to share and print',
  redactByDefault: false,
  format: (report) => renderHtml(report),
};
