/**
 * The tree's housekeeping and limits: remove, routes(), print(), and sizes that would
 * overflow a recursive implementation.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Router } from '../src/index.js';

describe('remove', () => {
  it('removes the route of that method and shape, and tidies the tree', () => {
    const router = new Router<string>();
    router.add('GET', '/users', 'list');
    const tree = router.print();
    router.add('GET', '/users/:id', 'show').add('POST', '/users/:id', 'update');
    expect(router.remove('GET', '/users/:userId')).toBe(true);
    expect(router.find('GET', '/users/1')).toBeNull();
    expect(router.find('POST', '/users/1')?.data).toBe('update');
    expect(router.remove('GET', '/users/:id')).toBe(false);
    expect(router.remove('POST', '/users/:id')).toBe(true);
    expect(router.print()).toBe(tree);
  });

  it('leaves routes in route sets to their set', () => {
    const router = new Router<string>();
    router.routeSet('s').replace((r) => r.add('GET', '/x', 'x'));
    expect(router.remove('GET', '/x')).toBe(false);
    expect(router.find('GET', '/x')?.data).toBe('x');
  });

  it('can add a removed route again', () => {
    const router = new Router<string>().add('GET', '/a/b', '1');
    router.remove('GET', '/a/b');
    router.add('GET', '/a/b', '2');
    expect(router.find('GET', '/a/b')?.data).toBe('2');
  });
});

describe('routes() and print()', () => {
  it('lists every registration in order with its source', () => {
    const router = new Router();
    router.add('get', '/a', 1);
    router.mount('/m', 2);
    router.add('*', ['/b', /c/], 3);
    const routes = router.routes();
    expect(routes.map(({ kind, method, pattern, set }) => ({ kind, method, pattern, set }))).toEqual([
      { kind: 'route', method: 'GET', pattern: '/a', set: null },
      { kind: 'mount', method: '*', pattern: '/m', set: null },
      { kind: 'route', method: '*', pattern: ['/b', /c/], set: null },
    ]);
    for (const route of routes) expect(route.source).toMatch(/tree\.test\.ts:\d+:\d+$/);
  });

  it('prints the tree for people', () => {
    const router = new Router().add('GET', '/users', 1).add('GET', '/users/:id', 2).add('GET', '/uploads/*path', 3);
    expect(router.print()).toBe(
      [
        '(root)',
        '  "/u"',
        '    "ploads/"',
        '      *wildcard (any)  => GET /uploads/*path',
        '    "sers"  => GET /users',
        '      "/"',
        '        :param (until "/")  => GET /users/:id',
      ].join('\n'),
    );
  });
});

describe('sizes a recursive router would not survive', () => {
  it('matches a path of 50,000 segments against /w/*rest', () => {
    const router = new Router().add('GET', '/w/*rest', 'w');
    const path = '/w' + '/x'.repeat(50_000);
    expect((router.find('GET', path)!.params.rest as string[]).length).toBe(50_000);
    expect(router.matchAll('GET', path)).toHaveLength(1);
  });

  it('registers, matches, prints and removes a route of 20,000 segments', () => {
    const router = new Router({ maxParamLength: Infinity });
    const pattern = '/d' + '/:p'.repeat(10_000) + '/s'.repeat(10_000);
    router.add('GET', pattern, 'deep');
    const path = '/d' + '/v'.repeat(10_000) + '/s'.repeat(10_000);
    expect(router.find('GET', path)?.data).toBe('deep');
    expect(router.print().split('\n').length).toBeGreaterThan(10_000);
    expect(router.remove('GET', pattern)).toBe(true);
    expect(router.find('GET', path)).toBeNull();
  });

  it('keeps answering a 4,000-segment route once lookups are compiled (nested functions, then the interpreter)', () => {
    const router = new Router({ maxParamLength: Infinity });
    router.add('GET', '/d' + '/:p'.repeat(2_000) + '/s'.repeat(2_000), 'deep');
    router.add('GET', '/d/:p/other', 'shallow');
    const path = '/d' + '/v'.repeat(1_999) + '/last' + '/s'.repeat(2_000);
    // Past COMPILE_AFTER and each subtree's first 256 visits: every part that is compiled
    // is, 64 functions deep (about 3,000 levels), and the rest is interpreted.
    for (let i = 0; i < 300; i++) {
      const found = router.find('GET', path);
      expect(found?.data).toBe('deep');
      expect(found?.params['p']).toBe('last');
      expect(router.matchAll('GET', path).map((h) => h.data)).toEqual(['deep']);
      expect(router.find('GET', '/d/v/other')?.data).toBe('shallow');
    }
  });

  it('answers for a 16 KB URL against multi-capture routes (linear, no blow-up)', () => {
    const router = new Router({ maxParamLength: Infinity });
    for (const p of ['/:from-:to', '/:file.:ext', '/:a-:b-:c', '/*a/*b/edit', '/*a.json']) router.add('GET', p, p);
    for (const body of ['-'.repeat(16_384), 'a-'.repeat(8_192), '.'.repeat(16_384), 'a/'.repeat(8_192)]) {
      const hits = router.matchAll('GET', '/' + body).map((h) => h.data);
      expect(hits.every((h) => typeof h === 'string')).toBe(true);
    }
    expect(router.find('GET', '/' + '-'.repeat(16_384))?.data).toBe('/:from-:to');
  });
});

describe('packaging', () => {
  it('works from require() as well as import', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const { Router, PatternError } = require('@switchyard/router'); const r = new Router().add('GET', '/x/:id', 1); console.log(JSON.stringify([r.find('GET', '/x/7').params.id, typeof PatternError]))"],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual(['7', 'function']);
  });
});
