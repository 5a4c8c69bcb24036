/**
 * Heap used by one router holding 10,000 routes, in a process of its own:
 *
 *   node --expose-gc bench/suites/memory-worker.mjs <router> <static|param> [count]
 *
 * Full GCs before and after building, so the difference is what the router keeps alive
 * (its tree, compiled matchers, route data), not garbage from building it. One lookup of
 * the last route is made (and checked) before the second reading, so lazily built
 * structures (hono's RegExpRouter matcher, find-my-way's compiled functions) are counted.
 * Prints { bytes, routes }.
 */
import { scalingRoutes } from '../lib/route-set.mjs';
import { buildChecked } from '../lib/routers.mjs';

const [routerName, kind, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 10000);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

// Load the router's code before the first reading: its module is not what is measured.
const { routes, lookups } = scalingRoutes(kind, count);
await buildChecked(routerName, scalingRoutes(kind, 2).routes, scalingRoutes(kind, 2).lookups);

const settle = () => {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const before = settle();
globalThis.kept = await buildChecked(routerName, routes, lookups);
const after = settle();
process.stdout.write(JSON.stringify({ bytes: after - before, routes: count }) + '\n');
