/**
 * One Fastify server for the Fastify suite, in a process of its own:
 *
 *   node bench/suites/fastify-server.mjs <fastify-native|fastify-switchyard> <routes>
 *
 * Both variants answer `/api/route0/:id` … `/api/route<N-1>/:id` with `route<i>:<id>`:
 * native registers them with `app.get`, switchyard registers the plugin at `/api` and puts
 * `/route<i>/:id` in its set. Handlers return a string, so what differs is routing.
 * Listens on 127.0.0.1, ephemeral port, prints { port } when ready; exits when stdin
 * closes, and after 10 minutes whatever happens.
 */
import Fastify from 'fastify';

const [variant, countArg] = process.argv.slice(2);
const count = Number(countArg);

const app = Fastify({ logger: false });
if (variant === 'fastify-native') {
  for (let i = 0; i < count; i++) {
    const body = `route${i}:`;
    app.get(`/api/route${i}/:id`, async (request) => body + request.params.id);
  }
} else if (variant === 'fastify-switchyard') {
  let plugin;
  try {
    plugin = (await import('@switchyard/fastify')).default;
  } catch (error) {
    console.error(`@switchyard/fastify unavailable (build it: npm run build -w @switchyard/fastify): ${error.message}`);
    process.exit(1);
  }
  await app.register(plugin, { prefix: '/api', name: 'api' });
  app.switchyard.api.replace((r) => {
    for (let i = 0; i < count; i++) {
      const body = `route${i}:`;
      r.get(`/route${i}/:id`, async (request) => body + request.params.id);
    }
  });
} else {
  throw new Error(`unknown variant "${variant}"`);
}

await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\n');
const stop = () => {
  app.server.closeAllConnections?.();
  void app.close().finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
setTimeout(stop, 10 * 60_000).unref();
