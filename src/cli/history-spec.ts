import type { CliIO } from './io.js';
import { loadConfig } from '../config/load-config.js';
import { openHistory } from '../history/open-store.js';
import { HistoryError } from '../history/history-error.js';
import type { HistoryStore } from '../history/store.js';

/**
 * The history a subcommand (history, review) works on: --history, else `history:` of the
 * configuration file. Subcommands do not run the root command's configuration hook, so it is read here.
 */
export function historySpec(given: string | undefined, io: CliIO, config?: string): { store?: string; retention?: string } {
  if (given) return { store: given };
  const load = loadConfig({ cwd: io.cwd, file: config });
  return load.config?.history ?? {};
}

/** Open it — an SQLite file must exist: these commands never create a history — or say in one line why not (exit 2). */
export async function withHistory(spec: string | undefined, io: CliIO, fn: (store: HistoryStore) => Promise<number>): Promise<number> {
  if (!spec) {
    io.stderr.write('dprk-check: no history named: give --history PATH (an SQLite file or postgres://…), or history: in .dprk-check.yaml\n');
    return 2;
  }
  let store: HistoryStore | undefined;
  try {
    store = await openHistory(spec, io.cwd, { existing: true });
    return await fn(store);
  } catch (e) {
    if (!(e instanceof HistoryError)) throw e;
    io.stderr.write(`dprk-check: ${e.message}\n`);
    return 2;
  } finally {
    await store?.close();
  }
}
