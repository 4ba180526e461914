import type { EvidenceItem, Reference } from '../model/rule.js';
import { showValue } from '../runtime/message-template.js';

/** One evidence item in words: where, what, and against what it was tested. */
export function evidenceText(e: EvidenceItem): string {
  const v = showValue(e.value);
  const shown = v.length > 120 ? `${v.slice(0, 117)}…` : v;
  // Text is quoted so its edges show; numbers and booleans read as themselves.
  // A structured value (a session: time, kind, IP, country) is shown as its JSON, not quoted again.
  const literal =
    typeof e.value === 'number' || typeof e.value === 'boolean' || (typeof e.value === 'object' && e.value !== null) ? shown : JSON.stringify(shown);
  return `${e.path} = ${literal}${e.note ? ` (${e.note})` : ''}${e.from ? ` [from ${e.from}]` : ''}`;
}

export function referenceText(r: Reference): string {
  return [r.title, r.date, r.url].filter(Boolean).join(' — ');
}
