/**
 * What tests do when something they need is not on this machine (a browser, a database server, an
 * SQLite back end): on a developer machine they skip and say why; in CI (CI=true) it is a failure,
 * so tests can never silently stop running there. Returns false, for `describe.runIf`.
 */
export function unavailable(tests: string, why: string, remedy: string): false {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${why}: ${remedy}`);
  console.warn(`${tests} skipped: ${why} (${remedy})`);
  return false;
}
