/**
 * Stack depth in a route handler reached through 1,000 synchronous middlewares, over one
 * real HTTP request on 127.0.0.1 (ephemeral port), in a process of its own:
 *
 *   node bench/suites/stack-worker.mjs <express-router|express-app|adapter-router|switchyard-app> [middlewares=1000]
 *
 * The handler counts the frames of `new Error().stack` with Error.stackTraceLimit =
 * Infinity. Prints { frames, routerFrames, ms }: all frames, and the frames inside the
 * routing code (Express's `router` package or Switchyard's packages).
 */
import http from 'node:http';
import { expressApp } from '../lib/adapter.mjs';

const variant = process.argv[2];
const MIDDLEWARES = Number(process.argv[3] ?? 1000);

function fill(target) {
  for (let i = 0; i < MIDDLEWARES; i++) target.use((req, res, next) => next());
  target.get('/deep', (req, res) => {
    Error.stackTraceLimit = Infinity;
    const lines = new Error().stack.split('\n').slice(1);
    const routerFrames = lines.filter((l) => /node_modules\/router\/|packages\/(router|express-adapter)\//.test(l)).length;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ frames: lines.length, routerFrames }));
  });
}

const server = http.createServer(await expressApp(variant, fill));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const t0 = process.hrtime.bigint();
  http.get({ host: '127.0.0.1', port, path: '/deep' }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => {
      server.close();
      if (res.statusCode !== 200) throw new Error(`GET /deep answered ${res.statusCode}: ${body.slice(0, 200)}`);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      process.stdout.write(JSON.stringify({ ...JSON.parse(body), ms }) + '\n');
    });
  });
});
setTimeout(() => {
  console.error('no answer within 30 s');
  process.exit(1);
}, 30_000).unref();
