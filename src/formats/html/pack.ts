import type { ApplicantResult, Link, Report } from '../../model/report.js';
import type { Finding } from '../../model/finding.js';
import { FAMILIES } from '../../model/levels.js';
import { LEVEL_THRESHOLDS } from '../../score/score.js';
import { showValue } from '../../runtime/message-template.js';
import { severityRank } from '../finding-order.js';
import { badge } from './level-badge.js';
import { html, raw, safeUrl, type Raw } from './escape.js';
import { decisionText, reviewLabel } from '../review.js';
import { plural } from '../../util/plural.js';

/** Where each applicant's evidence pack lives in the page, by id (first record of an id wins). */
export type Anchors = Map<string, string>;

export function anchorsOf(report: Report): Anchors {
  const out: Anchors = new Map();
  let i = 0;
  for (const a of report.applicants) {
    i++;
    if (!out.has(a.id)) out.set(a.id, `a${i}`);
  }
  return out;
}

/** Each applicant's links by id, in report order: one pass over the links, not one per pack (a million packs × 56,000 links). */
export type LinksByApplicant = Map<string, Link[]>;

export function linksByApplicant(report: Report): LinksByApplicant {
  const out: LinksByApplicant = new Map();
  for (const l of report.links)
    for (const id of new Set(l.applicants)) {
      let mine = out.get(id);
      if (!mine) out.set(id, (mine = []));
      mine.push(l);
    }
  return out;
}

function evidenceRows(f: Finding): Raw {
  if (f.evidence.length === 0) return html``;
  return html`<table class="evidence"><caption>Evidence</caption><thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Tested against</th></tr></thead><tbody>${f.evidence.map(
    (e) => html`<tr><td><code>${e.path}</code></td><td class="value">${showValue(e.value)}</td><td>${e.note ?? ''}</td></tr>`,
  )}</tbody></table>`;
}

function findingBlock(f: Finding, n: number, packId: string): Raw {
  const refs = f.references.map((r) => {
    const url = safeUrl(r.url);
    const title = [r.title, r.date].filter(Boolean).join(', ');
    return url
      ? html`<li><a href="${url}" rel="noreferrer noopener">${title}</a> <span class="url">${url}</span></li>`
      : html`<li>${title}${r.url ? ` — ${r.url}` : ''}</li>`;
  });
  return html`<section class="finding" id="${packId}-f${n}" aria-labelledby="${packId}-f${n}-h">
<h4 id="${packId}-f${n}-h">${badge(f.severity)} ${f.title} <code class="rule">${f.ruleId}</code></h4>
${f.message ? html`<p class="message">${f.message}</p>` : ''}
${evidenceRows(f)}
<dl class="fdl">
<dt>Next step</dt><dd>${f.next}</dd>
${f.falsepositives.length ? html`<dt>Benign explanations</dt><dd><ul>${f.falsepositives.map((x) => html`<li>${x}</li>`)}</ul></dd>` : ''}
${refs.length ? html`<dt>Sources</dt><dd><ul class="refs">${refs}</ul></dd>` : ''}
</dl>
</section>`;
}

function scoreBlock(a: ApplicantResult): Raw {
  const bands = LEVEL_THRESHOLDS.map(([l, m]) => `${l} ≥ ${m}`).join(', ');
  if (a.contributions.length === 0) return html`<p>No scored findings: score 0/100 (${bands}).</p>`;
  const formula =
    a.contributions.length > 1
      ? `1 − ${a.contributions.map((x) => `(1 − ${x.strength.toFixed(3)})`).join(' × ')} = ${a.score}/100`
      : `${a.contributions[0]!.strength.toFixed(3)} × 100 = ${a.score}/100`;
  return html`<table class="score"><caption>How the score was formed</caption>
<thead><tr><th scope="col">Family</th><th scope="col">Findings</th><th scope="col">Strength (0–1)</th></tr></thead>
<tbody>${a.contributions.map((c) => html`<tr><td>${c.family}</td><td>${c.findings}</td><td>${c.strength.toFixed(3)}</td></tr>`)}</tbody></table>
<p class="formula">Families count as independent evidence: ${formula}. Within a family each further finding counts half as much as the one before. Levels: ${bands}.</p>`;
}

function linksBlock(a: ApplicantResult, links: LinksByApplicant, anchors: Anchors): Raw {
  const mine = links.get(a.id);
  if (!mine) return html``;
  const other = (l: Link) =>
    l.applicants
      .map((id, i) => ({ id, source: l.sources?.[i] }))
      .filter((o) => o.id !== a.id)
      .map((o) => {
        const anchor = anchors.get(o.id);
        return anchor && !o.source?.startsWith('history:')
          ? html`<a href="#${anchor}">${o.id}</a>`
          : html`<span>${o.id}</span>${o.source ? html` <span class="src">(${o.source.replace(/^history: /, '')})</span>` : ''}`;
      });
  return html`<section class="links" aria-labelledby="${anchors.get(a.id)}-links"><h3 id="${anchors.get(a.id)}-links">Links to other applicants</h3><ul>${mine.map(
    (l) =>
      html`<li>${l.severity ? badge(l.severity) : ''} <strong>${l.kind}</strong>: shared with ${joinRaw(other(l))}. Shared value: <span class="value">${l.value}</span>${l.note ? html` — ${l.note}` : ''}</li>`,
  )}</ul></section>`;
}

function joinRaw(items: Raw[]): Raw {
  return raw(items.map((r) => r.html).join(', '));
}

function reviewBlock(a: ApplicantResult, report: Report): Raw {
  const r = a.review;
  // Without a history there is nowhere a decision could have been recorded: say nothing.
  if (!r) return report.provenance?.history ? html`<p class="review none"><strong>Review:</strong> no decision recorded yet.</p>` : html``;
  const d = r.decision;
  return html`<div class="review st-${d.status}"><p><strong>Review: ${reviewLabel(a)}</strong> — ${decisionText(r)}.</p>${d.note ? html`<blockquote>${d.note}</blockquote>` : ''}</div>`;
}

function historyBlock(a: ApplicantResult, anchor: string): Raw {
  if (!a.history?.length) return html``;
  return html`<section class="history" aria-labelledby="${anchor}-hist"><h3 id="${anchor}-hist">Earlier checks of this applicant</h3><ul>${a.history.map(
    (h) =>
      html`<li>Run ${h.runId}, ${h.checkedAt.slice(0, 10)}: ${badge(h.level)} ${h.ruleIds.length ? h.ruleIds.join(', ') : 'no findings'} (rules ${h.rulesVersion})</li>`,
  )}</ul></section>`;
}

function notCheckedBlock(a: ApplicantResult, anchor: string): Raw {
  if (!a.notEvaluated.length) return html``;
  return html`<section class="notchecked" aria-labelledby="${anchor}-nc"><h3 id="${anchor}-nc">What could not be checked, and what to collect</h3>
<p>These checks had no data in the record. Collecting the field named lets a later run check it.</p><ul>${a.notEvaluated.map((n) => html`<li>${n}</li>`)}</ul></section>`;
}

function provenanceLine(a: ApplicantResult, report: Report): Raw {
  const file = a.location.file;
  const input = report.provenance?.inputs.find((i) => i.path === file);
  return html`<p class="prov">From <code>${a.source}</code>${input?.sha256 ? html` (file SHA-256 <code>${input.sha256}</code>)` : ''} · dprk-check ${report.tool.version} · rules ${report.tool.rulesVersion} · generated ${report.generatedAt}</p>`;
}

/** One applicant's evidence pack: everything a reviewer needs, on its own printed page. */
export function packHtml(a: ApplicantResult, report: Report, anchors: Anchors, links: LinksByApplicant, index: number, disclaimer: string): Raw {
  const anchor = `a${index + 1}`;
  const findings = [...a.findings].sort(
    (x, y) => FAMILIES.indexOf(x.family) - FAMILIES.indexOf(y.family) || severityRank(y.severity) - severityRank(x.severity),
  );
  let n = 0;
  const byFamily = FAMILIES.map((family) => {
    const fs = findings.filter((f) => f.family === family);
    if (fs.length === 0) return html``;
    return html`<section class="family"><h3>${family[0]!.toUpperCase()}${family.slice(1)} (${fs.length})</h3>${fs.map((f) => findingBlock(f, ++n, anchor))}</section>`;
  });
  return html`<article class="pack" id="${anchor}" aria-labelledby="${anchor}-h" data-level="${a.level}">
<header class="pack-head">
<h2 id="${anchor}-h" tabindex="-1">Applicant <span class="id">${a.id}</span>${a.name ? html` — <span class="name">${a.name}</span>` : ''}</h2>
<p class="risk">Risk ${badge(a.level)} score <strong>${a.score}</strong>/100 · ${plural(a.findings.length, 'finding')}</p>
</header>
${reviewBlock(a, report)}
${a.warnings.length ? html`<ul class="warnings">${a.warnings.map((w) => html`<li>Warning: ${w.message}</li>`)}</ul>` : ''}
${scoreBlock(a)}
${a.findings.length ? byFamily : html`<p>No red flags found by the rules that could run.</p>`}
${a.suppressed?.length ? html`<section class="suppressed"><h3>Suppressed by configured exceptions</h3><ul>${a.suppressed.map((x) => html`<li><code>${x.ruleId}</code> (${x.severity}) ${x.title} — exception ${x.exception} (${x.source}): ${x.reason}</li>`)}</ul></section>` : ''}
${linksBlock(a, links, anchors)}
${historyBlock(a, anchor)}
${notCheckedBlock(a, anchor)}
${provenanceLine(a, report)}
<p class="disclaimer-print">${disclaimer}</p>
<p class="noprint"><a href="#overview">Back to the overview</a></p>
</article>`;
}
