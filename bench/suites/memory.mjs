/** Memory suite (issue 6 §4): heap kept alive by 10,000 routes, per router and route kind. */
import { fileURLToPath } from 'node:url';
import { runChild } from '../lib/child.mjs';
import { ROUTERS } from '../lib/routers.mjs';
import { formatNumber, formatRatio, median, table } from '../lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./memory-worker.mjs', import.meta.url));
const ROUTER_NAMES = ['switchyard-find', 'find-my-way', 'find-my-way-compiled', 'rou3', 'rou3-compiled', 'memoirist', 'hono-regexp', 'hono-trie', 'koa-tree-router', 'express-router'];
const KINDS = ['static', 'param'];
const BASELINE = 'find-my-way';

export async function run({ quick, rounds, log }) {
  // One process per cell: the figure repeats to within ~1% (seen: 22.58 and 22.48 MiB).
  const repeats = rounds;
  const samples = {};
  const errors = [];
  for (let i = 0; i < repeats; i++) {
    for (const kind of KINDS) {
      for (const r of ROUTER_NAMES) {
        try {
          const { bytes } = await runChild([WORKER, r, kind], { nodeFlags: ['--expose-gc'] });
          ((samples[r] ??= {})[kind] ??= []).push(bytes);
          log(`memory ${kind} ${r}: ${(bytes / 2 ** 20).toFixed(2)} MiB`);
        } catch (error) {
          errors.push(`${r} / ${kind}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
          log(`memory ${kind} ${r}: ERROR ${error.message}`);
        }
      }
    }
  }
  const med = (r, k) => (samples[r]?.[k]?.length ? median(samples[r][k]) : NaN);
  const rows = ROUTER_NAMES.map((r) => [
    ROUTERS[r].label,
    ...KINDS.flatMap((k) => [
      `${(med(r, k) / 2 ** 20).toFixed(2)}`,
      formatNumber(med(r, k) / 10000),
      formatRatio(med(r, k) / med(BASELINE, k)),
    ]),
  ]);
  const markdown = [
    `Heap used (\`process.memoryUsage().heapUsed\`, after forced full GCs) by a router holding 10,000 GET routes, ` +
      `median of ${repeats} process(es) per cell, each router in its own process. ` +
      `Static: \`/route<i>/items\`; param: \`/route<i>/:id\`. ` +
      `"× fmw" = this router's bytes ÷ find-my-way's (below 1x: smaller). Switchyard's case-sensitive tree has the same shape, so one row.`,
    '',
    table(
      ['router', 'static MiB', 'static B/route', 'static × fmw', 'param MiB', 'param B/route', 'param × fmw'],
      rows,
    ),
    ...(errors.length ? ['', '**Errors**:', '', ...errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
  return { markdown, raw: { samples, errors } };
}
