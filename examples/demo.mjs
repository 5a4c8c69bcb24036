// The Switchyard demo: a small Express 5 app whose routing runs on the adapter.
//   node examples/demo.mjs            serve on http://127.0.0.1:$PORT (default 3000)
//   node examples/demo.mjs --smoke    serve on a free port, request itself once, print, exit 0
// The /partners routes are a route set loaded from examples/partners.json: edit that file
// while the demo runs (add { "method": "GET", "path": "/partners/:id/since", "handler":
// "partnerSince" }) and the live routes change; the console says what changed, and a
// broken edit is refused while the old routes keep serving.
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Router, switchyard, watch } from '@switchyard/express-adapter';
import { partnerHandlers } from './partner-handlers.mjs';

const smoke = process.argv.includes('--smoke') || process.env.SWITCHYARD_DEMO_SMOKE === '1';

const users = new Map([
  ['1', { id: '1', name: 'Ada' }],
  ['2', { id: '2', name: 'Grace' }],
]);

// One line makes the whole app route through Switchyard.
const app = switchyard(express());

app.use(express.json());
app.get('/', (_req, res) => res.type('text').send('Switchyard demo: try /api/users/1\n'));

const api = Router();
api.param('id', (req, res, next, id) => {
  const user = users.get(id);
  if (!user) return res.status(404).json({ error: `no user ${id}` });
  req.user = user;
  next();
});
api.route('/users').get((_req, res) => res.json([...users.values()]));
api.get('/users/:id', (req, res) => res.json(req.user));
api.get('/files/*path', (req, res) => res.json({ path: req.params.path }));
app.use('/api', api);

// A route set holds its slot here, before the error handler, whatever it is reloaded with.
const partners = app.router.routeSet('partners');
const manifest = process.env.SWITCHYARD_DEMO_PARTNERS ?? fileURLToPath(new URL('./partners.json', import.meta.url));
const describeRoute = (entry) => `${entry.methods.join(',')} ${entry.path}`;
partners.on('reload', ({ diff, version, durationMs }) => {
  const changes = [...diff.added.map((e) => `+ ${describeRoute(e)}`), ...diff.removed.map((e) => `- ${describeRoute(e)}`)];
  console.log(`partners v${version} reloaded in ${durationMs.toFixed(1)} ms: ${changes.length ? changes.join('; ') : 'no changes'}`);
});
partners.on('error', (error) => console.error(`partners: reload refused, the previous routes keep serving: ${error.message}`));
const watcher = watch(partners, manifest, { handlers: partnerHandlers });

app.use((err, _req, res, _next) => res.status(err.status ?? 500).json({ error: err.message }));

/** The app's routes, mounted routers expanded under their prefix. */
function routeTable(router, prefix = '') {
  const lines = [];
  const entries = router.routes();
  router.stack.forEach((layer, i) => {
    const entry = entries[i];
    const path = entry.path === '/' && entry.kind === 'use' ? '' : entry.path;
    if (layer.handle instanceof Router) {
      lines.push(...routeTable(layer.handle, prefix + path));
    } else if (entry.kind === 'route') {
      lines.push(`${entry.methods.join(',').padEnd(16)} ${prefix}${entry.path}`);
    } else {
      lines.push(`${'USE'.padEnd(16)} ${prefix}${path || '/'}  (${layer.name})`);
    }
  });
  return lines;
}

const port = smoke ? 0 : Number(process.env.PORT ?? 3000);
await watcher.ready;
// Events rather than app.listen's callback: Express 5 calls that callback with a listen
// error too, and a taken port is handled below.
const server = app.listen(port, '127.0.0.1');
server.once('listening', async () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  console.log(`Switchyard demo listening on ${url}`);
  console.log('Routes:');
  for (const line of routeTable(app.router)) console.log(`  ${line}`);
  if (!smoke) {
    console.log(`Watching ${manifest}: edit it to change the /partners routes.`);
    return;
  }
  const res = await fetch(`${url}/api/users/1`);
  console.log(`GET /api/users/1 -> ${res.status} ${await res.text()}`);
  const partner = await fetch(`${url}/partners/acme`);
  console.log(`GET /partners/acme -> ${partner.status} ${await partner.text()}`);
  await watcher.close();
  server.close();
  process.exitCode = res.status === 200 && partner.status === 200 ? 0 : 1;
});
// Port 3000 taken by something else: take any free port rather than fail (the URL printed
// above says which).
server.on('error', (error) => {
  if (error.code !== 'EADDRINUSE' || port === 0) throw error;
  console.log(`Port ${port} is in use; listening on a free port instead.`);
  server.listen(0, '127.0.0.1');
});
