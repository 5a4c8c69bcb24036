// The Switchyard demo: a small Express 5 app whose routing runs on the adapter.
//   node examples/demo.mjs            serve on http://127.0.0.1:$PORT (default 3000)
//   node examples/demo.mjs --smoke    serve on a free port, request itself once, print, exit 0
import express from 'express';
import { Router, switchyard } from '@switchyard/express-adapter';

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
const server = app.listen(port, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  console.log(`Switchyard demo listening on ${url}`);
  console.log('Routes:');
  for (const line of routeTable(app.router)) console.log(`  ${line}`);
  if (!smoke) return;
  const res = await fetch(`${url}/api/users/1`);
  console.log(`GET /api/users/1 -> ${res.status} ${await res.text()}`);
  server.close();
  process.exitCode = res.status === 200 ? 0 : 1;
});
