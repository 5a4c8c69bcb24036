/**
 * Server for the reload suite (suites/reload.mjs): an Express 5 app on the Switchyard
 * adapter with 9,000 routes of its own and a 1,000-route set, so 10,000 routes in all.
 *   node reload-server.mjs none       the set is loaded once
 *   node reload-server.mjs every20    the set is replaced every 20 ms, in this process,
 *                                     on the event loop that serves the requests
 * Prints `port <n>` once listening; on stdin closing, prints `reloads <n> <median ms>` and exits.
 */
import express from 'express';
import { Router } from '@switchyard/express-adapter';

const mode = process.argv[2] ?? 'none';
const ROUTER_ROUTES = 9000;
const SET_ROUTES = 1000;

const router = Router();
for (let i = 0; i < ROUTER_ROUTES; i++) router.get(`/fixed/${i}/:id`, (req, res) => res.end(req.params.id));
const set = router.routeSet('catalog');
let version = 0;
const times = [];
function reload() {
  const v = ++version;
  const started = performance.now();
  set.replace((r) => {
    for (let i = 0; i < SET_ROUTES; i++) r.get(`/catalog/${i}/:id`, (req, res) => res.end(`${v}`));
  });
  times.push(performance.now() - started);
}
reload();
const app = express().use(router);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${server.address().port}\n`);
  if (mode === 'every20') setInterval(reload, 20).unref();
});
process.stdin.resume();
process.stdin.on('end', () => {
  const sorted = times.slice(1).sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1] : 0;
  process.stdout.write(`reloads ${sorted.length} ${median.toFixed(2)}\n`);
  server.close();
  process.exit(0);
});
