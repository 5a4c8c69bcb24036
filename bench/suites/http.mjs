/**
 * HTTP suite (issue 6 §3, issue 3's bench): an Express 5 app with 10 … 10,000 routes
 * (`/route<i>/:id`), every request hitting the last one, under autocannon (programmatic
 * API, 10 connections, bounded duration) on 127.0.0.1. Each server runs in a child
 * process (suites/http-server.mjs); autocannon runs here, in the parent. Before loading,
 * one request checks the server answers the last route correctly.
 */
import { fileURLToPath } from 'node:url';
import { measureServer } from '../lib/server-process.mjs';
import { loadAdapter } from '../lib/adapter.mjs';
import { formatNumber, formatRatio, median, table } from '../lib/stats.mjs';

const SERVER = fileURLToPath(new URL('./http-server.mjs', import.meta.url));
const COUNTS = [10, 100, 1000, 10000];
const VARIANTS = {
  express: 'Express 5 (`app.get` on a plain app: `express.Router()`)',
  'express-born': 'Express 5, server from the adapter\'s `serverOptions(app)` (Express\'s own router)',
  'adapter-router': 'Switchyard adapter, `app.use(Router())`',
  'switchyard-app': 'Switchyard, `switchyard(app)`',
  'node-http': 'bare `node:http`, no routing (ceiling)',
};
const BASELINE = 'express';
const CONNECTIONS = 10;

export async function run({ quick, rounds, log }) {
  const duration = quick ? 1 : 4;
  const warmup = quick ? 0.3 : 1;
  const { adapter, reason } = await loadAdapter();
  const variants = Object.keys(VARIANTS).filter((v) => adapter || v === 'express' || v === 'node-http');
  const notes = [];
  if (!adapter) {
    notes.push(`Adapter rows skipped: ${reason}.`);
    log(`http: adapter rows skipped: ${reason}`);
  }
  const samples = {};
  const errors = [];
  for (let round = 0; round < rounds * (quick ? 1 : 2); round++) {
    for (const count of COUNTS) {
      for (const variant of variants) {
        const path = `/route${count - 1}/42`;
        try {
          const result = await measureServer({
            script: SERVER,
            args: [variant, String(count)],
            path,
            body: `route${count - 1}:42`,
            warmup,
            duration,
            connections: CONNECTIONS,
          });
          ((samples[variant] ??= {})[count] ??= []).push({
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
          });
          log(`http ${count} ${variant}: ${formatNumber(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
        } catch (error) {
          errors.push(`${variant} / ${count}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
          log(`http ${count} ${variant}: ERROR ${error.message}`);
        }
      }
    }
  }

  const rps = (v, n) => (samples[v]?.[n]?.length ? median(samples[v][n].map((s) => s.rps)) : NaN);
  const p99 = (v, n) => (samples[v]?.[n]?.length ? median(samples[v][n].map((s) => s.p99)) : NaN);
  const rows = Object.keys(VARIANTS).map((v) =>
    variants.includes(v)
      ? [
          VARIANTS[v],
          ...COUNTS.map((n) => `${formatNumber(rps(v, n))} (${formatRatio(rps(v, n) / rps(BASELINE, n))})`),
          formatRatio(rps(v, 10000) / rps(v, 10)),
        ]
      : [VARIANTS[v], ...COUNTS.map(() => 'skipped'), 'skipped'],
  );
  const latencyRows = variants.map((v) => [VARIANTS[v], ...COUNTS.map((n) => formatNumber(p99(v, n)))]);
  const runs = rounds * (quick ? 1 : 2);
  const markdown = [
    `Requests per second (higher is better), median of ${runs} run(s) of ${duration} s each ` +
      `(after ${warmup} s of warm-up), autocannon with ${CONNECTIONS} connections on 127.0.0.1, ` +
      'every request `GET /route<N-1>/42` (the last of N `/route<i>/:id` routes); a fresh server process per run. ' +
      `Cell: req/s (ratio = this ÷ Express). "10→10k": req/s at 10,000 routes ÷ at 10 (1.00x: flat). ` +
      'autocannon and the server share the 2 cores.',
    '',
    table(['server', ...COUNTS.map((n) => `${n.toLocaleString('en-US')} routes`), '10→10k'], rows),
    '',
    'p99 latency (ms), medians:',
    '',
    table(['server', ...COUNTS.map((n) => `${n.toLocaleString('en-US')} routes`)], latencyRows),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    ...(errors.length ? ['', '**Errors**:', '', ...errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
  return { markdown, raw: { samples, errors, notes } };
}
