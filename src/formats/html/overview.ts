import { levelAt, scoreAt, type ApplicantList, type ApplicantResult, type Report } from '../../model/report.js';
import { FAMILIES, LEVELS, levelRank, type Level } from '../../model/levels.js';
import { topFinding } from '../finding-order.js';
import { badge } from './level-badge.js';
import { html, type Raw } from './escape.js';
import { reviewLabel } from '../review.js';
import { plural } from '../../util/plural.js';
import type { Emit } from '../format.js';

/** Worst first: score, then level, then input order (stable). */
export function byRisk(applicants: ApplicantList): number[] {
  return Array.from({ length: applicants.length }, (_, i) => i).sort(
    (x, y) => scoreAt(applicants, y) - scoreAt(applicants, x) || levelRank(levelAt(applicants, y)) - levelRank(levelAt(applicants, x)) || x - y,
  );
}

function row(a: ApplicantResult, i: number, anchor: string, reviews: boolean): Raw {
  const families = [...new Set(a.findings.map((f) => f.family))];
  const top = topFinding(a);
  return html`<tr data-level="${a.level}" data-families="${families.join(' ')}" data-score="${a.score}" data-rank="${levelRank(a.level)}" data-order="${i}" data-id="${a.id}" data-name="${a.name}">
<th scope="row"><a href="#${anchor}">${a.id}</a></th><td>${a.name}</td><td>${badge(a.level)}</td><td class="num">${a.score}</td><td class="num">${a.findings.length}</td>
<td>${families.join(', ') || '—'}</td><td>${top ? top.title : '—'}</td><td>${reviews ? reviewLabel(a) : '—'}</td></tr>`;
}

const sortable = (key: string, label: string, current?: boolean) =>
  html`<th scope="col" ${current ? html`aria-sort="descending"` : ''} data-col="${key}"><button type="button" class="sort" data-sort="${key}">${label}<span class="arrow" aria-hidden="true">${current ? ' ▼' : ''}</span></button></th>`;

/**
 * The overview in pieces: its head up to the table body, one row per applicant in `order`, then
 * its tail. A million rows held as one string would pass V8's longest string (2^29 characters).
 */
export function writeOverview(report: Report, order: readonly number[], emit: Emit): void {
  const s = report.summary;
  const levels = [...LEVELS].reverse() as Level[];
  const reviews = !!report.provenance?.history;
  emit(
    html`<section id="overview" aria-labelledby="overview-h">
<h2 id="overview-h" tabindex="-1">Overview</h2>
<p class="counts">${plural(s.total, 'record')}: ${s.evaluated} checked, ${s.invalid} could not be checked. ${levels
      .filter((l) => s.byLevel[l])
      .map((l) => html`${badge(l)} ${s.byLevel[l]} `)}</p>
<form class="filters noprint" aria-label="Filter applicants">
<fieldset><legend>Level</legend>${levels.map(
      (l) => html`<label><input type="checkbox" name="level" value="${l}" checked> ${l} (${s.byLevel[l]})</label>`,
    )}</fieldset>
<fieldset><legend>Family of findings</legend>${FAMILIES.map(
      (f) => html`<label><input type="checkbox" name="family" value="${f}" checked> ${f}</label>`,
    )}<label><input type="checkbox" name="family" value="" checked> no findings</label></fieldset>
</form>
<p id="shown" class="noprint" role="status" aria-live="polite">Showing all ${plural(report.applicants.length, 'applicant')}, highest risk first.</p>
<table id="applicants" class="overview">
<caption>Applicants, highest risk first.<span class="noprint"> Select a column heading to sort.</span></caption>
<thead><tr>${sortable('id', 'Applicant')}${sortable('name', 'Name')}${sortable('risk', 'Level', true)}${sortable('score', 'Score')}<th scope="col">Findings</th><th scope="col">Families</th><th scope="col">Top finding</th><th scope="col">Review</th></tr></thead>
<tbody>`.html,
  );
  for (const i of order) emit(row(report.applicants.at(i)!, i, `a${i + 1}`, reviews).html);
  emit(`</tbody>
</table>
</section>`);
}
