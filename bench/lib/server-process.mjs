/**
 * HTTP servers for the load suites (http, fastify), each in a child process: start one
 * (it prints `{ "port": … }` on its first line once listening on 127.0.0.1), check it with
 * one GET, load it with autocannon, stop it (closing its stdin; SIGKILL after 5 s).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import autocannon from 'autocannon';
import { formatNumber, median } from './stats.mjs';

/** Start `node <script> ...args`; resolves with the child and the port it listens on. */
export function startServer(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, port: JSON.parse(out.split('\n')[0]).port });
    });
    child.on('exit', (code) => reject(new Error(`server ${args.join(' ')} exited (${code}): ${err.trim()}`)));
  });
}

export function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end();
  });
}

/** One GET on 127.0.0.1: `{ status, body }`. */
export function get(port, path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });
}

/** autocannon against 127.0.0.1:`port``path` for `duration` seconds. */
export function load(port, path, duration, connections) {
  return autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration });
}

/**
 * Measure one server: start `node script ...args`, check that GET `path` answers 200 with
 * `body`, load it for `warmup` seconds, then for `duration` seconds measured, and stop it.
 * Throws if the check fails or autocannon saw errors, timeouts or non-2xx answers.
 */
export async function measureServer({ script, args, path, body, warmup, duration, connections }) {
  const server = await startServer(script, args);
  try {
    const check = await get(server.port, path);
    if (check.status !== 200 || check.body !== body) {
      throw new Error(`GET ${path} answered ${check.status} "${check.body.slice(0, 100)}"`);
    }
    await load(server.port, path, warmup, connections);
    const result = await load(server.port, path, duration, connections);
    if (result.errors || result.timeouts || result.non2xx) {
      throw new Error(`${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
    }
    return result;
  } finally {
    await stopServer(server.child);
  }
}

/**
 * The load suites' loop: `runs` times over, every route count and variant, a fresh server
 * (`node script <variant> <count>`) measured by `measureServer` on `pathFor(count)`, which
 * must answer `bodyFor(count)`. A server that fails is noted in `errors` and the loop goes
 * on. Returns `{ samples, errors }`: `samples[variant][count]` holds `{ rps, p50, p99 }`
 * per run; `medianOf` reads them.
 */
export async function sampleServers({ suite, script, variants, counts, runs, pathFor, bodyFor, warmup, duration, connections, log }) {
  const samples = {};
  const errors = [];
  for (let round = 0; round < runs; round++) {
    // Every other round in reverse order, counts and variants both: on a shared machine the
    // load drifts over a run, and a fixed order would always charge the drift to the last
    // cells (in one run the bare node:http ceiling, which has no routes, lost 18% from
    // "10" to "10,000", measured last).
    const forward = round % 2 === 0;
    for (const count of forward ? counts : [...counts].reverse()) {
      for (const variant of forward ? variants : [...variants].reverse()) {
        try {
          const result = await measureServer({
            script,
            args: [variant, String(count)],
            path: pathFor(count),
            body: bodyFor(count),
            warmup,
            duration,
            connections,
          });
          ((samples[variant] ??= {})[count] ??= []).push({
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
          });
          log(`${suite} ${count} ${variant}: ${formatNumber(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
        } catch (error) {
          errors.push(`${variant} / ${count}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
          log(`${suite} ${count} ${variant}: ERROR ${error.message}`);
        }
      }
    }
  }
  return { samples, errors };
}

/** The median of `key` ('rps', 'p50' or 'p99') over a variant's runs at `count` routes; NaN if none. */
export function medianOf(samples, variant, count, key) {
  const runs = samples[variant]?.[count];
  return runs?.length ? median(runs.map((s) => s[key])) : NaN;
}
