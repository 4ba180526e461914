import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO, 'bin', 'dprk-check.js');
const GUARD = join(REPO, 'fuzz', 'lib', 'proto-guard.mjs');

export function assertBuilt() {
  if (!existsSync(join(REPO, 'dist', 'cli', 'bundle.js'))) throw new Error('fuzz: dist/ is not built; run `npm run build` first (npm run fuzz does)');
}

/**
 * Run the built CLI once as a child process: the only way to see an abort (exit 134), a stack
 * overflow or a hang for what it is. Killed (SIGKILL) past timeoutMs.
 */
export function runCli(argv, { cwd, timeoutMs, stdin, env = {} }) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', GUARD, BIN, ...argv], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', LANG: 'C.UTF-8', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    let outBytes = 0;
    let timedOut = false;
    child.stdout.on('data', (b) => {
      if ((outBytes += b.length) < 64 << 20) out.push(b);
    });
    child.stderr.on('data', (b) => {
      if (err.reduce((n, x) => n + x.length, 0) < 8 << 20) err.push(b);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** A tiny pool: at most `limit` jobs at once (2 cores). */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        results[k] = await fn(items[k], k);
      }
    }),
  );
  return results;
}

/**
 * A pool of long-lived worker processes (lib/worker.mjs). `run` has the same contract as runCli:
 * a hang (timeout) kills and replaces the worker, a crash (abort, overflow) is reported as the
 * signal or exit code of the dead worker. A worker is replaced after `recycle` runs and after any
 * pollution, so state never leaks far between cases.
 */
export class WorkerPool {
  constructor({ size = 2, recycle = 150 } = {}) {
    this.size = size;
    this.recycle = recycle;
    this.idle = [];
    this.waiting = [];
    this.all = new Set();
    this.seq = 0;
  }

  async spawnWorker() {
    const { fork } = await import('node:child_process');
    const child = fork(join(REPO, 'fuzz', 'lib', 'worker.mjs'), [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', LANG: 'C.UTF-8' },
    });
    const w = { child, runs: 0, stderr: '' };
    child.stderr.on('data', (b) => {
      w.stderr = (w.stderr + b.toString()).slice(-20000);
    });
    this.all.add(w);
    await new Promise((res, rej) => {
      child.once('message', (m) => (m.ready ? res() : rej(new Error('worker: bad hello'))));
      child.once('exit', (code) => rej(new Error(`worker died at start (${code}): ${w.stderr.slice(-500)}`)));
    });
    return w;
  }

  async acquire() {
    if (this.idle.length) return this.idle.pop();
    if (this.all.size < this.size) return this.spawnWorker();
    return new Promise((res) => this.waiting.push(res));
  }

  release(w, alive) {
    if (!alive || w.runs >= this.recycle) {
      this.all.delete(w);
      if (alive) w.child.kill('SIGKILL');
      if (this.waiting.length) this.spawnWorker().then(this.waiting.shift());
      return;
    }
    if (this.waiting.length) this.waiting.shift()(w);
    else this.idle.push(w);
  }

  async run(argv, { cwd, timeoutMs, stdin, env = {} }) {
    const w = await this.acquire();
    w.runs++;
    const id = ++this.seq;
    const started = process.hrtime.bigint();
    w.stderr = '';
    return new Promise((resolve) => {
      let done = false;
      const finish = (r, alive) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.child.removeListener('message', onMessage);
        w.child.removeListener('exit', onExit);
        this.release(w, alive && !r.polluted);
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ...r });
      };
      const onMessage = (m) => {
        if (m.id === id) finish({ code: m.code, signal: null, timedOut: false, stdout: m.stdout, stderr: m.stderr, polluted: m.polluted }, true);
      };
      // Died mid-run: an abort (SIGABRT, 134) or a fatal error; its stderr is the evidence.
      const onExit = (code, signal) => finish({ code: signal ? null : code, signal, timedOut: false, stdout: '', stderr: w.stderr }, false);
      const timer = setTimeout(() => {
        w.child.kill('SIGKILL');
        finish({ code: null, signal: 'SIGKILL', timedOut: true, stdout: '', stderr: w.stderr }, false);
      }, timeoutMs);
      w.child.on('message', onMessage);
      w.child.once('exit', onExit);
      w.child.send({ id, argv, cwd, stdin, env });
    });
  }

  close() {
    for (const w of this.all) w.child.kill('SIGKILL');
    this.all.clear();
    this.idle = [];
  }
}
