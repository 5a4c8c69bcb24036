/**
 * The compatibility table: scenarios written once against "a Router factory", then run
 * twice by compat.test.ts (host: express 5) and by test/express4-host.test.ts (host:
 * express 4) — once with Express's own Router, once with ours — requiring the same status,
 * body, `Allow` and `Content-Type`. Each scenario may also pin Express's answer (`expect`),
 * so that a scenario that tests nothing cannot pass silently.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Req = any;
type Res = any;
type Next = (err?: unknown) => void;
export type RouterFactory = (options?: Record<string, unknown>) => any;

export interface Probe {
  method?: string;
  path: string;
  /** Send the request target as given (absolute-form), over a raw socket request. */
  raw?: boolean;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: string;
  allow: string | undefined;
  contentType: string | undefined;
}

export interface Scenario {
  name: string;
  build(R: RouterFactory, app: any): void;
  probes: Probe[];
  /** Express's answers, or parts of them, in probe order. */
  expect?: Array<Partial<Answer> | undefined>;
  /** Leave 404s and errors to Express's default final handler. */
  bare?: boolean;
}

// Handlers that record what they saw, so a body shows the path a request took.
function note(req: Req, name: string): void {
  (req.t ??= []).push(`${name} ${req.method} ${req.baseUrl}|${req.url} ${JSON.stringify(req.params)}`);
}
const mw = (name: string) => (req: Req, _res: Res, next: Next) => {
  note(req, name);
  next();
};
const send = (name: string) => (req: Req, res: Res) => {
  note(req, name);
  res.json(req.t);
};
const fail = (message: string) => (_req: Req, _res: Res, next: Next) => next(new Error(message));
const errorSend = (name: string) => (err: any, req: Req, res: Res, _next: Next) => {
  note(req, `${name}(${err.message})`);
  res.status(err.status ?? 500).json(req.t);
};
const later = (fn: () => void) => setTimeout(fn, 1);

export function finalHandlers(app: any): void {
  app.use((req: Req, res: Res) => res.status(404).json({ notFound: true, t: req.t ?? [] }));
  app.use((err: any, req: Req, res: Res, _next: Next) =>
    res.status(err.status ?? 500).json({ error: String(err.message ?? err), name: err instanceof URIError, t: req.t ?? [] }),
  );
}

export const scenarios: Scenario[] = [
  {
    name: 'use layers and routes interleave in registration order',
    build(R, app) {
      const r = R();
      r.use(mw('use1'));
      r.get('/x', mw('get1'));
      r.use(mw('use2'));
      r.post('/x', send('post'));
      r.get('/x', send('get2'));
      app.use(r);
    },
    probes: [{ path: '/x' }, { method: 'POST', path: '/x' }, { path: '/y' }],
    expect: [{ status: 200 }, { status: 200 }, { status: 404 }],
  },
  {
    name: 'a pending error skips routes and 3-argument handlers; 4-argument ones run only on errors',
    build(R, app) {
      const r = R();
      r.use(errorSend('neverWithoutError'));
      r.use(fail('boom'));
      r.get('/x', send('route'));
      r.use(mw('skipped'));
      r.use((err: any, req: Req, _res: Res, next: Next) => {
        note(req, `e1(${err.message})`);
        next(err);
      });
      r.use(errorSend('e2'));
      app.use(r);
    },
    probes: [{ path: '/x' }],
    expect: [{ status: 500 }],
  },
  {
    name: 'an error handler may recover with next()',
    build(R, app) {
      const r = R();
      r.use(fail('boom'));
      r.use((_err: any, _req: Req, _res: Res, next: Next) => next());
      r.get('/x', send('after'));
      app.use(r);
    },
    probes: [{ path: '/x' }],
    expect: [{ status: 200 }],
  },
  {
    name: 'thrown errors and rejected promises become next(err)',
    build(R, app) {
      const r = R();
      r.get('/throw', () => {
        throw new Error('thrown');
      });
      r.get('/reject', async () => {
        throw new Error('rejected');
      });
      r.get('/empty', () => Promise.reject(undefined));
      r.get('/resolve', async (_req: Req, _res: Res, next: Next) => next());
      r.get('/resolve', send('after async'));
      r.use(errorSend('handler'));
      app.use(r);
    },
    probes: [{ path: '/throw' }, { path: '/reject' }, { path: '/empty' }, { path: '/resolve' }],
    expect: [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }],
  },
  {
    name: "next('route') skips the rest of the route; from a use layer it is a plain next()",
    build(R, app) {
      const r = R();
      r.use((_req: Req, _res: Res, next: Next) => next('route'));
      r.get('/x', mw('a'), (_req: Req, _res: Res, next: Next) => next('route'), send('skipped'));
      r.get('/x', send('next route'));
      app.use(r);
    },
    probes: [{ path: '/x' }],
    expect: [{ status: 200 }],
  },
  {
    name: "next('router') leaves the router, from a layer and from a route",
    build(R, app) {
      const inner = R();
      inner.use(mw('inner'));
      inner.get('/r', (_req: Req, _res: Res, next: Next) => next('router'));
      inner.use((_req: Req, _res: Res, next: Next) => next('router'));
      inner.use(send('never'));
      const outer = R();
      outer.use('/in', inner);
      outer.use(send('outer'));
      app.use(outer);
    },
    probes: [{ path: '/in/x' }, { path: '/in/r' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'nothing handles the request: done(), and Express answers 404',
    bare: true,
    build(R, app) {
      const r = R();
      r.get('/x', send('x'));
      r.use(mw('seen'));
      app.use(r);
    },
    probes: [{ path: '/nope' }, { method: 'POST', path: '/x' }, { method: 'DELETE', path: '/x' }],
    expect: [{ status: 404 }, { status: 404 }],
  },
  {
    name: "use('/api') matches /api, /api/, /api/x (query kept), not /apix; req is restored after",
    build(R, app) {
      const r = R();
      r.use('/api', (req: Req, _res: Res, next: Next) => {
        note(req, `api orig=${req.originalUrl}`);
        next();
      });
      r.use((req: Req, res: Res) => {
        note(req, `after orig=${req.originalUrl}`);
        res.json(req.t);
      });
      app.use(r);
    },
    probes: [{ path: '/api' }, { path: '/api/' }, { path: '/api/x?q=1&r=/api' }, { path: '/apix' }, { path: '/api?q' }, { path: '/API/Y' }],
  },
  {
    name: 'a mount under a mount: baseUrl is parent + matched text, in the request case, no trailing slash',
    build(R, app) {
      const inner = R();
      inner.use('/b', send('b'));
      inner.get('/c/:id', send('c'));
      const outer = R();
      outer.use('/a', inner);
      app.use('/root', outer);
    },
    probes: [{ path: '/root/a/b' }, { path: '/ROOT/A/b/' }, { path: '/root/a/c/7?x' }, { path: '/root/a/' }],
    expect: [{ status: 200 }, { status: 200 }, { status: 200 }, { status: 404 }],
  },
  {
    name: 'a fully-qualified request URL keeps its host when a mount strips its prefix',
    build(R, app) {
      const r = R();
      r.use('/api', mw('api'));
      r.use('/api', (req: Req, res: Res) => res.json({ url: req.url, base: req.baseUrl, orig: req.originalUrl, t: req.t }));
      app.use(r);
    },
    probes: [{ path: 'http://example.com/api/x?y=1', raw: true }, { path: 'http://example.com/api', raw: true }],
    expect: [{ status: 200 }],
  },
  {
    name: 'a middleware that rewrites req.url changes what matches next, from the current position',
    build(R, app) {
      const r = R();
      r.get('/b', send('b-before-rewrite'));
      r.use((req: Req, _res: Res, next: Next) => {
        if (req.url === '/a') req.url = '/b';
        next();
      });
      r.get('/a', send('a'));
      r.get('/b', send('b'));
      app.use(r);
    },
    probes: [{ path: '/a' }, { path: '/b' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'a rewrite inside a mount is kept, under the prefix, when the mount calls next()',
    build(R, app) {
      const r = R();
      r.use('/m', (req: Req, _res: Res, next: Next) => {
        req.url = '/other';
        next();
      });
      r.get('/m/other', send('rewritten'));
      r.get('/m/x', send('original'));
      app.use(r);
    },
    probes: [{ path: '/m/x' }],
    expect: [{ status: 200 }],
  },
  {
    name: 'a middleware that rewrites req.method changes which routes run; lower-case methods work',
    build(R, app) {
      const r = R();
      r.use((req: Req, _res: Res, next: Next) => {
        if (req.headers['x-method']) req.method = req.headers['x-method'];
        next();
      });
      r.get('/x', send('get'));
      r.post('/x', send('post'));
      r.patch('/x', send('patch'));
      app.use(r);
    },
    probes: [
      { method: 'PUT', path: '/x' },
      { method: 'GET', path: '/x', headers: { 'x-method': 'POST' } },
      { method: 'GET', path: '/x', headers: { 'x-method': 'patch' } },
      { method: 'GET', path: '/x', headers: { 'x-method': 'get' } },
    ],
    expect: [{ status: 404 }, { status: 200 }, { status: 200 }, { status: 200 }],
  },
  {
    name: 'params per layer; mergeParams merges with the parent; restored on exit',
    build(R, app) {
      const merged = R({ mergeParams: true });
      merged.get('/:item', send('merged'));
      const plain = R();
      plain.get('/:item', send('plain'));
      plain.use(mw('plain-fell-through'));
      const r = R();
      r.use('/users/:id', mw('use'));
      r.use('/users/:id/merged', merged);
      r.use('/users/:id/plain', plain);
      r.get('/users/:id/plain', send('after-plain'));
      app.use(r);
    },
    probes: [{ path: '/users/5/merged/7' }, { path: '/users/5/plain/7' }, { path: '/users/5/plain' }],
    expect: [{ status: 200 }, { status: 200 }, { status: 200 }],
  },
  {
    name: 'mergeParams renumbers RegExp groups after the parent’s; child names win',
    build(R, app) {
      const child = R({ mergeParams: true });
      child.get(/^\/(\w+)\/(\d+)$/, send('child'));
      child.get('/:id', send('named'));
      const r = R();
      r.use(/^\/p\/(\d+)/, child);
      r.use('/n/:id', child);
      app.use(r);
    },
    probes: [{ path: '/p/1/a/2' }, { path: '/n/1/2' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'a bad escape: earlier layers run, then that layer gives next(err) with status 400',
    build(R, app) {
      const r = R();
      r.use(mw('first'));
      r.get('/users/:id', send('never'));
      r.post('/files/:name', send('never'));
      r.get('/ok/:x', send('ok'));
      r.use(errorSend('handler'));
      app.use(r);
    },
    probes: [{ path: '/users/%E0%A4%A' }, { path: '/files/%zz' }, { path: '/ok/%41' }],
    expect: [{ status: 400 }, { status: 400 }, { status: 200 }],
  },
  {
    name: 'RegExp paths (numbered and named groups) and arrays of paths, in order',
    build(R, app) {
      const r = R();
      r.get(/^\/re\/(\d+)\/(?<name>\w+)$/, send('regexp'));
      r.get(['/one', '/two/:id', /^\/three$/], send('array'));
      r.use(['/m1', '/m2'], send('use-array'));
      app.use(r);
    },
    probes: [{ path: '/re/12/ab' }, { path: '/one' }, { path: '/two/3' }, { path: '/three' }, { path: '/m2/z' }],
    expect: [{ status: 200 }, { status: 200 }, { status: 200 }, { status: 200 }, { status: 200 }],
  },
  {
    name: 'wildcards, optional groups, trailing slashes and case',
    build(R, app) {
      const r = R();
      r.get('/files/*path', send('splat'));
      r.get('/opt{/:x}', send('optional'));
      r.get('/Case', send('case'));
      app.use(r);
    },
    probes: [{ path: '/files/a/b%20c' }, { path: '/opt' }, { path: '/opt/1' }, { path: '/case/' }, { path: '/opt//' }],
  },
  {
    name: 'strict and caseSensitive options apply to routes; use stays prefix and non-strict',
    build(R, app) {
      const r = R({ strict: true, caseSensitive: true });
      r.get('/s', send('no-slash'));
      r.get('/t/', send('slash'));
      r.use('/u', send('use'));
      app.use(r);
    },
    probes: [{ path: '/s' }, { path: '/s/' }, { path: '/t' }, { path: '/t/' }, { path: '/S' }, { path: '/u/' }, { path: '/U' }],
  },
  {
    name: 'router.param runs once per value per request, before the handlers, with its cache',
    build(R, app) {
      const r = R();
      r.param('id', (req: Req, _res: Res, next: Next, value: string, name: string) => {
        note(req, `param ${name}=${value}`);
        req.params[name] = `loaded-${value}`;
        next();
      });
      r.get('/u/:id', mw('first'));
      r.get('/u/:id', send('second'));
      r.get('/v/:id/:other', mw('v1'));
      r.use('/v/:other/:id', send('v2'));
      app.use(r);
    },
    probes: [{ path: '/u/1' }, { path: '/v/1/2' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: "router.param: errors are cached, next('route') skips the route, throws and rejections are errors",
    build(R, app) {
      const r = R();
      r.param('bad', (req: Req, _res: Res, next: Next, value: string) => {
        note(req, `bad ${value}`);
        next(new Error('param failed'));
      });
      r.param('skip', (req: Req, _res: Res, next: Next) => {
        note(req, 'skip');
        next('route');
      });
      r.param('throws', () => {
        throw new Error('param threw');
      });
      r.param('rejects', async () => {
        throw new Error('param rejected');
      });
      r.param('async', (req: Req, _res: Res, next: Next) => later(() => next()));
      r.get('/bad/:bad', send('never'));
      r.get('/bad/:bad', send('never'));
      r.get('/skip/:skip', send('never'));
      r.get('/skip/:skip', send('second route'));
      r.get('/t/:throws', send('never'));
      r.get('/r/:rejects', send('never'));
      r.get('/a/:async', send('async param'));
      r.use(errorSend('handler'));
      app.use(r);
    },
    probes: [{ path: '/bad/1' }, { path: '/skip/1' }, { path: '/t/1' }, { path: '/r/1' }, { path: '/a/1' }],
    // '/skip/1' is 404: the param's next('route') is cached too, so the second route skips as well.
    expect: [{ status: 500 }, { status: 404 }, { status: 500 }, { status: 500 }, { status: 200 }],
  },
  {
    name: 'each router has its own param callbacks',
    build(R, app) {
      const child = R();
      child.get('/:id', send('child'));
      const r = R();
      r.param('id', (req: Req, _res: Res, next: Next) => {
        note(req, 'parent param');
        next();
      });
      r.use('/c', child);
      r.get('/p/:id', send('parent'));
      app.use(r);
    },
    probes: [{ path: '/c/1' }, { path: '/p/1' }],
  },
  {
    name: 'HEAD is served by GET handlers unless a HEAD handler comes first',
    build(R, app) {
      const r = R();
      r.get('/g', (req: Req, res: Res) => res.set('x-by', 'get').send('get body'));
      r.head('/h', (_req: Req, res: Res) => res.set('x-by', 'head').end());
      r.get('/h', (_req: Req, res: Res) => res.set('x-by', 'get').send('x'));
      r.post('/p', send('post'));
      app.use(r);
    },
    probes: [{ method: 'HEAD', path: '/g' }, { method: 'HEAD', path: '/h' }, { method: 'HEAD', path: '/p' }],
    expect: [{ status: 200 }, { status: 200 }, { status: 404 }],
  },
  {
    name: 'automatic OPTIONS: Allow with the matching routes’ methods, unique, sorted, HEAD beside GET',
    bare: true,
    build(R, app) {
      const r = R();
      r.use(mw('use does not count'));
      r.get('/x', send('get'));
      r.post('/x', send('post'));
      r.route('/x').delete(send('delete')).get(send('get again'));
      r.put('/x/:id', send('put'));
      r.options('/own', (_req: Req, res: Res) => res.set('Allow', 'CUSTOM').send('own'));
      r.get('/own', send('get'));
      r.all('/all', send('all'));
      r.get('/err', send('get'));
      app.use(r);
    },
    probes: [
      { method: 'OPTIONS', path: '/x' },
      { method: 'OPTIONS', path: '/x/1' },
      { method: 'OPTIONS', path: '/own' },
      { method: 'OPTIONS', path: '/all' },
      { method: 'OPTIONS', path: '/nothing' },
    ],
    expect: [{ status: 200, allow: 'DELETE, GET, HEAD, POST' }, { allow: 'PUT' }, { body: 'own' }, { status: 200 }, { status: 404 }],
  },
  {
    name: 'automatic OPTIONS in a mounted router, and not when an error is pending',
    build(R, app) {
      const inner = R();
      inner.get('/y', send('get'));
      inner.patch('/y', send('patch'));
      const r = R();
      r.use('/in', inner);
      r.use('/e', fail('pending'));
      r.get('/e/z', send('never'));
      app.use(r);
    },
    probes: [{ method: 'OPTIONS', path: '/in/y' }, { method: 'OPTIONS', path: '/e/z' }],
    expect: [{ allow: 'GET, HEAD, PATCH' }, { status: 500 }],
  },
  {
    name: 'req.route is the route running; route-level error handlers catch the route’s errors',
    build(R, app) {
      const r = R();
      r.get(
        '/x/:id',
        fail('in route'),
        send('skipped'),
        (err: any, req: Req, res: Res, _next: Next) => res.json({ caught: err.message, path: req.route.path, t: req.t ?? [] }),
      );
      r.get('/y', (_req: Req, _res: Res, next: Next) => next(new Error('to router')));
      r.use((err: any, req: Req, res: Res, _next: Next) => res.json({ router: err.message, route: req.route?.path }));
      app.use(r);
    },
    probes: [{ path: '/x/1' }, { path: '/y' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'req.next continues the router, leaving the current route; it is restored after a nested router',
    build(R, app) {
      const inner = R();
      inner.use((req: Req, _res: Res, next: Next) => {
        note(req, `inner req.next is next: ${req.next === next}`);
        next();
      });
      const r = R();
      r.use('/in', inner);
      r.get('/x', (req: Req) => req.next(), send('skipped by req.next'));
      r.get('/x', (req: Req, _res: Res, next: Next) => {
        note(req, `outer req.next restored: ${typeof req.next === 'function'}`);
        next();
      });
      r.get('/x', send('next route'));
      r.get('/in', send('after inner'));
      app.use(r);
    },
    probes: [{ path: '/x' }, { path: '/in' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'asynchronous next() from timers resumes the walk',
    build(R, app) {
      const inner = R();
      inner.use((req: Req, _res: Res, next: Next) => later(() => (note(req, 'inner async'), next())));
      const r = R();
      r.use((req: Req, _res: Res, next: Next) => later(() => (note(req, 'async1'), next())));
      r.use('/a', inner);
      r.get('/a/b', (req: Req, _res: Res, next: Next) => later(() => next(new Error('late'))));
      r.use((err: any, req: Req, res: Res, next: Next) => later(() => (note(req, `err ${err.message}`), next())));
      r.use(send('end'));
      app.use(r);
    },
    probes: [{ path: '/a/b' }, { path: '/c' }],
    expect: [{ status: 200 }, { status: 200 }],
  },
  {
    name: 'a missing req.url or req.method is handled as Express handles it',
    build(R, app) {
      const r = R();
      r.use(mw('use'));
      r.get('/x', send('route'));
      r.all('/x', send('all'));
      app.use((req: Req, res: Res, next: Next) => {
        const url = req.url;
        const method = req.method;
        if (req.headers['x-drop'] === 'url') req.url = undefined;
        if (req.headers['x-drop'] === 'method') req.method = undefined;
        r(req, res, (err: unknown) => {
          req.url = url;
          req.method = method;
          if (err) return next(err);
          res.json({ fellThrough: true, t: req.t ?? [] });
        });
      });
    },
    probes: [{ path: '/x' }, { path: '/x', headers: { 'x-drop': 'url' } }, { path: '/x', headers: { 'x-drop': 'method' } }],
  },
  {
    name: 'router.route() chains methods; all() runs for every method',
    build(R, app) {
      const r = R();
      r.route('/items').all(mw('all')).get(send('list')).post(send('create'));
      app.use(r);
    },
    probes: [{ path: '/items' }, { method: 'POST', path: '/items' }, { method: 'PUT', path: '/items' }, { method: 'OPTIONS', path: '/items' }],
  },
  {
    name: 'Express apps mounted in a router and routers mounted in routers see the right urls',
    build(R, app) {
      const sub = R();
      sub.get('/', send('sub root'));
      sub.get('/deep/:id', send('deep'));
      const r = R();
      r.use('/sub', sub);
      r.use('/sub', send('after sub'));
      app.use('/base', r);
    },
    probes: [{ path: '/base/sub' }, { path: '/base/sub/' }, { path: '/base/sub/deep/1' }, { path: '/base/sub/none' }],
  },
  {
    // Dispatch settles the hidden class of req and res with a property it adds and
    // deletes at once (settleShape in dispatch.ts): none may be left behind.
    name: 'req and res carry the same own properties, symbols included, as with Express',
    build(R, app) {
      // In order: dictionary mode keeps the order properties were added in.
      const own = (o: object) => [...Object.keys(o), ...Object.getOwnPropertySymbols(o).map(String)];
      const r = R();
      r.use((req: Req, _res: Res, next: Next) => {
        req.before = own(req);
        next();
      });
      r.get('/x/:id', (req: Req, res: Res) => res.json({ before: req.before, req: own(req), res: own(res) }));
      app.use('/m', r);
    },
    probes: [{ path: '/m/x/1' }],
    expect: [{ status: 200, contentType: 'application/json; charset=utf-8' }],
  },
];

/** Send one probe to `app` and describe the answer. */
export async function probe(app: any, p: Probe): Promise<Answer> {
  if (p.raw) return rawProbe(app, p);
  const method = (p.method ?? 'GET').toLowerCase();
  let test = (request(app) as any)[method](p.path);
  for (const [name, value] of Object.entries(p.headers ?? {})) test = test.set(name, value);
  const res = await test.buffer(true).parse((r: any, cb: any) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => (text += chunk));
    r.on('end', () => cb(null, text));
  });
  return {
    status: res.status,
    body: typeof res.body === 'string' ? res.body : '',
    allow: res.headers.allow,
    contentType: res.headers['content-type'],
  };
}

function rawProbe(app: any, p: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const req = httpRequest({ host: '127.0.0.1', port, method: p.method ?? 'GET', path: p.path, headers: p.headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          server.close();
          resolve({
            status: res.statusCode ?? 0,
            body,
            allow: res.headers.allow,
            contentType: res.headers['content-type'],
          });
        });
      });
      req.on('error', (error) => {
        server.close();
        reject(error);
      });
      req.end();
    });
  });
}
