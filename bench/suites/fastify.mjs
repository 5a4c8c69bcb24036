/**
 * Fastify suite (issue 7): Fastify 5's native routes against the same routes in a
 * @switchyard/fastify set, 10 … 1,000 `/api/route<i>/:id` routes, every request hitting
 * the last one, under autocannon (programmatic API, 10 connections, bounded duration) on
 * 127.0.0.1. Each server runs in a child process (suites/fastify-server.mjs); autocannon
 * runs here. One request checks each server answers correctly before it is loaded.
 *
 * Standalone: `node bench/suites/fastify.mjs [--quick]` prints the table. Also exports
 * `run({ quick, rounds, log })` in the shape of the other suites, for bench/run.mjs.
 */
import { fileURLToPath } from 'node:url';
import { medianOf, sampleServers } from '../lib/server-process.mjs';
import { formatNumber, formatRatio, table } from '../lib/stats.mjs';

const SERVER = fileURLToPath(new URL('./fastify-server.mjs', import.meta.url));
const COUNTS = [10, 100, 1000];
const VARIANTS = {
  'fastify-native': 'Fastify 5, native routes (`app.get`, find-my-way)',
  'fastify-switchyard': 'Fastify 5, the same routes in a `@switchyard/fastify` set',
};
const BASELINE = 'fastify-native';
const CONNECTIONS = 10;

export async function run({ quick = false, rounds = 1, log = () => {} } = {}) {
  const duration = quick ? 1.5 : 4;
  const warmup = quick ? 0.5 : 1;
  const runs = rounds * (quick ? 1 : 2);
  const { samples, errors } = await sampleServers({
    suite: 'fastify',
    script: SERVER,
    variants: Object.keys(VARIANTS),
    counts: COUNTS,
    runs,
    pathFor: (count) => `/api/route${count - 1}/42`,
    bodyFor: (count) => `route${count - 1}:42`,
    warmup,
    duration,
    connections: CONNECTIONS,
    log,
  });

  const pick = (v, n, key) => medianOf(samples, v, n, key);
  const rows = Object.keys(VARIANTS).map((v) => [
    VARIANTS[v],
    ...COUNTS.map((n) => `${formatNumber(pick(v, n, 'rps'))} (${formatRatio(pick(v, n, 'rps') / pick(BASELINE, n, 'rps'))})`),
  ]);
  const latencyRows = Object.keys(VARIANTS).map((v) => [VARIANTS[v], ...COUNTS.map((n) => formatNumber(pick(v, n, 'p99')))]);
  const markdown = [
    `Requests per second (higher is better), median of ${runs} run(s) of ${duration} s each ` +
      `(after ${warmup} s of warm-up), autocannon with ${CONNECTIONS} connections on 127.0.0.1, ` +
      'every request `GET /api/route<N-1>/42` (the last of N `/api/route<i>/:id` routes); a fresh server process per run, the runs going through the cells forwards and backwards by turns (so a drift in the load on the machine does not fall on the last cells). ' +
      'Cell: req/s (ratio = this ÷ Fastify native). autocannon and the server share the machine\'s cores.',
    '',
    table(['server', ...COUNTS.map((n) => `${n.toLocaleString('en-US')} routes`)], rows),
    '',
    'p99 latency (ms), medians:',
    '',
    table(['server', ...COUNTS.map((n) => `${n.toLocaleString('en-US')} routes`)], latencyRows),
    ...(errors.length ? ['', '**Errors**:', '', ...errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
  return { markdown, raw: { samples, errors } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const { markdown } = await run({ quick, rounds: 1, log: (line) => console.error(line) });
  console.log(markdown);
}
