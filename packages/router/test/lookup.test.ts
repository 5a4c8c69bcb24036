/**
 * find and matchAll: given routes, when a request, then which routes, in what order, with
 * what params.
 */
import { describe, expect, it } from 'vitest';
import { BadParamError, Router } from '../src/index.js';
import { COMPILE_AFTER } from '../src/match.js';

/** Enough lookups of `path` for the router to compile its tree (match.ts, COMPILE_AFTER). */
function compileBy<T>(router: Router<T>, method: string, path: string): void {
  for (let i = 0; i <= COMPILE_AFTER; i++) router.find(method, path);
}

function routerWith(routes: Array<[method: string, pattern: string]>): Router<string> {
  const router = new Router<string>({ maxParamLength: Infinity });
  for (const [method, pattern] of routes) router.add(method, pattern, `${method} ${pattern}`);
  return router;
}

describe('find: the best route', () => {
  const cases: Array<[routes: Array<[string, string]>, path: string, expected: string | null]> = [
    [[['GET', '/users/:id'], ['GET', '/users/me']], '/users/me', 'GET /users/me'],
    [[['GET', '/users/:id'], ['GET', '/users/me']], '/users/you', 'GET /users/:id'],
    [[['GET', '/files/*path'], ['GET', '/files/:name']], '/files/a', 'GET /files/:name'],
    [[['GET', '/files/*path'], ['GET', '/files/:name']], '/files/a/b', 'GET /files/*path'],
    // backtracking: the static branch dead-ends, the param branch matches
    [[['GET', '/a/b/c'], ['GET', '/a/:x/d']], '/a/b/d', 'GET /a/:x/d'],
    [[['GET', '/a/:x/c'], ['GET', '/a/*rest']], '/a/b/d', 'GET /a/*rest'],
    [[['GET', '/users'], ['POST', '/users']], '/users', 'GET /users'],
    [[['POST', '/users']], '/users', null],
    [[['*', '/any']], '/any', '* /any'],
    [[['GET', '/x'], ['*', '/x']], '/x', 'GET /x'],
    [[['*', '/x'], ['GET', '/x']], '/x', '* /x'],
    [[['GET', '/']], '/', 'GET /'],
    [[['GET', '/']], '', null],
    [[['GET', '/a']], '/b', null],
  ];
  it.each(cases)('%j finds %s', (routes, path, expected) => {
    expect(routerWith(routes).find('GET', path)?.data ?? null).toBe(expected);
  });

  it('takes lower-case methods from callers', () => {
    expect(routerWith([['GET', '/x']]).find('get', '/x')?.data).toBe('GET /x');
  });

  it('does not treat HEAD as GET (the adapter does that, as Express)', () => {
    expect(routerWith([['GET', '/x']]).find('HEAD', '/x')).toBeNull();
  });

  it('returns the pattern and the matched path', () => {
    const found = routerWith([['GET', '/users/:id']]).find('GET', '/users/7/')!;
    expect(found).toMatchObject({ pattern: '/users/:id', kind: 'route', method: 'GET', path: '/users/7/' });
  });

  it('throws BadParamError (status 400) for a malformed escape in a param', () => {
    const router = routerWith([['GET', '/users/:id']]);
    let error: unknown;
    try {
      router.find('GET', '/users/%E0%A4%A');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadParamError);
    expect(error).toBeInstanceOf(URIError);
    expect(error).toMatchObject({ status: 400, code: 'ERR_SWITCHYARD_BAD_PARAM', param: 'id', value: '%E0%A4%A' });
  });

  it('does not decode static text: a route matches the raw path', () => {
    expect(routerWith([['GET', '/a b']]).find('GET', '/a%20b')).toBeNull();
    expect(routerWith([['GET', '/a%20b']]).find('GET', '/a%20b')?.data).toBe('GET /a%20b');
  });

  it('ignores params longer than maxParamLength', () => {
    const router = new Router({ maxParamLength: 5 }).add('GET', '/u/:id', 1).add('GET', '/u/*rest', 2);
    expect(router.find('GET', '/u/12345')?.data).toBe(1);
    expect(router.find('GET', '/u/123456')?.data).toBe(2);
  });

  it('finds RegExp routes after the tree, in registration order', () => {
    const router = new Router<number>().add('GET', /^\/r(\d+)$/, 1).add('GET', /^\/r(?<n>\d)$/, 2).add('GET', '/r5', 3);
    expect(router.find('GET', '/r5')?.data).toBe(3);
    expect({ ...router.find('GET', '/r7')!.params }).toEqual({ 0: '7' });
    expect(router.find('GET', '/rx')).toBeNull();
  });

  it('finds RegExp routes after a compiled tree too, whatever the method case', () => {
    const router = new Router<number>().add('GET', /^\/r(\d+)$/, 1).add('PUT', /^\/p$/, 2).add('GET', '/r/:id', 3);
    // Compiled, its code asks the RegExp routes itself.
    compileBy(router, 'GET', '/warm-up');
    expect(router.find('GET', '/r/5')?.data).toBe(3);
    expect(router.find('GET', '/r7')?.data).toBe(1);
    expect(router.find('get', '/r7')?.data).toBe(1);
    expect(router.find('put', '/p')?.data).toBe(2);
    expect(router.find('GET', '/p')).toBeNull();
    expect(router.find('GET', '/rx')).toBeNull();
  });
});

describe('compiled lookups answer as the interpreter, whichever way they find static routes', () => {
  // 12 static routes of one length (more than the compiled prelude takes: the Map answers
  // them), 200 of many lengths (past the prelude's limit), and params beside them.
  const make = () => {
    const router = new Router<string>();
    for (let i = 0; i < 12; i++) router.add(i % 3 === 0 ? 'POST' : 'GET', `/same/${String.fromCharCode(97 + i)}`, `same ${i}`);
    for (let i = 0; i < 200; i++) router.add('GET', `/len/${'x'.repeat(i + 1)}`, `len ${i}`);
    router.add('*', '/same/:any', 'param');
    router.add('GET', '/len/:x', 'len param');
    return router;
  };
  const paths = ['/same/a', '/same/b', '/same/z', '/SAME/B', '/same/b/', '/len/x', `/len/${'x'.repeat(150)}`, `/len/${'x'.repeat(201)}`, '/len/X'];
  // Lower-case and mixed-case methods go through the compiled code's own normalizing.
  for (const method of ['GET', 'POST', 'PUT', 'get', 'post', 'Put']) {
    it(`for ${method}`, () => {
      const interpreted = make();
      const compiled = make();
      compileBy(compiled, method, '/warm-up');
      for (const path of paths) {
        expect(compiled.find(method, path)?.data ?? null, path).toBe(interpreted.find(method, path)?.data ?? null);
      }
    });
  }
});

describe('compiled find builds the whole result the interpreter builds', () => {
  // One data object per route, shared by both routers, so that identity can be compared.
  const data = ['user', 'files', 'post', 'a or b', 'static'].map((name) => ({ name }));
  const make = () => {
    const router = new Router<{ name: string }>();
    router.add('GET', '/users/:id', data[0]!);
    router.add('*', '/users/:id/files/*path', data[1]!);
    router.add('POST', '/users/:id/posts/:post', data[2]!);
    router.add('GET', ['/a/:x', '/b/:x'], data[3]!);
    router.add('GET', '/static/*rest', data[4]!);
    return router;
  };
  const lookups: Array<[string, string]> = [
    ['GET', '/users/7'],
    ['GET', '/users/7/'],
    ['GET', '/users/caf%C3%A9'],
    ['PUT', '/users/7/files/a/b%20c.txt'],
    ['POST', '/users/7/posts/9'],
    ['GET', '/b/1'],
    ['GET', '/static/index.html'],
  ];
  it.each(lookups)('%s %s: every field, in the same order, and data by identity', (method, path) => {
    const interpreted = make();
    const compiled = make();
    compileBy(compiled, 'GET', '/warm-up');
    const want = interpreted.find(method, path)!;
    const got = compiled.find(method, path)!;
    expect(got).toStrictEqual(want);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    expect(got.data).toBe(want.data);
  });
});

describe('find: a path that is exactly a static route\'s text gets that route\'s one frozen result', () => {
  const warm = (router: Router<string>) => {
    compileBy(router, 'GET', '/warm-up');
  };

  it('hands out the same frozen object, interpreted and compiled, and nothing can be put in it', () => {
    const router = routerWith([['GET', '/users'], ['GET', '/users/:id']]);
    const first = router.find('GET', '/users')!;
    expect(first).toEqual({ data: 'GET /users', params: {}, pattern: '/users', kind: 'route', method: 'GET', path: '/users', error: undefined });
    expect(Object.isFrozen(first) && Object.isFrozen(first.params)).toBe(true);
    expect(() => {
      (first.params as Record<string, string>).id = 'leaked';
    }).toThrow(TypeError);
    warm(router);
    expect(router.find('GET', '/users')).toBe(first);
    expect(router.find('get', '/users')).toBe(first);
    expect(router.find('GET', '/users')!.params).toEqual({});
  });

  it('gives fresh results, with the path as asked, to every other way of reaching a route', () => {
    const router = routerWith([['GET', '/users'], ['GET', '/users/:id'], ['GET', '/files/*path']]);
    for (const compiled of [false, true]) {
      if (compiled) warm(router);
      for (const path of ['/users/', '/USERS', '/users/7', '/files/a']) {
        const one = router.find('GET', path)!;
        const two = router.find('GET', path)!;
        expect(one, path).not.toBe(two);
        expect(one.path, path).toBe(path);
        expect(Object.isFrozen(one) || Object.isFrozen(one.params), path).toBe(false);
        (one.params as Record<string, string>).extra = 'mine';
        expect(two.params.extra, path).toBeUndefined();
      }
    }
  });

  it('shares results found through the static Map too (more texts of one length than the compiled prelude holds)', () => {
    const router = new Router<string>();
    for (let i = 0; i < 12; i++) router.add('GET', `/same/${String.fromCharCode(97 + i)}`, `same ${i}`);
    const first = router.find('GET', '/same/k')!;
    warm(router);
    expect(router.find('GET', '/same/k')).toBe(first);
    expect(first.data).toBe('same 10');
  });

  it('makes a new result when a route set replaces the route, and for a route registered again', () => {
    const router = new Router<string>();
    const set = router.routeSet('pages');
    set.replace((r) => r.add('GET', '/about', 'v1'));
    warm(router);
    expect(router.find('GET', '/about')!.data).toBe('v1');
    set.replace((r) => r.add('GET', '/about', 'v2'));
    expect(router.find('GET', '/about')!.data).toBe('v2');
    warm(router);
    expect(router.find('GET', '/about')!.data).toBe('v2');
    router.add('GET', '/contact', 'c1');
    warm(router);
    expect(router.find('GET', '/contact')!.data).toBe('c1');
    router.remove('GET', '/contact');
    router.add('GET', '/contact', 'c2');
    warm(router);
    expect(router.find('GET', '/contact')!.data).toBe('c2');
  });

  it('answers each method with its own route\'s result, and an array of paths with the element that matched', () => {
    const router = new Router<string>();
    router.add('GET', '/x', 'get x');
    router.add('*', '/x', 'any x');
    router.add('GET', ['/a', '/b'], 'a or b');
    warm(router);
    expect(router.find('GET', '/x')!.data).toBe('get x');
    expect(router.find('PUT', '/x')).toMatchObject({ data: 'any x', method: '*' });
    expect(router.find('GET', '/b')).toMatchObject({ data: 'a or b', pattern: '/b', path: '/b' });
  });
});

describe('matchAll: every match, in registration order', () => {
  it('lists routes and mounts in the order they were registered, whatever the tree order', () => {
    const router = new Router<string>();
    router.mount('/', 'logger');
    router.add('GET', '/users/:id', 'show');
    router.mount('/users', 'users-mw');
    router.add('*', '/users/*rest', 'all');
    router.add('GET', '/users/me', 'me');
    router.add('POST', '/users/me', 'update');
    router.add('GET', /^\/users\/m/, 'regexp');
    const hits = router.matchAll('GET', '/users/me');
    expect(hits.map((h) => h.data)).toEqual(['logger', 'show', 'users-mw', 'all', 'me', 'regexp']);
    expect(hits.map((h) => h.path)).toEqual(['', '/users/me', '/users', '/users/me', '/users/me', '/users/m']);
    expect(hits.map((h) => ({ ...h.params }))).toEqual([{}, { id: 'me' }, {}, { rest: ['me'] }, {}, {}]);
  });

  // Compiled matchAll returns a lone route's answer without finishing the walk when nothing
  // else can match; these are the cases where something else can, through a trailing '/'.
  it.each([
    ['a route, and a wildcard right after its text', [['/a', 'a'], ['/a*rest', 'rest']], '/a/', ['a', 'rest']],
    ['a route, and a lone "/" route under it', [['/a', 'a'], ['/a/', 'slash']], '/a/', ['a', 'slash']],
    ['a route, and a wildcard after a "/" under it', [['/a', 'a'], ['/a/*rest', 'rest']], '/a/x', ['rest']],
    ['a param route, and the same with a trailing "/"', [['/p/:id', 'id'], ['/p/:id/', 'id/']], '/p/1/', ['id', 'id/']],
    ['a param route, and a wildcard after a "/" under it', [['/p/:id', 'id'], ['/p/:id/*rest', 'rest']], '/p/1/x', ['rest']],
  ] as const)('keeps every match of %s, compiled as interpreted', (_name, routes, path, expected) => {
    const router = new Router<string>({ duplicates: 'allow' });
    for (const [pattern, data] of routes) router.add('GET', pattern, data);
    for (let i = 0; i < 300; i++) expect(router.matchAll('GET', path).map((h) => h.data)).toEqual(expected);
  });

  it('gives a mount its matched prefix, and matches /api but not /apix', () => {
    const router = new Router<string>().mount('/api', 'api').mount('/api/:version', 'versioned');
    const prefixes = (path: string) => router.matchAll('GET', path).map((h) => `${h.data}=${h.path}`);
    expect(prefixes('/api')).toEqual(['api=/api']);
    expect(prefixes('/api/')).toEqual(['api=/api/']);
    expect(prefixes('/api/v1/users')).toEqual(['api=/api', 'versioned=/api/v1']);
    expect(prefixes('/API/V1')).toEqual(['api=/API', 'versioned=/API/V1']);
    expect(prefixes('/apix')).toEqual([]);
  });

  it('treats an array of paths as one route: the first matching element wins', () => {
    const router = new Router<string>().add('GET', ['/:x', '/a', /^\/(a)$/], 'r');
    const hits = router.matchAll('GET', '/a');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ pattern: '/:x', params: { x: 'a' } });
    expect(router.find('GET', '/a')).toMatchObject({ pattern: '/:x', params: { x: 'a' } });
  });

  it('prefers the earlier expansion of an optional group, as the RegExp does', () => {
    const router = new Router<string>({ maxParamLength: Infinity }).add('GET', '/:a{-:b}', 'r');
    expect({ ...router.find('GET', '/x-y')!.params }).toEqual({ a: 'x', b: 'y' });
    expect({ ...router.matchAll('GET', '/x-y')[0]!.params }).toEqual({ a: 'x', b: 'y' });
  });

  it('reports a bad escape on the entry it belongs to, not on the others', () => {
    const router = new Router<string>().mount('/', 'first').add('GET', '/u/:id', 'bad').add('GET', '/u/*rest', 'wild');
    const hits = router.matchAll('GET', '/u/%ZZ');
    expect(hits.map((h) => [h.data, h.error?.code ?? null])).toEqual([
      ['first', null],
      ['bad', 'ERR_SWITCHYARD_BAD_PARAM'],
      ['wild', 'ERR_SWITCHYARD_BAD_PARAM'],
    ]);
    expect(hits[1]!.error).toBeInstanceOf(BadParamError);
  });

  it('returns nothing for a method with no routes, but still the mounts', () => {
    const router = new Router<string>().add('GET', '/x', 'get').mount('/x', 'mw');
    expect(router.matchAll('DELETE', '/x').map((h) => h.data)).toEqual(['mw']);
  });
});

describe('allowedMethods', () => {
  it('lists the methods of matching routes, sorted and unique, without * routes', () => {
    const router = new Router()
      .add('POST', '/users/:id', 1)
      .add('GET', '/users/:id', 2)
      .add('get', '/users/me', 3)
      .add('*', '/users/*rest', 4)
      .add('DELETE', '/posts/:id', 5);
    router.mount('/users', 6);
    expect(router.allowedMethods('/users/me')).toEqual(['GET', 'POST']);
    expect(router.allowedMethods('/nothing')).toEqual([]);
  });
});

describe('arguments', () => {
  const router = new Router();
  it.each([
    ['a method that is not a token', () => router.add('GE T', '/x', 1)],
    ['a method that is not a string', () => router.add(1 as never, '/x', 1)],
    ['a path that is not a string', () => router.add('GET', 42 as never, 1)],
    ['an empty array', () => router.add('GET', [], 1)],
    ['an array with a number', () => router.add('GET', ['/a', 1 as never], 1)],
    ['a lookup path that is not a string', () => router.find('GET', undefined as never)],
    ['an unknown duplicates policy', () => new Router({ duplicates: 'maybe' as never })],
    ['a maxParamLength of 0', () => new Router({ maxParamLength: 0 })],
  ])('throws TypeError for %s', (_name, call) => {
    expect(call).toThrow(TypeError);
    expect(router.routes()).toEqual([]);
  });
});

describe('lookup arguments are checked the same way, interpreted and compiled', () => {
  const make = (compiled: boolean) => {
    const router = new Router<string>();
    router.add('GET', '/users/:id', 'user');
    router.add('*', '/any', 'any');
    if (compiled) compileBy(router, 'GET', '/users/1');
    return router;
  };
  for (const compiled of [false, true]) {
    const state = compiled ? 'compiled' : 'interpreted';
    it.each([
      ['find, a path that is not a string', (r: Router<string>) => r.find('GET', 42 as never), /^path must be a string, got \[object Number\]$/],
      ['find, an undefined path', (r: Router<string>) => r.find('GET', undefined as never), /^path must be a string/],
      ['find, a method that is not a string', (r: Router<string>) => r.find(7 as never, '/users/1'), /^method must be an HTTP method name/],
      ['find, an undefined method', (r: Router<string>) => r.find(undefined as never, '/any'), /^method must be an HTTP method name/],
      ['find, both wrong: the path is reported', (r: Router<string>) => r.find(7 as never, null as never), /^path must be a string, got \[object Null\]$/],
      ['matchAll, a path that is not a string', (r: Router<string>) => r.matchAll('GET', {} as never), /^path must be a string/],
      ['matchAll, a method that is not a string', (r: Router<string>) => r.matchAll(null as never, '/any'), /^method must be an HTTP method name/],
      ['allowedMethods, a path that is not a string', (r: Router<string>) => r.allowedMethods([] as never), /^path must be a string/],
    ])(`${state}: throws TypeError for %s`, (_name, call, message) => {
      const router = make(compiled);
      expect(() => call(router)).toThrow(TypeError);
      expect(() => call(router)).toThrow(message);
      expect(router.find('GET', '/users/1')?.params).toEqual({ id: '1' });
      expect(router.routes()).toHaveLength(2);
    });
    it(`${state}: normalizes the method before choosing, so a '*' route does not win over the method's own`, () => {
      const router = new Router<string>();
      router.add('POST', '/x/:id', 'post param');
      router.add('*', '/x/:id', 'any param');
      if (compiled) compileBy(router, 'GET', '/x/1');
      expect(router.find('post', '/x/1')?.data).toBe('post param');
      expect(router.find('pOsT', '/x/1')?.method).toBe('POST');
      expect(router.find('delete', '/x/1')?.data).toBe('any param');
    });
  }
});
