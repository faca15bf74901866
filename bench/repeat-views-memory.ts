// What remembering repeat views costs: a million visitor-article pairs in MemoryRepeatViews,
// measured as heap growth, and the time per view. README quotes its output.
// Usage: npm run build && node --expose-gc dist/bench/repeat-views-memory.js [pairs]
import { randomUUID } from 'node:crypto';
import { MemoryRepeatViews } from '../src/popularity/repeat-views.js';

const pairs = Number(process.argv[2] ?? 1_000_000);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with node --expose-gc');

// Visitor ids as a front end would make them (UUIDs), made before measuring, as flat strings.
const visitors = Array.from({ length: pairs }, () => ` ${randomUUID()}`.slice(1));
collect();
collect();
const before = process.memoryUsage().heapUsed;
const repeats = new MemoryRepeatViews(pairs, 30 * 60_000);
const now = Date.now();
const started = performance.now();
for (let index = 0; index < pairs; index += 1) repeats.isRepeat(visitors[index] ?? '', index % 10_000, now);
const insertNs = ((performance.now() - started) * 1e6) / pairs;
collect();
collect();
const bytes = process.memoryUsage().heapUsed - before;
const checkStarted = performance.now();
let repeated = 0;
for (let index = 0; index < pairs; index += 1) {
  if (repeats.isRepeat(visitors[index] ?? '', index % 10_000, now)) repeated += 1;
}
const checkNs = ((performance.now() - checkStarted) * 1e6) / pairs;
console.log(
  `${pairs.toLocaleString('en-US')} pairs: ${(bytes / 2 ** 20).toFixed(1)} MiB of heap, ${(bytes / pairs).toFixed(0)} bytes a pair; ` +
    `${insertNs.toFixed(0)} ns a new view, ${checkNs.toFixed(0)} ns a repeat (${repeated} repeats found)`,
);
