/**
 * Routing through a set inside real Fastify 5, over inject(): params, the prefix's edges,
 * 404 from Fastify's not-found handler, 405 with Allow, HEAD, `all`, `this`, and how the
 * claim sits beside native routes and encapsulated prefixes.
 */
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import switchyard from '../src/index.js';
import { appWith, call, setOf } from './app.js';
import type { FastifyInstance } from 'fastify';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

const echo = (name: string) => (request: { params: unknown }) => ({ route: name, params: request.params });

async function partnersApp() {
  app = await appWith();
  setOf(app).replace((r) => {
    r.get('/', echo('index'));
    r.get('/:id', echo('show'));
    r.put('/:id', echo('update'));
    r.get('/:id/files/*path', echo('files'));
    r.get('/search{/:term}', echo('search'));
    r.get('/static', echo('static'));
  });
  return app;
}

describe('given a set under /partners', () => {
  const cases: Array<[string, string, number, unknown]> = [
    ['GET', '/partners/42', 200, { route: 'show', params: { id: '42' } }],
    ['PUT', '/partners/42', 200, { route: 'update', params: { id: '42' } }],
    ['GET', '/partners/static', 200, { route: 'static', params: {} }],
    ['GET', '/partners/a%20b', 200, { route: 'show', params: { id: 'a b' } }],
    ['GET', '/partners/a%2Fb', 200, { route: 'show', params: { id: 'a/b' } }],
    ['GET', '/partners/7/files/x/y.txt', 200, { route: 'files', params: { id: '7', path: ['x', 'y.txt'] } }],
    ['GET', '/partners/search', 200, { route: 'search', params: {} }],
    ['GET', '/partners/search/cats', 200, { route: 'search', params: { term: 'cats' } }],
    ['GET', '/partners', 200, { route: 'index', params: {} }],
    ['GET', '/partners/', 200, { route: 'index', params: {} }],
    ['GET', '/partners/42?x=1', 200, { route: 'show', params: { id: '42' } }],
    // find-my-way decodes the prefix before matching; the set still sees its own part.
    ['GET', '/p%61rtners/42', 200, { route: 'show', params: { id: '42' } }],
  ];
  it.each(cases)('%s %s answers %i', async (method, url, status, body) => {
    await partnersApp();
    const answer = await call(app, method, url);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual(body);
  });

  it('gives every request params of its own that a handler may write to, static routes too', async () => {
    app = await appWith();
    const write = (request: { params: unknown }) => {
      const params = request.params as Record<string, string>;
      const before = { ...params };
      params.seen = 'yes';
      return { before, after: { ...params } };
    };
    setOf(app).replace((r) => {
      r.get('/static', write);
      r.get('/:id', write);
    });
    // Past the engine's compile threshold, so the compiled lookup answers too.
    for (let i = 0; i < 40; i++) {
      expect(JSON.parse((await call(app, 'GET', '/partners/static')).body)).toEqual({ before: {}, after: { seen: 'yes' } });
      expect(JSON.parse((await call(app, 'GET', '/partners/7')).body)).toEqual({ before: { id: '7' }, after: { id: '7', seen: 'yes' } });
    }
  });

  it('is strict about a trailing slash by default, as Fastify is', async () => {
    await partnersApp();
    expect((await call(app, 'GET', '/partners/42/')).status).toBe(404);
  });

  it('follows ignoreTrailingSlash and caseSensitive: false from the app\'s routerOptions', async () => {
    app = await appWith(undefined, { routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } });
    setOf(app).replace((r) => r.get('/Users/:id', echo('user')));
    expect(JSON.parse((await call(app, 'GET', '/PARTNERS/users/9/')).body)).toEqual({ route: 'user', params: { id: '9' } });
  });

  it('follows ignoreDuplicateSlashes from the app', async () => {
    app = await appWith(undefined, { routerOptions: { ignoreDuplicateSlashes: true } });
    setOf(app).replace((r) => r.get('/a/:id', echo('a')));
    expect(JSON.parse((await call(app, 'GET', '//partners//a/3')).body)).toEqual({ route: 'a', params: { id: '3' } });
  });

  it('sends unmatched paths under the prefix to Fastify\'s not-found handler', async () => {
    app = Fastify();
    app.setNotFoundHandler((request, reply) => reply.code(404).send({ custom: true, url: request.url }));
    await app.register(switchyard, { prefix: '/partners', name: 'partners' });
    setOf(app).replace((r) => r.get('/:id', echo('show')));
    for (const url of ['/partners/1/2', '/partners/', '/partners']) {
      expect(await call(app, 'GET', url)).toEqual({ status: 404, body: JSON.stringify({ custom: true, url }), allow: undefined });
    }
  });

  it('answers 404 everywhere under the prefix before the first replace', async () => {
    app = await appWith();
    expect((await call(app, 'GET', '/partners/1')).status).toBe(404);
  });

  it('answers 405 with Allow when the path matches other methods, through the error handler', async () => {
    await partnersApp();
    const answer = await call(app, 'DELETE', '/partners/42');
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe('GET, HEAD, PUT');
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 405, code: 'ERR_SWITCHYARD_METHOD_NOT_ALLOWED' });
  });

  it('serves HEAD with the GET handler, without a body', async () => {
    await partnersApp();
    const res = await app.inject({ method: 'HEAD', url: '/partners/42' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe(String(JSON.stringify({ route: 'show', params: { id: '42' } }).length));
  });

  it('prefers a HEAD route to the GET one', async () => {
    app = await appWith();
    setOf(app).replace((r) => {
      r.get('/x', () => 'get');
      r.head('/x', (_request, reply) => reply.header('x-head', 'yes').send());
    });
    const res = await app.inject({ method: 'HEAD', url: '/partners/x' });
    expect(res.headers['x-head']).toBe('yes');
  });

  it('routes every method to an `all` route, and never answers 405 for it', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.all('/any', (request) => request.method));
    for (const method of ['GET', 'POST', 'DELETE', 'PATCH', 'OPTIONS']) {
      expect(await call(app, method, '/partners/any')).toMatchObject({ status: 200, body: method });
    }
  });

  it('accepts route() with a list of methods', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.route({ method: ['GET', 'post'], url: '/r/:id', handler: (request) => request.params }));
    expect(await call(app, 'POST', '/partners/r/3')).toMatchObject({ status: 200, body: '{"id":"3"}' });
    expect((await call(app, 'PUT', '/partners/r/3')).allow).toBe('GET, HEAD, POST');
  });

  it('calls handlers with the Fastify instance as this, and lets them use reply', async () => {
    app = await appWith();
    app.decorate('greeting', 'hello');
    setOf(app).replace((r) =>
      r.get('/this', function (this: FastifyInstance & { greeting?: string }, _request, reply) {
        reply.code(201).header('x-from', 'reply').send(this.greeting);
      }),
    );
    const res = await app.inject({ url: '/partners/this' });
    expect([res.statusCode, res.headers['x-from'], res.body]).toEqual([201, 'reply', 'hello']);
  });

  it('gives params that inherit nothing, so "__proto__" is just a name', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.get('/:id', (request) => !('toString' in request.params) && request.params.id));
    expect((await call(app, 'GET', '/partners/__proto__')).body).toBe('__proto__');
  });

  it('leaves native routes beside the prefix alone, and native routes inside it win', async () => {
    app = await appWith();
    app.get('/partners-list', async () => 'native-beside');
    app.get('/partners/native', async () => 'native-inside');
    setOf(app).replace((r) => r.get('/:id', (request) => `set ${String(request.params.id)}`));
    expect((await call(app, 'GET', '/partners-list')).body).toBe('native-beside');
    expect((await call(app, 'GET', '/partners/native')).body).toBe('native-inside');
    expect((await call(app, 'GET', '/partners/other')).body).toBe('set other');
  });

  it('claims the prefix under an encapsulating register prefix', async () => {
    app = Fastify();
    let child: FastifyInstance | undefined;
    await app.register(
      async (v1) => {
        await v1.register(switchyard, { prefix: '/partners', name: 'partners' });
        child = v1;
      },
      { prefix: '/v1' },
    );
    await app.ready();
    // The decorator belongs to the context the plugin was registered in, as Fastify encapsulates.
    expect(app.switchyard).toBeUndefined();
    expect(setOf(child!).prefix).toBe('/v1/partners');
    setOf(child!).replace((r) => r.get('/:id', (request) => request.params));
    expect((await call(app, 'GET', '/v1/partners/5')).body).toBe('{"id":"5"}');
    expect((await call(app, 'GET', '/partners/5')).status).toBe(404);
  });

  it('claims everything the app does not route itself with prefix "/"', async () => {
    app = await appWith([{ prefix: '/', name: 'root' }]);
    app.get('/health', async () => 'ok');
    setOf(app, 'root').replace((r) => r.get('/a/:id', (request) => request.params));
    expect((await call(app, 'GET', '/health')).body).toBe('ok');
    expect((await call(app, 'GET', '/a/1')).body).toBe('{"id":"1"}');
    expect((await call(app, 'GET', '/b')).status).toBe(404);
  });
});

describe('several sets', () => {
  it('route each prefix to its own set', async () => {
    app = await appWith([
      { prefix: '/partners', name: 'partners' },
      { prefix: '/vendors', name: 'vendors' },
    ]);
    setOf(app, 'partners').replace((r) => r.get('/:id', () => 'partner'));
    setOf(app, 'vendors').replace((r) => r.get('/:id', () => 'vendor'));
    expect((await call(app, 'GET', '/partners/1')).body).toBe('partner');
    expect((await call(app, 'GET', '/vendors/1')).body).toBe('vendor');
    expect(Object.keys(app.switchyard).sort()).toEqual(['partners', 'vendors']);
  });

  const overlapping: Array<[string, string]> = [
    ['/partners', '/partners'],
    ['/partners', '/partners/admin'],
    ['/partners/admin', '/partners'],
    ['/', '/partners'],
  ];
  it.each(overlapping)('refuse %s then %s at startup', async (first, second) => {
    app = Fastify();
    await app.register(switchyard, { prefix: first, name: 'one' });
    await expect(app.register(switchyard, { prefix: second, name: 'two' })).rejects.toMatchObject({
      code: 'ERR_SWITCHYARD_PREFIX_OVERLAP',
    });
  });

  it('refuse an overlap made of an encapsulating prefix, at ready', async () => {
    app = Fastify();
    void app.register(switchyard, { prefix: '/v1/partners', name: 'one' });
    void app.register(async (v1) => v1.register(switchyard, { prefix: '/partners', name: 'two' }), { prefix: '/v1' });
    await expect(app.ready()).rejects.toMatchObject({ code: 'ERR_SWITCHYARD_PREFIX_OVERLAP' });
  });

  it('allow prefixes that only share a beginning', async () => {
    app = await appWith([
      { prefix: '/partners', name: 'one' },
      { prefix: '/partners-archive', name: 'two' },
    ]);
    setOf(app, 'two').replace((r) => r.get('/x', () => 'two'));
    expect((await call(app, 'GET', '/partners-archive/x')).body).toBe('two');
  });

  it('refuse a name used twice', async () => {
    app = Fastify();
    await app.register(switchyard, { prefix: '/a', name: 'same' });
    await expect(app.register(switchyard, { prefix: '/b', name: 'same' })).rejects.toMatchObject({
      code: 'ERR_SWITCHYARD_SET_NAME_TAKEN',
    });
  });

  const badOptions: Array<[string, object]> = [
    ['no prefix', { name: 'x' }],
    ['a prefix without a leading slash', { prefix: 'partners', name: 'x' }],
    ['a prefix with a param', { prefix: '/p/:id', name: 'x' }],
    ['a prefix with an empty segment', { prefix: '/a//b', name: 'x' }],
    ['no name', { prefix: '/p' }],
  ];
  it.each(badOptions)('refuse %s', async (_name, options) => {
    app = Fastify();
    await expect(app.register(switchyard, options as never)).rejects.toThrow(TypeError);
  });
});
