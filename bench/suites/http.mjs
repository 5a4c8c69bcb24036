/**
 * HTTP suite (issue 6 §3, issue 3's bench): an Express 5 app with 10 … 10,000 routes
 * (`/route<i>/:id`), every request hitting the last one, under autocannon (programmatic
 * API, 10 connections, bounded duration) on 127.0.0.1. Each server runs in a child
 * process (suites/http-server.mjs); autocannon runs here, in the parent. Before loading,
 * one request checks the server answers the last route correctly.
 */
import { fileURLToPath } from 'node:url';
import { medianOf, sampleServers } from '../lib/server-process.mjs';
import { loadAdapter } from '../lib/adapter.mjs';
import { formatNumber, formatRatio, table } from '../lib/stats.mjs';

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
  const runs = rounds * (quick ? 1 : 2);
  const { samples, errors } = await sampleServers({
    suite: 'http',
    script: SERVER,
    variants,
    counts: COUNTS,
    runs,
    pathFor: (count) => `/route${count - 1}/42`,
    bodyFor: (count) => `route${count - 1}:42`,
    warmup,
    duration,
    connections: CONNECTIONS,
    log,
  });

  const rps = (v, n) => medianOf(samples, v, n, 'rps');
  const p99 = (v, n) => medianOf(samples, v, n, 'p99');
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
  const markdown = [
    `Requests per second (higher is better), median of ${runs} run(s) of ${duration} s each ` +
      `(after ${warmup} s of warm-up), autocannon with ${CONNECTIONS} connections on 127.0.0.1, ` +
      'every request `GET /route<N-1>/42` (the last of N `/route<i>/:id` routes); a fresh server process per run, the runs going through the cells forwards and backwards by turns (so a drift in the load on the machine does not fall on the last cells). ' +
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
