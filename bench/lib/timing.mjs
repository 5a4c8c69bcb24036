/**
 * The timing loop every lookup benchmark uses: a clock read around a batch of operations,
 * no framework.
 *
 * 1. Warm up for `warmupMs`: the JIT settles on the optimised code before anything counts.
 * 2. Calibrate: double the batch until one batch takes >= 1 ms (capped at the input
 *    capacity), so the clock reads per batch stay well under 1% of it.
 * 3. Samples: each sums the time of whole batches until it holds `sampleMs` of timed work;
 *    its value is that time divided by the operations run (ns/op).
 *
 * The clock is the process's CPU time (process.cpuUsage: user + system, microsecond
 * resolution), not wall time: on this shared 2-core machine the benchmark process is often
 * descheduled for milliseconds while another job runs, and wall time would charge that to
 * whichever router was running. CPU time counts only the time the process ran. It includes
 * the process's other threads, which in a single-threaded loop means V8's GC helpers doing
 * the collections the router's allocations cause (a cost that belongs to the router).
 * Wall-clock ns/op are kept beside it in the raw results (`wall`).
 *
 * `fill(n)` prepares the inputs of the next n operations and is not timed (it makes the
 * fresh URL strings); `run(n)` performs them and is timed, returning the last result so
 * that the work cannot be dropped as dead code.
 */

export let sink;

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

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
    if (ns >= 1_000_000 || batch * 2 > capacity) break;
    batch *= 2;
  }

  const cpu = [];
  const wall = [];
  const sampleMicros = sampleMs * 1e3;
  for (let s = 0; s < samples; s++) {
    let timed = 0;
    let wallNs = 0;
    let ops = 0;
    while (timed < sampleMicros) {
      fill(batch);
      const w0 = process.hrtime.bigint();
      const c0 = cpuMicros();
      sink = run(batch);
      timed += cpuMicros() - c0;
      wallNs += Number(process.hrtime.bigint() - w0);
      ops += batch;
    }
    cpu.push((timed * 1e3) / ops);
    wall.push(wallNs / ops);
  }
  if (sink === undefined || sink === null) throw new Error('the last lookup returned nothing');
  return { samples: cpu, wall, batch };
}
