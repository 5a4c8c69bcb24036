/**
 * The figures in README.md's "The same runs, measured": the flamegraph app under the same
 * load, profiled with `node --cpu-prof` instead of 0x, and read back:
 *
 *   node flamegraphs/stats.mjs <express|switchyard> [seconds]
 *
 * Prints the requests served, the deepest stack below the outermost router frame (Express:
 * `handle` in router@2's index.js; Switchyard: the adapter's `handle`/`dispatchRouter`),
 * and the CPU time sampled under router frames per request. Load: autocannon, 10
 * connections, on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const [variant, secondsArg = '4'] = process.argv.slice(2);
if (variant !== 'express' && variant !== 'switchyard') throw new Error('usage: node flamegraphs/stats.mjs <express|switchyard> [seconds]');
const seconds = Number(secondsArg);
if (!(seconds > 0 && seconds <= 60)) throw new Error('seconds must be 1 to 60');

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'switchyard-flame-stats-'));
const app = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(here, 'app.mjs'), variant, '1000'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((resolve, reject) => {
  app.once('exit', () => reject(new Error('the app exited before listening')));
  app.stdout.on('data', (chunk) => {
    const match = /:(\d+)\s*$/.exec(String(chunk).trim());
    if (match) resolve(Number(match[1]));
  });
});
const load = await autocannon({ url: `http://127.0.0.1:${port}/route999/42`, connections: 10, duration: seconds });
app.kill('SIGINT');
await new Promise((resolve) => app.once('exit', resolve));

const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
rmSync(dir, { recursive: true, force: true });
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const isRouter = ({ callFrame: { url, functionName } }) =>
  variant === 'express'
    ? url.includes('/router/index.js') && functionName === 'handle'
    : url.includes('express-adapter/dist') && (functionName === 'handle' || functionName === 'dispatchRouter');

const counts = new Map();
for (const sample of profile.samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
const interval = (profile.endTime - profile.startTime) / profile.samples.length; // µs
let deepest = 0;
let underRouter = 0;
for (const [id, count] of counts) {
  const chain = [];
  for (let at = id; at !== undefined; at = parent.get(at)) chain.push(byId.get(at));
  // chain[0] is the sampled frame; the outermost router frame is the last one found.
  let outer = -1;
  for (let i = chain.length - 1; i >= 0 && outer === -1; i--) if (isRouter(chain[i])) outer = i;
  if (outer === -1) continue;
  deepest = Math.max(deepest, outer);
  underRouter += count;
}
const perRequest = (underRouter * interval) / load.requests.total;
console.log(
  `${variant}: ${load.requests.total} requests in ${seconds} s, deepest ${deepest} frames below the router, ` +
    `${perRequest.toFixed(0)} µs under router frames per request`,
);
