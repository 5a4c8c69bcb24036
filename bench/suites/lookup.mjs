/**
 * Lookup suite (issue 6 §1): router-benchmark's route set and cases, every router in the
 * fresh-string mode (ranked) and the reused-literal mode (reported beside it).
 * Each (router, case, mode) runs in its own child, suites/lookup-worker.mjs; rounds go
 * over every router before the next round, so a burst of noise on the shared machine hits
 * several routers rather than all samples of one.
 *
 * Ratios are paired: within one round, the routers of a case run one after the other
 * (about ten seconds in all), and each ratio is the median over rounds of the ratio within
 * a round. The machine's load drifts over minutes: in one full run every router's mixed
 * case ran near 75 ns in one round and near 150 ns in the next, so a ratio of medians
 * pooled over rounds depended on which rounds each router's samples fell in.
 */
import { fileURLToPath } from 'node:url';
import { runChild } from '../lib/child.mjs';
import { CASES } from '../lib/route-set.mjs';
import { ROUTERS, versionOf } from '../lib/routers.mjs';
import { formatNumber, formatRatio, median, pairedRatio, table } from '../lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./lookup-worker.mjs', import.meta.url));
export const BASELINE = 'find-my-way';
const MODES = ['fresh', 'literal'];

export const TIMING = {
  quick: { warmupMs: 50, sampleMs: 10, samples: 3 },
  full: { warmupMs: 250, sampleMs: 40, samples: 5 },
};

export function timingFlags(quick) {
  const t = quick ? TIMING.quick : TIMING.full;
  return ['--warmup-ms', String(t.warmupMs), '--sample-ms', String(t.sampleMs), '--samples', String(t.samples)];
}

/** One line saying how each figure was taken, for the tables' preambles. */
export function timingNote(quick) {
  const t = quick ? TIMING.quick : TIMING.full;
  return `${t.samples} samples of ${t.sampleMs} ms of CPU time after ${t.warmupMs} ms of warm-up`;
}

export async function run({ quick, rounds: roundsOption, log, only }) {
  // The full run goes over every child twice, the second time in a rotated order.
  const rounds = roundsOption * (quick ? 1 : 2);
  const routers = only ?? Object.keys(ROUTERS);
  const cases = Object.keys(CASES);
  const samples = {}; // samples[mode][router][case] = ns/op[]
  const byRound = {}; // byRound[mode][router][case][round] = the median of that round's child
  const errors = [];
  for (const mode of MODES) {
    samples[mode] = {};
    byRound[mode] = {};
    for (const r of routers) {
      samples[mode][r] = {};
      byRound[mode][r] = {};
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      for (const mode of MODES) {
        // Rotate the order each round so no router always runs first or last.
        const order = routers.map((_, i) => routers[(i + round) % routers.length]);
        for (const r of order) {
          try {
            const result = await runChild([WORKER, r, c, mode, ...timingFlags(quick)], {
              nodeFlags: ['--allow-natives-syntax'],
            });
            (samples[mode][r][c] ??= []).push(...result.samples);
            (byRound[mode][r][c] ??= [])[round] = median(result.samples);
            log(`lookup ${round + 1}/${rounds} ${c} ${mode} ${r}: ${formatNumber(median(result.samples))} ns/op`);
          } catch (error) {
            errors.push(`${r} / ${c} / ${mode}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
            log(`lookup ${c} ${mode} ${r}: ERROR ${error.message}`);
          }
        }
      }
    }
  }

  const medians = {};
  for (const mode of MODES) {
    medians[mode] = {};
    for (const r of routers) {
      medians[mode][r] = {};
      for (const c of cases) {
        const s = samples[mode][r][c];
        medians[mode][r][c] = s?.length ? median(s) : NaN;
      }
    }
  }
  const ratio = pairedRatios(byRound);
  return { markdown: render({ routers, cases, medians, ratio, errors, quick, rounds }), raw: { samples, byRound, medians, errors } };
}

/** ratio(modeA, a, modeB, b, c): a's ns ÷ b's ns for case c, paired by round. */
function pairedRatios(byRound) {
  return (modeA, a, modeB, b, c) => pairedRatio(byRound[modeA]?.[a]?.[c], byRound[modeB]?.[b]?.[c]);
}

function render({ routers, cases, medians, ratio, errors, quick, rounds }) {
  const base = medians.fresh[BASELINE];
  const rank = [...routers].sort((a, b) => (medians.fresh[a].all || Infinity) - (medians.fresh[b].all || Infinity));
  const caseHeaders = cases.map((c) => CASES[c].title);
  const out = [];
  const perProcess = timingNote(quick);
  out.push(
    `Median ns per operation (lower is better) over ${rounds} round(s) of one child process per ` +
      `router × case × mode, each taking ${perProcess}. ` +
      `**Ratio = ${ROUTERS[BASELINE].label} ns ÷ this router's ns**, paired: the median over ` +
      `rounds of the ratio within a round, where the routers of a case run one after the ` +
      `other (the load on this shared machine drifts over minutes); above 1x is faster than ` +
      `${ROUTERS[BASELINE].label} (plain \`find()\`, case-sensitive, its default). ` +
      `Case-sensitive rows (cs) compare with find-my-way and the other case-sensitive routers; ` +
      `Switchyard's default (case-insensitive) compares with Express's router and ` +
      `find-my-way (caseSensitive: false). Rows ranked by "all together", fresh strings.`,
  );
  for (const mode of MODES) {
    out.push('', `### ${mode === 'fresh' ? 'Fresh URL string per lookup (ranked)' : 'Reused literal URL (flatters; not ranked)'}`, '');
    const rows = rank.map((r) => {
      const cs = ROUTERS[r].caseSensitive ? 'cs' : 'ci';
      return [
        `${ROUTERS[r].label} (${ROUTERS[r].pkg}@${versionOf(ROUTERS[r].pkg)}, ${cs})`,
        ...cases.map((c) => `${formatNumber(medians[mode][r][c])} (${formatRatio(ratio(mode, BASELINE, mode, r, c))})`),
      ];
    });
    out.push(table(['router', ...caseHeaders], rows));
  }

  out.push('', '### Fresh vs literal: how much the reused literal flatters each router', '');
  out.push(
    table(
      ['router', ...caseHeaders],
      rank.map((r) => [ROUTERS[r].label, ...cases.map((c) => formatRatio(ratio('fresh', r, 'literal', r, c)))]),
    ),
    '',
    'Cell: fresh ns ÷ literal ns, paired by round (2.00x: the literal makes it look twice as fast).',
  );

  // The issue-6 targets, read off the fresh table, every ratio paired by round.
  const sy = 'switchyard-find-cs';
  const syAll = 'switchyard-matchAll-cs';
  if (medians.fresh[sy] && base) {
    out.push('', '### Targets (issue 6), fresh strings, case-sensitive Switchyard vs find-my-way', '');
    const others = routers.filter((r) => !r.startsWith('switchyard'));
    const rows = cases.map((c) => {
      // The other router closest to find: the lowest ratio of its ns to find's.
      const margin = (r) => ratio('fresh', r, 'fresh', sy, c);
      const closest = others.reduce((best, r) => (margin(r) < margin(best) ? r : best), others[0]);
      return [
        CASES[c].title,
        formatNumber(medians.fresh[sy][c]),
        formatNumber(medians.fresh[syAll][c]),
        formatNumber(base[c]),
        formatRatio(ratio('fresh', BASELINE, 'fresh', sy, c)),
        formatRatio(ratio('fresh', BASELINE, 'fresh', syAll, c)),
        `${ROUTERS[closest].label} ${formatNumber(medians.fresh[closest][c])} (${formatRatio(margin(closest))})`,
      ];
    });
    out.push(
      table(['case', 'find ns', 'matchAll ns', 'find-my-way ns', 'find × fmw', 'matchAll × fmw', 'closest other router: ns (its ns ÷ find\'s)'], rows),
      '',
      'Targets: `find` ≥ 2x find-my-way on "all together" and ahead of every other router on every case ' +
        '(last column above 1x); `matchAll` ≥ 1x find-my-way `find`.',
    );
  }
  if (errors.length) out.push('', '**Errors** (no figure is shown for these):', '', ...errors.map((e) => `- ${e}`));
  return out.join('\n');
}
