/**
 * Scaling suite (issue 6 §2): 10, 100, 1,000 and 10,000 routes, all static
 * (`/route<i>/items`) or all parametric (`/route<i>/:id`), each lookup hitting the LAST
 * route registered, on fresh URL strings. Same worker and timing loop as the lookup suite.
 */
import { fileURLToPath } from 'node:url';
import { runChild } from '../lib/child.mjs';
import { ROUTERS } from '../lib/routers.mjs';
import { formatNumber, formatRatio, median, pairedRatio, table } from '../lib/stats.mjs';
import { timingFlags, timingNote } from './lookup.mjs';

const WORKER = fileURLToPath(new URL('./lookup-worker.mjs', import.meta.url));
const ROUTER_NAMES = ['switchyard-find', 'switchyard-find-cs', 'switchyard-matchAll', 'find-my-way', 'express-router'];
const KINDS = ['static', 'param'];
const COUNTS = [10, 100, 1000, 10000];
const BASELINE = 'find-my-way';

export async function run({ quick, rounds, log }) {
  const samples = {};
  const byRound = {}; // byRound[router][key][round] = the median of that round's child
  const errors = [];
  for (let round = 0; round < rounds; round++) {
    for (const kind of KINDS) {
      for (const count of COUNTS) {
        for (const r of ROUTER_NAMES) {
          const key = `${kind}-${count}`;
          try {
            const result = await runChild([WORKER, r, key, 'fresh', ...timingFlags(quick)], {
              nodeFlags: ['--allow-natives-syntax'],
            });
            ((samples[r] ??= {})[key] ??= []).push(...result.samples);
            ((byRound[r] ??= {})[key] ??= [])[round] = median(result.samples);
            log(`scaling ${key} ${r}: ${formatNumber(median(result.samples))} ns/op`);
          } catch (error) {
            errors.push(`${r} / ${key}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
            log(`scaling ${key} ${r}: ERROR ${error.message}`);
          }
        }
      }
    }
  }
  const medians = {};
  for (const r of ROUTER_NAMES) {
    medians[r] = {};
    for (const kind of KINDS) for (const count of COUNTS) {
      const s = samples[r]?.[`${kind}-${count}`];
      medians[r][`${kind}-${count}`] = s?.length ? median(s) : NaN;
    }
  }

  const out = [
    `Median ns per lookup (CPU time; each child takes ${timingNote(quick)}) on a fresh URL string that hits the last registered route ` +
      '(static: `/route<N-1>/items` among `/route<i>/items`; param: `/route<N-1>/42` among `/route<i>/:id`). ' +
      `Cell: ns (ratio = find-my-way ns ÷ this router's ns). "10→10k" is ns at 10,000 routes ÷ ns at 10 (1.00x: flat). ` +
      'Ratios are paired: the median over rounds of the ratio within a round, in which the routers of a cell run one ' +
      'after the other (the load on this shared machine drifts over minutes).',
  ];
  for (const kind of KINDS) {
    out.push('', `### ${kind === 'static' ? 'Static routes' : 'Parametric routes'}`, '');
    const rows = ROUTER_NAMES.map((r) => [
      `${ROUTERS[r].label} (${ROUTERS[r].caseSensitive ? 'cs' : 'ci'})`,
      ...COUNTS.map((n) => {
        const key = `${kind}-${n}`;
        return `${formatNumber(medians[r][key])} (${formatRatio(pairedRatio(byRound[BASELINE]?.[key], byRound[r]?.[key]))})`;
      }),
      formatRatio(pairedRatio(byRound[r]?.[`${kind}-10000`], byRound[r]?.[`${kind}-10`])),
    ]);
    out.push(table(['router', ...COUNTS.map((n) => `${n.toLocaleString('en-US')} routes`), '10→10k'], rows));
  }
  if (errors.length) out.push('', '**Errors**:', '', ...errors.map((e) => `- ${e}`));
  return { markdown: out.join('\n'), raw: { samples, byRound, medians, errors } };
}
