/**
 * The page's only style sheet and script, inlined: the report is one file that works offline and
 * as an e-mail attachment. The Content-Security-Policy allows exactly these two by SHA-256 hash,
 * so markup smuggled in through a value could not run even if escaping ever failed.
 */
export const STYLE = `
:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--panel:#f4f4f4;--link:#0b4f9c}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:72rem;padding:0 1rem 3rem}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:2}
h1{font-size:1.6rem;margin:1.2rem 0 .2rem}h2{font-size:1.3rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1.1rem 0 .4rem}h4{font-size:1rem;margin:.2rem 0 .4rem}
.meta,.prov,.src,.url{color:var(--muted);font-size:.85rem}
.disclaimer{border:2px solid #7a4d00;background:#fff6e0;padding:.6rem .9rem;border-radius:4px;font-weight:600}
.redacted{border:1px solid #555;background:var(--panel);padding:.4rem .8rem}
.badge{display:inline-block;padding:0 .45rem;border-radius:3px;font-weight:700;font-size:.8rem;letter-spacing:.02em;white-space:nowrap;border:1px solid transparent}
.lv-critical{background:#8b0000;color:#fff}.lv-high{background:#b3261e;color:#fff}.lv-medium{background:#f2c94c;color:#1a1a1a;border-color:#8a6d00}
.lv-low{background:#d7e8fa;color:#0b3d6b;border-color:#6b95c2}.lv-none,.lv-info{background:#e6f2e6;color:#1e4620;border-color:#7aa57a}
table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem}caption{text-align:left;font-weight:600;padding:.2rem 0;color:var(--muted)}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--panel)}tbody th{white-space:nowrap}.overview td:nth-child(2){max-width:16rem;overflow-wrap:anywhere}td.num{text-align:right;font-variant-numeric:tabular-nums}
button.sort{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;color:var(--fg);text-decoration:underline dotted}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;margin:.5rem 0}
fieldset{border:1px solid var(--line);border-radius:4px;padding:.3rem .7rem}legend{font-weight:600}
fieldset label{margin-right:.8rem;white-space:nowrap}
.pack{border-top:3px solid var(--fg);margin-top:2.5rem;padding-top:.5rem}
.pack-head h2{margin-bottom:.2rem}.risk{font-size:1.05rem}
.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:4px;padding:.5rem .8rem;margin:.6rem 0;break-inside:avoid}
code{font-family:ui-monospace,Consolas,monospace;font-size:.85em;background:var(--panel);padding:0 .2rem;border-radius:2px;overflow-wrap:anywhere}
code.rule{color:var(--muted);font-weight:400}
.evidence td:first-child{width:30%}
.value{font-family:ui-monospace,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.fdl{display:grid;grid-template-columns:11rem 1fr;gap:.2rem .8rem;margin:.3rem 0}.fdl dt{font-weight:600}.fdl dd{margin:0}.fdl ul{margin:0;padding-left:1.1rem}
.review{border:1px solid var(--line);background:var(--panel);padding:.3rem .8rem;border-radius:4px}
.review blockquote{margin:.2rem 0 .4rem 1rem;font-style:italic}
.warnings{color:#6b4200}
.disclaimer-print{display:none}
footer{margin-top:3rem;border-top:1px solid var(--line)}
@media print{
  body{max-width:none;font-size:11pt;padding:0}
  .noprint,.filters,.skip{display:none!important}
  tr[hidden]{display:table-row!important}
  #overview{break-after:page}
  .pack{break-before:page;border-top:0;margin-top:0}
  .disclaimer-print{display:block;font-size:9pt;border-top:1px solid #999;margin-top:1rem;padding-top:.3rem}
  a{color:inherit;text-decoration:none}
  button.sort{text-decoration:none}
  .badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  .finding,.score,.review{break-inside:avoid}
}
`;

/**
 * Sorting and filtering of the overview table. The page is complete without it (every row and
 * pack is in the HTML, highest risk first), so a mail client that drops scripts loses nothing.
 */
export const SCRIPT = `
(function () {
  var table = document.getElementById('applicants');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var status = document.getElementById('shown');
  var sortKey = 'risk', desc = true;
  var cmp = {
    risk: function (a, b) { return (+a.dataset.score - +b.dataset.score) || (+a.dataset.rank - +b.dataset.rank) || (+b.dataset.order - +a.dataset.order); },
    score: function (a, b) { return (+a.dataset.score - +b.dataset.score) || (+b.dataset.order - +a.dataset.order); },
    id: function (a, b) { return a.dataset.id.localeCompare(b.dataset.id, undefined, { numeric: true }); },
    name: function (a, b) { return a.dataset.name.localeCompare(b.dataset.name); }
  };
  function sort() {
    var f = cmp[sortKey];
    rows.sort(function (a, b) { return desc ? f(b, a) : f(a, b); });
    rows.forEach(function (r) { tbody.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var arrow = th.querySelector('.arrow');
      if (th.dataset.col === sortKey) { th.setAttribute('aria-sort', desc ? 'descending' : 'ascending'); if (arrow) arrow.textContent = desc ? ' \\u25BC' : ' \\u25B2'; }
      else { th.removeAttribute('aria-sort'); if (arrow) arrow.textContent = ''; }
    });
  }
  function checked(name) {
    return Array.prototype.filter.call(document.querySelectorAll('input[name="' + name + '"]'), function (i) { return i.checked; }).map(function (i) { return i.value; });
  }
  function filter() {
    var levels = checked('level'), families = checked('family'), shown = 0;
    rows.forEach(function (r) {
      var fams = r.dataset.families ? r.dataset.families.split(' ') : [''];
      var ok = levels.indexOf(r.dataset.level) >= 0 && fams.some(function (f) { return families.indexOf(f) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + (rows.length === 1 ? ' applicant.' : ' applicants.');
  }
  table.addEventListener('click', function (e) {
    var b = e.target.closest('button.sort');
    if (!b) return;
    var key = b.dataset.sort;
    desc = key === sortKey ? !desc : (key === 'risk' || key === 'score');
    sortKey = key;
    sort();
  });
  document.querySelectorAll('.filters input').forEach(function (i) { i.addEventListener('change', filter); });
  document.querySelectorAll('a[href^="#a"]').forEach(function (a) {
    a.addEventListener('click', function () {
      var h = document.getElementById(a.getAttribute('href').slice(1) + '-h');
      if (h) setTimeout(function () { h.focus(); }, 0);
    });
  });
})();
`;
