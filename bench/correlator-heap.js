// The Correlator alone over a generated export: live heap after indexing and after `finish`, peak
// RSS and wall time, in memory or spilled to disk. Usage (a built dist/, or DIST=other/dist):
//   node --expose-gc bench/correlator-heap.js export.ndjson [spillAfter]
// Records are fed as they are in the file (the generator writes the applicant model), without
// checking them, so the figures are the link index's own.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, spill] = process.argv.slice(2);
const dist = resolve(process.env.DIST ?? 'dist');
const { Correlator } = await import(pathToFileURL(`${dist}/correlate/correlator.js`).href);
const gc = globalThis.gc ?? (() => {});
const heap = () => (gc(), gc(), process.memoryUsage().heapUsed);
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

const base = heap();
const c = new Correlator(spill === undefined ? {} : { spillAfter: Number(spill) });
const t0 = performance.now();
let n = 0;
let addMs = 0;
let addCpu = 0;
/** Highest RSS seen while indexing (sampled every 1000 records): the peak may come from `finish` instead. */
let rssIndexing = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const a = JSON.parse(line);
  const t = performance.now();
  const u = cpu();
  c.add(n, a, `${file}#${n + 1}`);
  addMs += performance.now() - t;
  addCpu += cpu() - u;
  n++;
  if (n % 1000 === 0) rssIndexing = Math.max(rssIndexing, process.memoryUsage.rss());
}
const indexed = heap() - base;
const t1 = performance.now();
const u1 = cpu();
const links = c.finish();
const finishMs = performance.now() - t1;
const finishCpu = cpu() - u1;
const after = heap() - base;
console.log(
  JSON.stringify({
    applicants: n,
    onDisk: c.onDisk ?? false,
    links: links.length,
    members: links.reduce((s, l) => s + l.members.length, 0),
    heapAfterIndexing: mb(indexed),
    heapAfterFinish: mb(after),
    peakRss: mb(process.resourceUsage().maxRSS * 1024),
    peakRssIndexing: mb(rssIndexing),
    addSeconds: +(addMs / 1000).toFixed(2),
    finishSeconds: +(finishMs / 1000).toFixed(2),
    // CPU time as well: on a shared machine wall time says more about the neighbours.
    addCpuSeconds: +(addCpu / 1000).toFixed(2),
    finishCpuSeconds: +(finishCpu / 1000).toFixed(2),
    wallSeconds: +((performance.now() - t0) / 1000).toFixed(2),
  }),
);
