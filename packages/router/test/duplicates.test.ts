/**
 * Duplicate routes: the same method and shape registered twice fails loudly, naming both
 * places in the source; a failing add changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DuplicateRouteError, routeShape, Router, type RouterOptions } from '../src/index.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const PACKAGE = join(THIS_FILE, '../..');

function addTwice(first: string, second: string, options: RouterOptions = {}, methods: [string, string] = ['GET', 'GET']) {
  const router = new Router(options);
  router.add(methods[0], first, 'first');
  try {
    router.add(methods[1], second, 'second');
    return { router, error: null };
  } catch (error) {
    return { router, error: error as DuplicateRouteError };
  }
}

describe('what counts as the same route', () => {
  const same: Array<[string, string, RouterOptions?]> = [
    ['/users/:id', '/users/:userId'],
    ['/files/*path', '/files/*rest'],
    ['/Users', '/users'],
    ['/users/', '/users'],
    ['/a{/:b}', '/a'],
    ['/a{/:b}', '/a/:x'],
    ['/:from-:to', '/:a-:b'],
    ['/a', '/a/', { strict: false }],
    ['/caf\u00e9', '/CAF\u00c9'],
  ];
  it.each(same)('%s and %s are duplicates', (a, b, options) => {
    const { error } = addTwice(a, b, options);
    expect(error).toBeInstanceOf(DuplicateRouteError);
  });

  const different: Array<[string, string, RouterOptions?, [string, string]?]> = [
    ['/users/:id', '/users/me'],
    ['/users/:id', '/users/*id'],
    ['/Users', '/users', { caseSensitive: true }],
    ['/users/', '/users', { strict: true }],
    ['/a\\:b', '/a:b'],
    ['/x', '/x', {}, ['GET', 'POST']],
    ['/x', '/x', {}, ['GET', '*']],
    ['/:a-:b', '/:a.:b'],
  ];
  it.each(different)('%s and %s are not', (a, b, options, methods) => {
    expect(addTwice(a, b, options, methods).error).toBeNull();
  });

  it('never counts mounts', () => {
    const router = new Router().mount('/api', 1).mount('/api', 2);
    expect(router.routes()).toHaveLength(2);
  });

  it('exports the shapes the lint rules share', () => {
    expect(routeShape('/users/:id')).toEqual(['/users/:']);
    expect(routeShape('/Users/:id/')).toEqual(['/users/:']);
    expect(routeShape('/Users/:id/', { caseSensitive: true, strict: true })).toEqual(['/Users/:/']);
    expect(routeShape('/a{/:b}')).toEqual(['/a/:', '/a']);
    expect(routeShape('/files/*path')).toEqual(['/files/*']);
    expect(routeShape('/a\\:b')).toEqual(['/a\\:b']);
    expect(routeShape(['/x', '/y'])).toEqual(['/x', '/y']);
    expect(routeShape(/^\/x$/i)).toEqual(['RegExp /^\\/x$/i']);
  });
});

describe("duplicates: 'error' (the default)", () => {
  it('throws DuplicateRouteError naming the method, both patterns and both sources', () => {
    const router = new Router();
    router.add('GET', '/users/:id', 'first');
    let error: DuplicateRouteError | undefined;
    try {
      router.add('GET', '/users/:userId', 'second');
    } catch (caught) {
      error = caught as DuplicateRouteError;
    }
    expect(error).toBeInstanceOf(DuplicateRouteError);
    expect(error!.code).toBe('ERR_SWITCHYARD_DUPLICATE_ROUTE');
    expect(error!.method).toBe('GET');
    expect(error!.shape).toBe('/users/:');
    expect(error!.existing).toMatchObject({ method: 'GET', pattern: '/users/:id', set: null });
    expect(error!.duplicate).toMatchObject({ method: 'GET', pattern: '/users/:userId', set: null });
    // Under vitest the lines are those of its transformed module; the exact lines are
    // checked below on a plain script. Here: both sources are this file, not the engine's.
    expect(error!.existing.source).toMatch(new RegExp(`^${escape(THIS_FILE)}:\\d+:\\d+$`));
    expect(error!.duplicate.source).toMatch(new RegExp(`^${escape(THIS_FILE)}:\\d+:\\d+$`));
    expect(error!.message).toContain('GET /users/:userId');
    expect(error!.message).toContain('GET /users/:id');
    expect(error!.message).toContain(error!.existing.source);
    expect(error!.message).toContain(error!.duplicate.source);
    // Nothing changed: the first route still serves, the second is not there.
    expect(router.routes().map((r) => r.pattern)).toEqual(['/users/:id']);
    expect(router.find('GET', '/users/1')?.data).toBe('first');
  });

  it('names the exact file:line:column of both calls, and of a route set\'s, in a plain script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-source-'));
    const script = join(dir, 'app.mjs');
    const routerEntry = pathToFileURL(join(PACKAGE, 'dist/esm/index.js')).href;
    writeFileSync(
      script,
      [
        `import { Router } from ${JSON.stringify(routerEntry)};`,
        `const router = new Router();`,
        `router.add('GET', '/users/:id', 1);`,
        `try {`,
        `  router.add('GET', '/users/:userId', 2);`,
        `} catch (error) {`,
        `  console.log(JSON.stringify([error.existing.source, error.duplicate.source]));`,
        `}`,
        `router.routeSet('s').replace((r) => { r.add('GET', '/s', 3).mount('/m', 4); });`,
        `console.log(JSON.stringify(router.routeSet('s').routes().map((route) => route.source)));`,
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, [script], { encoding: 'utf8' }).trim().split('\n');
    expect(JSON.parse(output[0]!)).toEqual([`${script}:3:8`, `${script}:5:10`]);
    expect(JSON.parse(output[1]!)).toEqual([`${script}:9:41`, `${script}:9:61`]);
  });

  it('refuses an array whole when one element is a duplicate', () => {
    const router = new Router().add('GET', '/b', 1);
    expect(() => router.add('GET', ['/a', '/b'], 2)).toThrow(DuplicateRouteError);
    expect(router.find('GET', '/a')).toBeNull();
    expect(router.routes()).toHaveLength(1);
  });
});

describe("duplicates: 'warn' and 'allow'", () => {
  afterEach(() => vi.restoreAllMocks());

  it("'warn' emits one warning per duplicated shape and keeps the first route first", () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const router = new Router({ duplicates: 'warn' });
    router.add('GET', '/a', 'a').add('GET', '/a/:x', 'ax');
    router.add('GET', '/a{/:b}', 'both');
    expect(emit).toHaveBeenCalledTimes(2);
    const [message, options] = emit.mock.calls[0]!;
    expect(message).toContain('GET /a{/:b}');
    expect(options).toMatchObject({ code: 'SWITCHYARD_DUPLICATE_ROUTE', type: 'DuplicateRouteWarning' });
    expect(router.find('GET', '/a')?.data).toBe('a');
    expect(router.matchAll('GET', '/a/1').map((h) => h.data)).toEqual(['ax', 'both']);
  });

  it("'allow' accepts silently", () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const router = new Router({ duplicates: 'allow' }).add('GET', '/a', 1).add('GET', '/a', 2);
    expect(emit).not.toHaveBeenCalled();
    expect(router.matchAll('GET', '/a').map((h) => h.data)).toEqual([1, 2]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
