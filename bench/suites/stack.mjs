/**
 * Stack-depth suite (issue 6 §5): frames under a handler after 1,000 synchronous
 * middlewares, Express against the adapter (when it is built). Deterministic: one run each.
 */
import { fileURLToPath } from 'node:url';
import { loadAdapter } from '../lib/adapter.mjs';
import { runChild } from '../lib/child.mjs';
import { table } from '../lib/stats.mjs';

const WORKER = fileURLToPath(new URL('./stack-worker.mjs', import.meta.url));
// Express's router restarts its synchronous chain with setImmediate every 100 layers, so
// its depth depends on the handler's position modulo 100: 1,000 is its shallowest case,
// 1,099 its deepest. Both are shown.
const COUNTS = [1000, 1050, 1099];
const VARIANTS = {
  'express-app': 'Express 5 app: `app.use` ×1,000, then `app.get`',
  'express-router': 'Express 5 `express.Router()` mounted with `app.use`',
  'adapter-router': 'Switchyard adapter `Router()` mounted with `app.use`',
  'switchyard-app': 'Switchyard `switchyard(express())`: `app.use` ×1,000, then `app.get`',
};

export async function run({ log }) {
  const { adapter, reason } = await loadAdapter();
  const notes = [];
  if (!adapter) {
    notes.push(`Adapter rows skipped: ${reason}.`);
    log(`stack: adapter rows skipped: ${reason}`);
  }
  const rows = [];
  const raw = {};
  for (const [name, label] of Object.entries(VARIANTS)) {
    if (!adapter && (name === 'adapter-router' || name === 'switchyard-app')) {
      rows.push([label, ...COUNTS.map(() => 'skipped')]);
      continue;
    }
    const cells = [];
    for (const count of COUNTS) {
      try {
        const r = await runChild([WORKER, name, String(count)]);
        (raw[name] ??= {})[count] = r;
        cells.push(`${r.frames} (${r.routerFrames})`);
        log(`stack ${name} after ${count}: ${r.frames} frames (${r.routerFrames} in the router)`);
      } catch (error) {
        cells.push('error');
        notes.push(`${name} / ${count}: ${error.message.split('\n').slice(0, 3).join(' ')}`);
        log(`stack ${name} after ${count}: ERROR ${error.message}`);
      }
    }
    rows.push([label, ...cells]);
  }
  const markdown = [
    'Frames in `new Error().stack` (with `Error.stackTraceLimit = Infinity`) inside a GET handler reached ' +
      'through N synchronous `(req, res, next) => next()` middlewares, over one real request on 127.0.0.1; ' +
      'in parentheses, the frames in the routing code (`node_modules/router` for Express, ' +
      '`packages/router` and `packages/express-adapter` for Switchyard). ' +
      "Express's router (router@2) restarts its synchronous chain with `setImmediate` every 100 layers, so " +
      'its depth is that of the last ≤100 layers: after exactly 1,000 middlewares the handler happens to sit ' +
      'just after a restart (shallowest), after 1,099 just before one (deepest). A flat dispatcher gives the same ' +
      'count in every column.',
    '',
    table(['app', ...COUNTS.map((n) => `after ${n.toLocaleString('en-US')}`)], rows),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  return { markdown, raw: { results: raw, notes } };
}
