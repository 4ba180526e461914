// A long-lived CLI process for the fuzzer: loads the built CLI once and runs one argv after
// another in-process (the same run() the launcher calls, with captured streams), so a case costs
// its own work, not a Node start. It is still a separate process: an abort or a stack overflow
// kills only it, and a hang is ended by the parent (SIGKILL) and the worker replaced.
import { Readable } from 'node:stream';
import { run } from '../../dist/cli/program.js';

const watched = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const snapshot = (o) => new Map(Reflect.ownKeys(o).map((k) => [k, Object.getOwnPropertyDescriptor(o, k)]));
const before = Object.fromEntries(Object.entries(watched).map(([n, o]) => [n, snapshot(o)]));

function pollution() {
  const changed = [];
  for (const [name, proto] of Object.entries(watched)) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      const old = before[name].get(key);
      if (!old || old.value !== d.value || old.get !== d.get || old.set !== d.set) changed.push(`${name}.prototype.${String(key)}`);
    }
  }
  return changed;
}

process.on('message', async (m) => {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (s) => {
        if (stdout.length < 64 << 20) stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s) => {
        if (stderr.length < 8 << 20) stderr += s;
        return true;
      },
    },
    stdin: Readable.from(m.stdin ? [Buffer.from(m.stdin)] : []),
    env: { CI: 'true', NO_COLOR: '1', ...m.env },
    cwd: m.cwd,
  };
  const started = process.hrtime.bigint();
  let code;
  try {
    code = await run(m.argv, io);
  } catch (e) {
    // run() never throws for user errors: this is what the launcher would show as a crash.
    stderr += `\n${e && e.stack ? e.stack : String(e)}\n`;
    code = 70;
  }
  const polluted = pollution();
  if (polluted.length) stderr += `\nFUZZ-PROTOTYPE-POLLUTED: ${polluted.join(', ')}\n`;
  process.send({ id: m.id, code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6, polluted: polluted.length > 0 });
});
process.send({ ready: true });
