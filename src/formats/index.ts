import type { Formatter } from './format.js';
import { csvFormat } from './csv.js';
import { githubFormat } from './github.js';
import { htmlFormat } from './html/index.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { markdownFormat } from './markdown.js';
import { sarifFormat } from './sarif.js';
import { textFormat } from './text.js';

/** Name → formatter. The CLI's --format choices come from these keys, so they cannot drift. */
export const FORMATS = {
  text: textFormat,
  json: jsonFormat,
  sarif: sarifFormat,
  junit: junitFormat,
  csv: csvFormat,
  markdown: markdownFormat,
  github: githubFormat,
  html: htmlFormat,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
