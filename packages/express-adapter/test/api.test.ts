/**
 * The API surface beside dispatch: construction, `Router.Route`, and the argument errors,
 * each compared with what express.Router() throws for the same call.
 */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { Route, Router } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fn = (_req: unknown, _res: unknown, next: () => void) => next();

/** Calls that must throw the same TypeError from both routers. */
const badCalls: Array<[string, (r: any) => unknown]> = [
  ['use()', (r) => r.use()],
  ["use('/x')", (r) => r.use('/x')],
  ["use('/x', 'nope')", (r) => r.use('/x', 'nope')],
  ['use([])', (r) => r.use([])],
  ["get('/x')", (r) => r.get('/x')],
  ["get('/x', 1)", (r) => r.get('/x', 1)],
  ["all('/x')", (r) => r.all('/x')],
  ["route('/x').post()", (r) => r.route('/x').post()],
  ["route('/x').all(null)", (r) => r.route('/x').all(null)],
  ['param()', (r) => r.param()],
  ["param('id')", (r) => r.param('id')],
  ['param(1, fn)', (r) => r.param(1, fn)],
  ["param('id', 'nope')", (r) => r.param('id', 'nope')],
  ['handle(req, res) without a callback', (r) => r.handle({ url: '/', method: 'GET' }, {})],
];

describe('argument errors are the TypeErrors Express throws', () => {
  for (const [name, call] of badCalls) {
    it(name, () => {
      let theirs: unknown;
      try {
        call(express.Router());
      } catch (error) {
        theirs = error;
      }
      expect(theirs).toBeInstanceOf(TypeError);
      expect(() => call(Router())).toThrow(new TypeError((theirs as Error).message));
    });
  }
});

describe('construction', () => {
  it('works with and without new, is callable, and is an instance of Router', () => {
    const a = Router();
    const b = new Router({ caseSensitive: true, strict: true, mergeParams: true });
    expect(typeof a).toBe('function');
    expect(a).toBeInstanceOf(Router);
    expect(b).toBeInstanceOf(Router);
    expect([b.caseSensitive, b.strict, b.mergeParams]).toEqual([true, true, true]);
    expect(a.stack).toEqual([]);
  });

  it('has a function per http.METHODS name, like express.Router()', () => {
    const ours = Router() as any;
    const theirs = express.Router() as any;
    for (const name of ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'm-search', 'propfind', 'all', 'use', 'route', 'param', 'handle']) {
      expect(typeof theirs[name], name).toBe('function');
      expect(typeof ours[name], name).toBe('function');
    }
  });

  it('refuses an unknown duplicates policy', () => {
    expect(() => Router({ duplicates: 'sometimes' as never })).toThrow(TypeError);
  });

  it('refuses a bad pattern with the engine PatternError, adding nothing', () => {
    const r = Router();
    expect(() => r.get('/a/(', fn)).toThrow(/Invalid route pattern/);
    expect(r.stack).toHaveLength(0);
  });

  it('exports Route as Router.Route, and a lone route dispatches by method', async () => {
    expect(Router.Route).toBe(Route);
    const route = new Route('/x') as any;
    route.get((req: any, _res: unknown, next: () => void) => {
      req.seen.push('get');
      next();
    });
    route.all((req: any, _res: unknown, next: (e?: unknown) => void) => {
      req.seen.push('all');
      next('route');
    });
    const req = { method: 'GET', seen: [] as string[] };
    const result = await new Promise((resolve) => route.dispatch(req, {}, (err?: unknown) => resolve(err)));
    expect(result).toBeUndefined();
    expect(req.seen).toEqual(['get', 'all']);
    expect(route._methods().sort()).toEqual(['GET', 'HEAD', '_ALL']);
  });

  it('router.get() goes through router.route() when something replaced it, as Express does', () => {
    for (const router of [Router(), express.Router()] as any[]) {
      const seen: unknown[] = [];
      const original = router.route;
      // What instrumentation (APM agents) does to a router.
      router.route = function (this: unknown, path: unknown) {
        seen.push(path);
        return original.call(this, path);
      };
      router.get('/x', fn);
      router.post('/y', fn);
      expect(seen).toEqual(['/x', '/y']);
      expect(router.stack).toHaveLength(2);
    }
  });

  it('routes() lists the layers in order with methods and sources', () => {
    const r = Router();
    r.use(fn);
    r.route('/items').get(fn).post(fn);
    r.all('/any', fn);
    const table = r.routes();
    expect(table.map((e) => [e.kind, e.methods, e.path])).toEqual([
      ['use', [], '/'],
      ['route', ['GET', 'POST', 'HEAD'], '/items'],
      ['route', ['*'], '/any'],
    ]);
    expect(table[1]!.source).toMatch(/api\.test\.ts:\d+:\d+$/);
  });
});
