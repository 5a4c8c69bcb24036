/**
 * One router, one lookup case, run a fixed number of times for valgrind to count:
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *     node --predictable --no-concurrent-recompilation bench/suites/instructions-worker.mjs \
 *     <router|baseline> <case> <batches> [<warm-up batches>]
 *
 * Warms up for <warm-up batches> (default 150), then runs <batches> batches, each refilling
 * BATCH fresh URL strings per lookup of the case and making those lookups. The suite runs it
 * twice with two batch counts and divides the difference in counted instructions by the
 * extra lookups, so start-up, building the router and warm-up cancel out. `baseline` does
 * the same with a lookup that only reads the URL's length: its count is what the loop and
 * the fresh strings cost, which the suite subtracts from every router's.
 *
 * `--predictable` makes V8 deterministic (single-threaded, fixed seeds), and
 * `--no-concurrent-recompilation` optimizes on the main thread: the same command usually
 * counts the same instructions to within a few per lookup (see instructions.mjs for when
 * it did not). Warm-up is not always long enough for the optimized code to be there when the
 * counted batches run, so the suite also passes `--trace-opt --trace-deopt` and compares the
 * two runs' compile and deopt lines (instructions.mjs, `steadyCount`).
 */
import { CASES, ROUTES } from '../lib/route-set.mjs';
import { buildChecked } from '../lib/routers.mjs';
import { urlBatches } from '../lib/url-strings.mjs';

const [routerName, caseName, batchArg, warmupArg = '150'] = process.argv.slice(2);
const spec = CASES[caseName];
if (!spec) throw new Error(`unknown case "${caseName}"; cases: ${Object.keys(CASES).join(', ')}`);
const batches = wholeNumber(batchArg, 'batches');
const WARMUP_BATCHES = wholeNumber(warmupArg, 'warm-up batches');

const BATCH = 1000;

const { lookups } = spec;
const lookup =
  routerName === 'baseline' ? (_method, url) => url.length : (await buildChecked(routerName, ROUTES, lookups)).lookup;
const { arrays, fill } = urlBatches(lookups, 'fresh', BATCH);
const methods = lookups.map((l) => l.method);

function run() {
  let out;
  for (let i = 0; i < BATCH; i++) {
    for (let j = 0; j < arrays.length; j++) out = lookup(methods[j], arrays[j][i]);
  }
  return out;
}

let last;
for (let b = 0; b < WARMUP_BATCHES + batches; b++) {
  fill(BATCH);
  last = run();
}
if (last === null || last === undefined) throw new Error(`${routerName}: the last lookup returned nothing`);
process.stdout.write(JSON.stringify({ lookups: (WARMUP_BATCHES + batches) * BATCH * lookups.length }) + '\n');

function wholeNumber(arg, what) {
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number, not "${arg}"`);
  return n;
}
