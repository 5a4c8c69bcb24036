/**
 * One router, one case, one string mode, in a process of its own (so no router's JIT
 * state, inline caches or garbage touch another's):
 *
 *   node --allow-natives-syntax bench/suites/lookup-worker.mjs <router> <case> <fresh|literal>
 *        [--warmup-ms 300] [--sample-ms 150] [--samples 7]
 *
 * <case> is a router-benchmark case (lib/route-set.mjs CASES) or, for the scaling suite,
 * `static-<count>` / `param-<count>`. Prints one JSON line: { samples: [ns/op...], batch }.
 * Before timing it checks the router's answers and the kind of the URL strings.
 */
import { CASES, ROUTES, scalingRoutes } from '../lib/route-set.mjs';
import { buildChecked } from '../lib/routers.mjs';
import { measure } from '../lib/timing.mjs';
import { urlBatches } from '../lib/url-strings.mjs';

const [routerName, caseName, mode, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(rest[i + 1]);
};
if (mode !== 'fresh' && mode !== 'literal') throw new Error(`mode must be fresh or literal, not "${mode}"`);

function caseFor(name) {
  if (CASES[name]) return { routes: ROUTES, lookups: CASES[name].lookups };
  const scaling = /^(static|param)-(\d+)$/.exec(name);
  if (scaling) return scalingRoutes(scaling[1], Number(scaling[2]));
  throw new Error(`unknown case "${name}"`);
}

const { routes, lookups } = caseFor(caseName);
const { lookup } = await buildChecked(routerName, routes, lookups);

const CAPACITY = 4096;
const { arrays, fill } = urlBatches(lookups, mode, CAPACITY);

// Prove the strings are what the mode says, on a full batch, before any timing.
if (process.execArgv.includes('--allow-natives-syntax')) {
  const { assertFresh, assertLiteral } = await import('../lib/string-kind.mjs');
  fill(CAPACITY);
  for (const array of arrays) (mode === 'fresh' ? assertFresh : assertLiteral)(array);
}

const methods = lookups.map((l) => l.method);
const width = lookups.length;

function run(n) {
  let out;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) out = lookup(methods[j], arrays[j][i]);
  }
  return out;
}

const result = measure({
  fill,
  run,
  capacity: CAPACITY,
  warmupMs: option('warmup-ms', 300),
  sampleMs: option('sample-ms', 150),
  samples: option('samples', 7),
});
process.stdout.write(JSON.stringify(result) + '\n');
