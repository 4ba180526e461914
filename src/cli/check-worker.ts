// The entry of a --jobs worker thread (bundled as dist/cli/worker-bundle.js). It rebuilds what the
// main thread checks with from the same files — rule packs (through the rule cache), configuration,
// IP data, allow-list — and refuses to check if it does not end up with the same rule set.
import { parentPort, workerData } from 'node:worker_threads';
import { adoptSharedFiles } from '../util/shared-files.js';
import { loadRuleSet } from '../ruleset/load.js';
import { activeRules } from '../evaluate/evaluate.js';
import { tuneRuleSet } from '../config/tune-rules.js';
import { loadConfig } from '../config/load-config.js';
import { OfflineIpResolver } from '../intel/ip-resolver.js';
import { loadAllowList } from '../correlate/allow-list.js';
import { linkExceptions, type BatchCheck } from '../pipeline/jobs/batch-check.js';
import { serveChecks } from '../pipeline/jobs/serve.js';
import type { WorkerReply, WorkerSetup } from '../pipeline/jobs/wire.js';
import type { CompiledRule } from '../model/rule.js';
import { plural } from '../util/plural.js';

function prepare(setup: WorkerSetup): { rules: CompiledRule[]; check: BatchCheck } {
  const config = setup.configFile ? loadConfig({ cwd: setup.cwd, file: setup.configFile }).config : undefined;
  if (setup.configFile && !config) throw new Error(`the configuration ${setup.configFile} could not be read again`);
  const tuned = tuneRuleSet(loadRuleSet({ paths: setup.rulePaths, cwd: setup.cwd, listAdditions: config?.lists, lintCases: false }), config);
  const rules = activeRules(tuned.rules);
  if (rules.length !== setup.expect.rules || tuned.version !== setup.expect.version) {
    throw new Error(
      `the rule files changed during the run (${plural(rules.length, 'rule')}, version ${tuned.version}; the run started with ${setup.expect.rules}, ${setup.expect.version})`,
    );
  }
  const ip = new OfflineIpResolver({ files: setup.ipData });
  const allow = setup.allowShared ? loadAllowList(setup.allowShared) : undefined;
  return {
    rules,
    check: {
      strict: setup.strict,
      enrich: { ip },
      exceptions: tuned.exceptions,
      keys: { ipAllowed: allow?.ipAllowed },
      linkExceptions: linkExceptions(rules, tuned.exceptions),
    },
  };
}

const setup = workerData as WorkerSetup;
const port = setup?.port ?? parentPort;
if (port) {
  adoptSharedFiles(setup.sharedFiles);
  let ready: ReturnType<typeof prepare> | undefined;
  try {
    ready = prepare(setup);
  } catch (e) {
    const reply: WorkerReply = { type: 'failed', message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
  if (ready) serveChecks(port, ready.rules, ready.check, setup.crashOn ? { on: setup.crashOn, by: setup.crashBy ?? 'exit' } : undefined);
}
