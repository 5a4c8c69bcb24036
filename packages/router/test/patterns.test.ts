/**
 * Express 5 pattern syntax: given a route, when a path, then these params (or no match).
 * Every row is also checked against path-to-regexp's own match(), so a row cannot encode a
 * wrong expectation without failing.
 */
import { match } from 'path-to-regexp';
import { describe, expect, it } from 'vitest';
import { PatternError, Router, type RouterOptions } from '../src/index.js';

type Row = [pattern: string, path: string, params: Record<string, unknown> | null, options?: RouterOptions];

const rows: Row[] = [
  // plain params
  ['/users/:id', '/users/42', { id: '42' }],
  ['/users/:id', '/users/42/', { id: '42' }],
  ['/users/:id', '/users/', null],
  ['/users/:id', '/users/42/posts', null],
  ['/:"quoted name"', '/x', { 'quoted name': 'x' }],
  ['/:$dollar_ok', '/x', { $dollar_ok: 'x' }],
  // several captures in one segment
  ['/:from-:to', '/a-b', { from: 'a', to: 'b' }],
  ['/:from-:to', '/a-b-c', { from: 'a-b', to: 'c' }],
  ['/:from-:to', '/x--', { from: 'x', to: '-' }],
  ['/:file.:ext', '/archive.tar.gz', { file: 'archive.tar', ext: 'gz' }],
  ['/v:ver', '/v2', { ver: '2' }],
  ['/v:ver', '/V2', { ver: '2' }],
  ['/:a.:b-:c', '/x.1-2-3', { a: 'x', b: '1-2', c: '3' }],
  // wildcards: arrays of segments, also mid-path
  ['/files/*path', '/files/a/b/c.txt', { path: ['a', 'b', 'c.txt'] }],
  ['/files/*path', '/files/a/', { path: ['a', ''] }],
  ['/files/*path', '/files', null],
  ['/*path/edit', '/docs/intro/edit', { path: ['docs', 'intro'] }],
  ['/*path/edit', '/a/edit/b/edit', { path: ['a', 'edit', 'b'] }],
  ['/*a.json', '/x/y.json', { a: ['x', 'y'] }],
  ['/*a/x/*b', '/1/x/2/x/3', { a: ['1', 'x', '2'], b: ['3'] }], // the first wildcard is greedy
  // optional groups, nested
  ['/users{/:id}', '/users', {}],
  ['/users{/:id}', '/users/7', { id: '7' }],
  ['/a{/b{/c}}', '/a/b/c', {}],
  ['/a{/b{/c}}', '/a/c', null],
  ['/:name{.:ext}', '/readme.md', { name: 'readme', ext: 'md' }],
  ['/:name{.:ext}', '/readme', { name: 'readme' }],
  // escapes
  ['/a\\:b', '/a:b', {}],
  ['/a\\*', '/a*', {}],
  ['/\\{x\\}', '/{x}', {}],
  // decoding
  ['/users/:id', '/users/a%20b', { id: 'a b' }],
  ['/files/*path', '/files/a%2Fb/c', { path: ['a/b', 'c'] }],
  ['/users/:id', '/users/caf%C3%A9', { id: 'café' }],
  // options
  ['/Users', '/users', null, { caseSensitive: true }],
  ['/Users', '/Users', {}, { caseSensitive: true }],
  ['/users', '/USERS', {}],
  ['/users', '/users/', null, { strict: true }],
  ['/users/', '/users/', {}, { strict: true }],
  ['/users/', '/users', null, { strict: true }],
  ['/users/', '/users', {}],
  ['/users', '/users//', null],
  // non-ASCII folding follows RegExp's /i without /u: 'ſ' is not 's', 'é' is 'É'
  ['/é', '/É', {}],
  ['/s', '/ſ', null],
];

describe('patterns', () => {
  it.each(rows)('%s on %s', (pattern, path, params, options = {}) => {
    const router = new Router({ maxParamLength: Infinity, ...options });
    router.add('GET', pattern, 'route');
    const found = router.find('GET', path);
    expect(found === null ? null : { ...found.params }).toEqual(params);
    // The oracle agrees with the row.
    const loose = options.strict ? pattern : pattern === '/' ? pattern : pattern.replace(/\/+$/, '');
    const m = match(loose, { sensitive: options.caseSensitive, trailing: !options.strict })(path);
    expect(m === false ? null : { ...m.params }).toEqual(params);
  });

  it('gives params that inherit nothing, interpreted and compiled alike', () => {
    const router = new Router().add('GET', '/:constructor/:__proto__', 1);
    // Enough lookups for the tree to be compiled: both ways must answer the same.
    for (let i = 0; i < 40; i++) {
      const found = router.find('GET', '/x/y')!;
      expect(found.params.constructor).toBe('x');
      expect(Object.hasOwn(found.params, '__proto__')).toBe(true);
      expect(found.params['__proto__']).toBe('y');
      expect(Object.keys(found.params)).toEqual(['constructor', '__proto__']);
      expect('toString' in found.params).toBe(false);
      expect('hasOwnProperty' in found.params).toBe(false);
      expect(Object.getPrototypeOf(Object.getPrototypeOf(found.params))).toBeNull();
    }
  });

  const bad: Array<[pattern: string, reason: RegExp, position: number | undefined]> = [
    ['/users/:', /missing parameter name/i, 8],
    ['/a/(b)', /unexpected \(/i, 3],
    ['/a?', /unexpected \?/i, 2],
    ['/a{/b', /unexpected end/i, 5],
    ['/a}', /unexpected }/i, 2],
    ['/:"open', /unterminated quote/i, 2],
    ['/a\\', /unexpected end after \\/i, 3],
    ['/:a:b', /missing text before "b" param/i, 3],
    ['/*a*b', /missing text before "b" wildcard/i, 3],
    ['/' + '{a}'.repeat(9), /too many path combinations/i, undefined],
  ];

  it.each(bad)('refuses %s with PatternError', (pattern, reason, position) => {
    const router = new Router();
    const error = (() => {
      try {
        router.add('GET', pattern, 1);
      } catch (caught) {
        return caught;
      }
      throw new Error('no error');
    })() as PatternError;
    expect(error).toBeInstanceOf(PatternError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_SWITCHYARD_PATTERN');
    expect(error.pattern).toBe(pattern);
    expect(error.reason).toMatch(reason);
    expect(error.position).toBe(position);
    expect(error.message).toContain(JSON.stringify(pattern));
    expect(() => match(pattern)).toThrow(TypeError);
    expect(router.routes()).toEqual([]);
  });

  it('accepts 256 group expansions, as path-to-regexp does', () => {
    expect(() => new Router().add('GET', '/' + '{a}'.repeat(8), 1)).not.toThrow();
  });
});
