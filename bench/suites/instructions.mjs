/**
 * Instructions suite: machine instructions a lookup executes, counted by valgrind's
 * callgrind, for the router-benchmark cases. Opt-in (`npm run bench -- --suite
 * instructions`): it needs valgrind, and takes about 10 minutes on 2 cores.
 *
 * Why: the lookup suite's nanoseconds move by a third between rounds on this shared
 * machine, all routers together, and a difference of 5-10% between two routers is not
 * resolved by them. An instruction count does not depend on the machine's load: the same
 * command usually gives the same count to within a few instructions (V8 run with
 * `--predictable`), though cells have moved by 20-30 between invocations on unchanged
 * router code, and on Node 20 by 40-80 (where split by function, the difference was in the
 * garbage collector and the string maker).
 * Instructions are not time (a string builtin does more per instruction than a JavaScript
 * loop; a cache miss costs many), so this table stands beside the timed one, not in place of it.
 *
 * Each cell is two runs of `instructions-worker.mjs` under callgrind, with LOW and HIGH
 * batches of lookups; (count at HIGH − count at LOW) ÷ the extra lookups is the cost of one
 * lookup with its loop and fresh string, and the `baseline` worker's figure for the same
 * case (a lookup that reads only the URL's length) is subtracted from it. Both runs warm up
 * alike first, for longer when V8 was still optimizing during the counted batches
 * (`steadyCount`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CASES } from '../lib/route-set.mjs';
import { ROUTERS } from '../lib/routers.mjs';
import { formatNumber, formatRatio, median, table } from '../lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./instructions-worker.mjs', import.meta.url));
const ROUTER_NAMES = [
  'switchyard-find-cs',
  'switchyard-find',
  'switchyard-matchAll-cs',
  'find-my-way',
  'find-my-way-compiled',
  'rou3-compiled',
  'memoirist',
  'hono-regexp',
  'koa-tree-router',
];
const BASELINE = 'find-my-way';
const FULL_CASES = ['short-static', 'same-radix', 'dynamic', 'mixed', 'long-static', 'wildcard'];
const QUICK_CASES = ['short-static', 'dynamic', 'wildcard'];
/** Runs at once: callgrind is single-threaded and counts the same under load. */
const PARALLEL = 2;
const BATCH = 1000;

export async function run({ quick, rounds, log }) {
  const version = valgrindVersion();
  if (version === null) {
    log('instructions: valgrind not found, suite skipped');
    return {
      markdown: 'Skipped: `valgrind` is not installed on this machine (`apt-get install valgrind`).',
      raw: { skipped: 'valgrind not found' },
    };
  }
  const cases = quick ? QUICK_CASES : FULL_CASES;
  const [low, high] = quick ? [20, 60] : [40, 120];
  const names = ['baseline', ...ROUTER_NAMES];
  const jobs = [];
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) for (const r of names) jobs.push({ r, c });
  }
  const counts = {};
  const longWarmups = [];
  const errors = [];
  await pool(jobs, PARALLEL, async ({ r, c }) => {
    try {
      const { instructions, warmup } = await steadyCount(r, c, low, high);
      const perLookup = instructions / ((high - low) * BATCH * CASES[c].lookups.length);
      ((counts[r] ??= {})[c] ??= []).push(perLookup);
      if (warmup !== WARMUPS[0]) longWarmups.push(`${r} / ${c}: ${warmup} batches`);
      log(`instructions ${c} ${r}: ${perLookup.toFixed(1)} per lookup (with loop and string), warm-up ${warmup} batches`);
    } catch (error) {
      errors.push(`${r} / ${c}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
      log(`instructions ${c} ${r}: ERROR ${error.message}`);
    }
  });

  const net = (r, c) => {
    const own = counts[r]?.[c];
    const base = counts.baseline?.[c];
    return own?.length && base?.length ? median(own) - median(base) : NaN;
  };
  const cell = (r, c) => `${formatNumber(net(r, c))} (${formatRatio(net(BASELINE, c) / net(r, c))})`;
  const rows = ROUTER_NAMES.map((r) => [`${ROUTERS[r].label}${ROUTERS[r].caseSensitive ? ' (cs)' : ' (ci)'}`, ...cases.map((c) => cell(r, c))]);
  const closest = cases.map((c) => {
    const others = ROUTER_NAMES.filter((r) => !r.startsWith('switchyard-'));
    const best = others.reduce((x, y) => (net(y, c) < net(x, c) ? y : x));
    return [
      CASES[c].title,
      formatNumber(net('switchyard-find-cs', c)),
      `${ROUTERS[best].label} ${formatNumber(net(best, c))}`,
      formatRatio(net(best, c) / net('switchyard-find-cs', c)),
    ];
  });
  const markdown = [
    `Machine instructions per lookup (valgrind ${version}, callgrind; \`node --predictable --no-concurrent-recompilation --trace-opt --trace-deopt\`), ` +
      `net of a baseline lookup that only reads the URL, so the loop and making the fresh URL string are not counted. ` +
      `Fresh strings, as in the lookup suite. Each cell: (instructions after ${high} batches − after ${low}) ÷ the ` +
      `${(high - low) * BATCH} lookups between them, median of ${rounds} run(s); the count usually repeats to within a few instructions, but cells have moved by 20-30 between invocations on unchanged code, and on Node 20 by 40-80 (bench/README.md), so a smaller difference is a tie. ` +
      `**Ratio = find-my-way's instructions ÷ this router's** (above 1x: fewer than find-my-way). ` +
      'Instructions are not time: a builtin such as `indexOf` does more per instruction than a JavaScript loop, ' +
      'and allocation shows here only as the instructions that make and collect it. Read this beside the timed table.',
    '',
    table(['router', ...cases.map((c) => CASES[c].title)], rows),
    '',
    '### Case-sensitive `find` against the closest other router, by instructions',
    '',
    table(['case', 'find', 'closest other router', 'its count ÷ find\'s'], closest),
    '',
    `Warm-up: ${WARMUPS[0]} batches, unless V8 still compiled or deoptimized something after it: a run without valgrind ` +
      `${PROBE_BATCHES} batches longer than the counted ones printed other \`--trace-opt --trace-deopt\` lines than one as long as the shorter; ` +
      `then twice the warm-up is tried. ` +
      (longWarmups.length ? `Cells that needed more: ${longWarmups.join('; ')}.` : 'No cell needed more.'),
    ...(errors.length ? ['', '**Errors**:', '', ...errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
  return { markdown, raw: { low, high, batch: BATCH, counts, longWarmups, errors } };
}

function valgrindVersion() {
  try {
    return execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim().replace(/^valgrind-/, '');
  } catch {
    return null;
  }
}

/**
 * Warm-ups tried in turn. A function tiers up after an amount of work that grows with its
 * bytecode's size, so a lookup that runs a small part of a big function (a static hit in a
 * compiled tree) can reach TurboFan late. On Node 22.23, Switchyard's compiled find for short
 * static was optimized only in batch 205 (batch 70 on Node 20.20), and the case-insensitive
 * one after batch 210: counted from a warm-up of 150, the first cell was half unoptimized
 * and the second all.
 */
const WARMUPS = [150, 300, 600, 1200];
/** Batches a probe runs past the counted ones to see that V8 optimizes nothing later. */
const PROBE_BATCHES = 1000;
const V8_FLAGS = ['--predictable', '--no-concurrent-recompilation', '--trace-opt', '--trace-deopt'];

/**
 * Instructions between the LOW and the HIGH run of one cell, counted from a warm-up after
 * which V8 compiles and deoptimizes nothing more: a run without valgrind, PROBE_BATCHES
 * longer than HIGH, printed the same compile and deopt lines as a run as long as LOW. The two
 * counted runs are checked the same way (V8 tiers up by work done, not by time, so valgrind
 * does not change when).
 */
async function steadyCount(router, caseName, low, high) {
  for (const warmup of WARMUPS) {
    const short = await probe(router, caseName, low, warmup);
    const long = await probe(router, caseName, high + PROBE_BATCHES, warmup);
    if (short !== long) continue;
    const a = await countInstructions(router, caseName, low, warmup);
    const b = await countInstructions(router, caseName, high, warmup);
    if (a.events !== b.events) {
      throw new Error(`V8 compiled or deoptimized during the counted batches after a steady probe (warm-up ${warmup})`);
    }
    return { instructions: b.count - a.count, warmup };
  }
  throw new Error(`V8 still compiled or deoptimized after ${WARMUPS.at(-1)} warm-up batches`);
}

const workerArgs = (router, caseName, batches, warmup) => [...V8_FLAGS, WORKER, router, caseName, String(batches), String(warmup)];

/** V8's compile and deopt lines, without addresses, so equal work compares equal. */
function v8Events(stdout) {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('[compiling method') || line.startsWith('[bailout'))
    .map((line) => line.replace(/0x[0-9a-f]+/g, ''))
    .join('\n');
}

/** One worker run without valgrind, for its V8 events. */
function probe(router, caseName, batches, warmup) {
  const args = workerArgs(router, caseName, batches, warmup);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: 300_000, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`node ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`));
      else resolve(v8Events(stdout));
    });
  });
}

/** Instructions callgrind counted for one worker run, and the run's V8 events. */
function countInstructions(router, caseName, batches, warmup) {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...workerArgs(router, caseName, batches, warmup)];
  return new Promise((resolve, reject) => {
    execFile('valgrind', args, { timeout: 600_000, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`valgrind ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`));
        return;
      }
      const m = /Collected : (\d+)/.exec(stderr);
      if (!m) reject(new Error(`valgrind ${args.join(' ')} printed no count:\n${stderr.slice(-2000)}`));
      else resolve({ count: Number(m[1]), events: v8Events(stdout) });
    });
  });
}

/** Runs `work` over `items`, at most `size` at a time. */
async function pool(items, size, work) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
