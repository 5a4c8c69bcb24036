/**
 * One HTTP server for the HTTP suite, in a process of its own:
 *
 *   node bench/suites/http-server.mjs <node-http|express|express-born|adapter-router|switchyard-app> <routes>
 *
 * Registers `/route0/:id` … `/route<N-1>/:id` and listens on 127.0.0.1, ephemeral port
 * (Express variants through `app.listen`), printing { port } when ready. Every handler ends the response with a plain `res.end`
 * (no res.send), so what differs between variants is routing. Exits when its stdin
 * closes (the parent is done or gone), and after 10 minutes whatever happens.
 */
import http from 'node:http';
import { expressApp } from '../lib/adapter.mjs';

const [variant, countArg] = process.argv.slice(2);
const count = Number(countArg);

function addRoutes(target) {
  for (let i = 0; i < count; i++) {
    const body = `route${i}:`;
    target.get(`/route${i}/:id`, (req, res) => {
      res.end(body + req.params.id);
    });
  }
}

async function makeHandler() {
  if (variant === 'node-http') {
    // The ceiling: no routing at all, the same response for every request.
    const body = `route${count - 1}:42`;
    return (req, res) => res.end(body);
  }
  // 'express' is the plain app: Express's own router.
  return expressApp(variant === 'express' || variant === 'express-born' ? 'express-app' : variant, addRoutes);
}

// Express apps are started as Express apps usually are, with `app.listen` (which
// `switchyard(app)` makes create requests with the app's prototypes; see the adapter's
// server.ts). The other variants get a plain `http.createServer`.
// 'express-born' is the plain app on a server made with the adapter's `serverOptions(app)`:
// Express's own router, without the per-request prototype change.
const handler = await makeHandler();
const ready = () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
let server;
if (variant === 'express-born') {
  const { serverOptions } = await import('@switchyard/express-adapter');
  server = http.createServer(serverOptions(handler), handler).listen(0, '127.0.0.1', ready);
} else if (typeof handler.listen === 'function') {
  server = handler.listen(0, '127.0.0.1', ready);
} else {
  server = http.createServer(handler).listen(0, '127.0.0.1', ready);
}
server.keepAliveTimeout = 30_000;
const stop = () => {
  server.close();
  server.closeAllConnections?.();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
setTimeout(stop, 10 * 60_000).unref();
