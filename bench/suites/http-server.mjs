/**
 * One HTTP server for the HTTP suite, in a process of its own:
 *
 *   node bench/suites/http-server.mjs <node-http|express|adapter-router|switchyard-app> <routes>
 *
 * Registers `/route0/:id` … `/route<N-1>/:id` and listens on 127.0.0.1, ephemeral port,
 * printing { port } when ready. Every handler ends the response with a plain `res.end`
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
  return expressApp(variant === 'express' ? 'express-app' : variant, addRoutes);
}

const server = http.createServer(await makeHandler());
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
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
