/**
 * The timing loop every lookup benchmark uses: plain process.hrtime.bigint around a batch
 * of operations, no framework.
 *
 * 1. Warm up for `warmupMs`: the JIT settles on the optimised code before anything counts.
 * 2. Calibrate: double the batch until one batch takes >= 0.5 ms (capped at the input
 *    capacity), so the two clock reads per batch stay well under 1% of it.
 * 3. Samples: each sums the time of whole batches until it holds `sampleMs` of timed work;
 *    its value is that time divided by the operations run (ns/op).
 *
 * `fill(n)` prepares the inputs of the next n operations and is not timed (it makes the
 * fresh URL strings); `run(n)` performs them and is timed, returning the last result so
 * that the work cannot be dropped as dead code.
 */

export let sink;

export function measure({ fill, run, capacity, warmupMs, sampleMs, samples }) {
  const warmupBatch = Math.min(64, capacity);
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  while (process.hrtime.bigint() < warmupEnd) {
    fill(warmupBatch);
    sink = run(warmupBatch);
  }

  let batch = 16;
  for (;;) {
    fill(batch);
    const t0 = process.hrtime.bigint();
    sink = run(batch);
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns >= 500_000 || batch * 2 > capacity) break;
    batch *= 2;
  }

  const results = [];
  const sampleNs = sampleMs * 1e6;
  for (let s = 0; s < samples; s++) {
    let timed = 0;
    let ops = 0;
    while (timed < sampleNs) {
      fill(batch);
      const t0 = process.hrtime.bigint();
      sink = run(batch);
      timed += Number(process.hrtime.bigint() - t0);
      ops += batch;
    }
    results.push(timed / ops);
  }
  if (sink === undefined || sink === null) throw new Error('the last lookup returned nothing');
  return { samples: results, batch };
}
