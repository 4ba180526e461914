import type { Formatter } from './format.js';
import { jsonFormat } from './json.js';
import { textFormat } from './text.js';

/** Name → formatter. The CLI's --format choices come from these keys, so they cannot drift. */
export const FORMATS = {
  text: textFormat,
  json: jsonFormat,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
