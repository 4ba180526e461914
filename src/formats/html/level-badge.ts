import type { Level, Severity } from '../../model/levels.js';
import { html, type Raw } from './escape.js';
import { lookupTable } from '../../util/lookup-table.js';

/** A shape and the word, so a level never rests on colour alone (and survives black-and-white print). */
const SHAPE: Record<Level | Severity, string> = lookupTable({
  critical: '◆◆',
  high: '▲',
  medium: '■',
  low: '●',
  info: '○',
  none: '✓',
});

export function badge(level: Level | Severity, label?: string): Raw {
  return html`<span class="badge lv-${level}"><span aria-hidden="true">${SHAPE[level]}</span> ${label ?? level.toUpperCase()}</span>`;
}
