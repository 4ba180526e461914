// Loaded with `node --import` into a CLI run by bench/run.js: at exit, writes the process's peak
// RSS and CPU time (all threads) to BENCH_RSS_FILE. The CLI itself is not changed for the bench.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(
    process.env.BENCH_RSS_FILE,
    JSON.stringify({ maxRssMB: Math.round(u.maxRSS / 1024), cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }),
  );
});
