// The checks DuckDB can express as SQL over the same NDJSON file, for `npm run bench`. What this
// does: per-record field comparisons and exact shared-value groups, in a columnar engine. What it
// does not do (and dprk-check does): schema validation with per-record errors, phone parsing
// (E.164, country, line type), IP → country/ASN, name/company fuzzy matching and
// transliteration, résumé similarity, watchlists, exceptions, evidence and messages per finding.
export const DUCKDB_CHECKS = {
  // payroll.bank-country-mismatch (without the rule's exceptions)
  'bank-country-mismatch': `SELECT count(*) FROM t WHERE payroll.bank.country IS NOT NULL AND claimedLocation.country IS NOT NULL AND payroll.bank.country <> claimedLocation.country`,
  // network.remote-access-tool
  'remote-access-tool': `SELECT count(*) FROM t WHERE len(network.remoteAccessTools) > 0`,
  // identity.camera-refused (observation listed)
  'camera-refused': `SELECT count(*) FROM t WHERE list_contains(flatten(list_transform(interviews, x -> x.observations)), 'camera_refused')`,
  // payroll.crypto-payroll
  'crypto-payroll': `SELECT count(*) FROM t WHERE payroll.method = 'crypto'`,
  // identity.reference-is-applicant, exact e-mail (lower-cased) or phone digits only
  'reference-is-applicant': `SELECT count(*) FROM t WHERE len(list_filter("references", r ->
      list_contains(list_transform(contact.emails, e -> lower(e)), lower(r.email))
      OR list_contains(list_transform(contact.phones, p -> regexp_replace(p, '[^0-9]', '', 'g')), regexp_replace(r.phone, '[^0-9]', '', 'g')))) > 0`,
  // network.session-country-mismatch (declared vs session-reported country)
  'session-country-mismatch': `SELECT count(*) FROM t WHERE len(list_filter(network.sessions, s -> s.country IS NOT NULL AND s.country <> claimedLocation.country)) > 0`,
  // links: groups of applicants sharing one exact value
  'links: shared account': `SELECT count(*) FROM (SELECT payroll.bank.accountFingerprint k FROM t WHERE k IS NOT NULL GROUP BY k HAVING count(DISTINCT id) > 1)`,
  'links: shared phone': `SELECT count(*) FROM (SELECT k FROM (SELECT id, regexp_replace(unnest(contact.phones), '[^0-9]', '', 'g') k FROM t) GROUP BY k HAVING count(DISTINCT id) > 1)`,
  'links: shared session IP': `SELECT count(*) FROM (SELECT k FROM (SELECT id, unnest(list_transform(network.sessions, s -> s.ip)) k FROM t) GROUP BY k HAVING count(DISTINCT id) > 1)`,
  'links: shared ship-to': `SELECT count(*) FROM (SELECT lower(concat_ws('|', equipment.shipTo.line1, equipment.shipTo.postalCode, equipment.shipTo.country)) k FROM t WHERE equipment.shipTo IS NOT NULL GROUP BY k HAVING count(DISTINCT id) > 1)`,
};

/** Load the file into a table and run every check; returns counts and milliseconds. */
export async function runDuckdb(file) {
  const t0 = performance.now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`CREATE TABLE t AS SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', sample_size = 20480)`);
  const loadMs = performance.now() - t0;
  const counts = {};
  for (const [name, sql] of Object.entries(DUCKDB_CHECKS)) counts[name] = Number((await c.runAndReadAll(sql)).getRows()[0][0]);
  const records = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
  return { records, loadMs, ms: performance.now() - t0, counts };
}
