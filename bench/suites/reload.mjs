/**
 * Reload suite (issue 5): what hot-reloading a route set costs.
 *
 * 1. Time to replace a 1,000-route set inside a router of 10,000 routes (9,000 of its own
 *    plus the set), in this process: median, p90 and max over 60 replaces after 10 of
 *    warm-up. Target: under 20 ms. Two defines: plain `r.get(…)` calls, whose registration
 *    lines are captured from the stack, and the form a manifest takes (`watch()`), which
 *    names its entries instead.
 * 2. Request latency, p50 and p99, from autocannon (10 connections, bounded duration) on
 *    127.0.0.1 against that app in a child process, with the set replaced every 20 ms on
 *    the serving event loop, and with no reloads.
 *
 * Standalone: `node bench/suites/reload.mjs` (not wired into bench/run.mjs yet). Prints
 * markdown tables; with `--json`, the raw figures as JSON as well.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Router } from '@switchyard/express-adapter';
import { formatNumber, median, table } from '../lib/stats.mjs';

const SERVER = fileURLToPath(new URL('./reload-server.mjs', import.meta.url));
const ROUTER_ROUTES = 9000;
const SET_ROUTES = 1000;
const WARMUP = 10;
const RUNS = 60;
const DURATION_S = Number(process.env.RELOAD_BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

function replaceTimes(named) {
  const router = Router();
  for (let i = 0; i < ROUTER_ROUTES; i++) router.get(`/fixed/${i}/:id`, (req, res) => res.end());
  const set = router.routeSet('catalog');
  const handler = (req, res) => res.end();
  const define = named
    ? (r) => {
        for (let i = 0; i < SET_ROUTES; i++) {
          // What watch() does for a manifest entry: the source is the entry, not a stack frame.
          r.registrationSource = `catalog.json entry ${i}`;
          r.get(`/catalog/${i}/:id`, handler);
        }
        r.registrationSource = undefined;
      }
    : (r) => {
        for (let i = 0; i < SET_ROUTES; i++) r.get(`/catalog/${i}/:id`, handler);
      };
  for (let i = 0; i < WARMUP; i++) set.replace(define);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    set.replace(define);
    times.push(performance.now() - started);
  }
  if (router.stack.length !== ROUTER_ROUTES + SET_ROUTES) throw new Error(`expected ${ROUTER_ROUTES + SET_ROUTES} layers, got ${router.stack.length}`);
  times.sort((a, b) => a - b);
  return { median: median(times), p90: times[Math.floor(times.length * 0.9)], max: times[times.length - 1] };
}

function startServer(mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /port (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), output: () => out });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`reload server (${mode}) exited with ${code}: ${out}`)));
  });
}

async function latency(mode) {
  const { child, port, output } = await startServer(mode);
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      // Half the requests to the set, half to the router's own routes.
      requests: [{ path: '/catalog/500/7' }, { path: '/fixed/4500/7' }],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    const reloads = /reloads (\d+) ([\d.]+)/.exec(output());
    return {
      mode,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requestsPerSecond: result.requests.average,
      errors: result.errors + result.non2xx,
      reloads: reloads ? Number(reloads[1]) : 0,
      reloadMedianMs: reloads ? Number(reloads[2]) : 0,
    };
  } finally {
    child.kill();
  }
}

const replace = { captured: replaceTimes(false), named: replaceTimes(true) };
console.log(`## Replacing a ${SET_ROUTES.toLocaleString('en-US')}-route set in a ${(ROUTER_ROUTES + SET_ROUTES).toLocaleString('en-US')}-route router (target < 20 ms)\n`);
console.log(
  table(
    ['define', 'median ms', 'p90 ms', 'max ms'],
    [
      ['`r.get()` calls (sources from the stack)', ...['median', 'p90', 'max'].map((k) => formatNumber(replace.captured[k]))],
      ['manifest entries (named sources, as `watch()`)', ...['median', 'p90', 'max'].map((k) => formatNumber(replace.named[k]))],
    ],
  ),
);

const runs = [];
for (const mode of ['none', 'every20']) runs.push(await latency(mode));
console.log(`\n## Request latency during reloads (${CONNECTIONS} connections, ${DURATION_S} s, 127.0.0.1)\n`);
console.log(
  table(
    ['reloads', 'p50 ms', 'p99 ms', 'req/s', 'errors + non-2xx', 'reloads done', 'median reload ms'],
    runs.map((r) => [
      r.mode === 'none' ? 'none' : 'every 20 ms',
      formatNumber(r.p50),
      formatNumber(r.p99),
      formatNumber(r.requestsPerSecond),
      String(r.errors),
      String(r.reloads),
      r.reloads ? formatNumber(r.reloadMedianMs) : '-',
    ]),
  ),
);
if (process.argv.includes('--json')) console.log(`\n${JSON.stringify({ replace, latency: runs }, null, 2)}`);
