import { createHash } from 'node:crypto';
import type { Report, RunError } from '../../model/report.js';
import type { Emit } from '../format.js';
import { html, raw, type Raw } from './escape.js';
import { STYLE, SCRIPT } from './assets.js';
import { anchorsOf, linksByApplicant, packHtml } from './pack.js';
import { byRisk, writeOverview } from './overview.js';
import { DISCLAIMER } from '../disclaimer.js';
import { errorReasons, moreText } from '../error-reasons.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

/**
 * Nothing may load from anywhere: no network, no external asset, no form, no frame. The one style
 * sheet and the one script are allowed by hash (not 'unsafe-inline').
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(STYLE)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function provenanceHtml(report: Report): Raw {
  const p = report.provenance;
  const data = Object.entries(report.tool.data ?? {});
  return html`<section id="provenance" aria-labelledby="prov-h"><h2 id="prov-h">What this report was made from</h2>
<dl class="fdl">
<dt>Tool</dt><dd>${report.tool.name} ${report.tool.version}</dd>
<dt>Rules and lists</dt><dd>version <code>${report.tool.rulesVersion}</code></dd>
<dt>Generated</dt><dd>${report.generatedAt}</dd>
<dt>Fail level</dt><dd>${report.failOn}</dd>
${data.length ? html`<dt>Data sets</dt><dd><ul>${data.map(([k, d]) => html`<li>${k}: ${d.name}${d.date ? `, dated ${d.date}` : ''}${d.licence ? `, licence ${d.licence}` : ''}</li>`)}</ul></dd>` : ''}
${p?.inputs.length ? html`<dt>Input files</dt><dd><table><thead><tr><th scope="col">File</th><th scope="col">Bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>${p.inputs.map((i) => html`<tr><td><code>${i.path}</code></td><td class="num">${i.bytes ?? ''}</td><td><code>${i.sha256 ?? 'not hashed (standard input)'}</code></td></tr>`)}</tbody></table></dd>` : ''}
${p?.history ? html`<dt>History</dt><dd>${p.history.store}${p.history.runId !== undefined ? `, this is run ${p.history.runId}` : ''}; ${p.history.earlierRuns} earlier run${p.history.earlierRuns === 1 ? '' : 's'} compared</dd>` : ''}
</dl></section>`;
}

/** Records that could not be checked, a row at a time (a damaged export can have one per line). */
/** The record, and why it could not be checked: its message, then its first problems, each with where it is. */
function errorRow(e: RunError): Raw {
  const { head, reasons, more } = errorReasons(e);
  const items = [...reasons, moreText(more)].filter(Boolean);
  return html`<tr><td><code>${e.source}</code></td><td>${head}${items.length ? html`<ul>${items.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</td></tr>`;
}

function writeErrors(report: Report, emit: Emit): void {
  if (!report.errors.length && !report.skipped?.length) return;
  emit(
    html`<section id="errors" aria-labelledby="err-h"><h2 id="err-h">Records that could not be checked (${report.errors.length})</h2>
`.html,
  );
  if (report.errors.length) {
    emit('<table><thead><tr><th scope="col">Source</th><th scope="col">Problem</th></tr></thead><tbody>');
    for (const e of report.errors) emit(errorRow(e).html);
    emit('</tbody></table>');
  }
  emit(
    html`
${report.skipped?.length ? html`<p>Skipped as not applicant data: ${report.skipped.map((s) => s.path).join(', ')}</p>` : ''}
</section>`.html,
  );
}

/** The whole page. Pure: the same report gives the same bytes. */
export function renderHtml(report: Report): string {
  const parts: string[] = [];
  writeHtml(report, (chunk) => parts.push(chunk));
  return parts.join('');
}

/**
 * The page in pieces, never whole: head, the overview a row at a time, errors a row at a time, one
 * evidence pack at a time, then the tail. Its size grows with the export (about 12 kB an applicant).
 */
export function writeHtml(report: Report, emit: Emit): void {
  const anchors = anchorsOf(report);
  const links = linksByApplicant(report);
  const order = byRisk(report.applicants);
  const title = `dprk-check report, ${report.generatedAt.slice(0, 10)}`;
  emit(
    html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(contentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#overview">Skip to the overview</a>
<header>
<h1>${title}</h1>
<p class="meta">dprk-check ${report.tool.version} · rules ${report.tool.rulesVersion} · generated ${report.generatedAt} · fail level ${report.failOn}</p>
<p class="disclaimer" role="note">${DISCLAIMER}</p>
${report.redacted ? html`<p class="redacted" role="note">Personal data is masked in this report (--redact): values read as [name], [email], [phone]…</p>` : ''}
${report.interrupted ? html`<p class="redacted" role="note">Interrupted: this report covers only the records read before the run was stopped.</p>` : ''}
</header>
<main>
`.html,
  );
  writeOverview(report, order, emit);
  emit('\n');
  writeErrors(report, emit);
  emit('\n<section id="packs" aria-label="Evidence packs, one per applicant">');
  for (const i of order) emit(packHtml(report.applicants.at(i)!, report, anchors, links, i, DISCLAIMER).html);
  emit(
    html`</section>
${provenanceHtml(report)}
</main>
<footer><p class="meta">${DISCLAIMER}</p></footer>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`.html,
  );
}
