/**
 * Replacing a set while Fastify serves: the diff and the 'reload' event, refusals that
 * leave the old routes serving, requests in flight, and async loads in call order.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateRouteError, PatternError, type SetReloadEvent, type SwitchyardRoutes } from '../src/index.js';
import { appWith, call, setOf } from './app.js';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

describe('replace', () => {
  it('swaps the routes, says what changed and emits reload', async () => {
    app = await appWith();
    const set = setOf(app);
    const events: SetReloadEvent[] = [];
    set.on('reload', (event: SetReloadEvent) => events.push(event));
    set.replace((r) => r.get('/a', () => 'a1').get('/b', () => 'b1'));
    const diff = set.replace((r) => r.get('/b', () => 'b2').post('/c', () => 'c2'));
    expect(diff.added.map((i) => `${i.method} ${String(i.pattern)}`)).toEqual(['POST /c']);
    expect(diff.removed.map((i) => `${i.method} ${String(i.pattern)}`)).toEqual(['GET /a']);
    expect(diff.unchanged.map((i) => `${i.method} ${String(i.pattern)}`)).toEqual(['GET /b']);
    expect(set.version).toBe(2);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    expect((await call(app, 'GET', '/partners/a')).status).toBe(404);
    expect((await call(app, 'GET', '/partners/b')).body).toBe('b2');
    expect((await call(app, 'POST', '/partners/c')).body).toBe('c2');
  });

  it('records where each route was registered: the user\'s line', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.get('/where', () => 'x'));
    expect(setOf(app).routes()[0]?.source).toMatch(/replace\.test\.ts:\d+:\d+$/);
  });

  it('records the exact file:line:column of r.get() and r.route(), in a plain script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-fastify-source-'));
    const script = join(dir, 'app.mjs');
    const require = createRequire(import.meta.url);
    const lines = [
      `import Fastify from ${JSON.stringify(pathToFileURL(require.resolve('fastify')).href)};`,
      `import switchyard from ${JSON.stringify(new URL('../dist/esm/index.js', import.meta.url).href)};`,
      `const app = Fastify();`,
      `await app.register(switchyard, { prefix: '/p', name: 'p' });`,
      `app.switchyard.p.replace((r) => {`,
      `  r.get('/a', () => 'a');`,
      `  r.route({ method: ['POST', 'PUT'], url: '/b', handler: () => 'b' });`,
      `});`,
      `console.log(JSON.stringify(app.switchyard.p.routes().map((route) => route.source)));`,
    ];
    writeFileSync(script, lines.join('\n'));
    const output = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' }));
    expect(output).toEqual([`${script}:6:5`, `${script}:7:5`, `${script}:7:5`]);
  });

  const refused: Array<[string, (r: SwitchyardRoutes) => void, new (...args: never[]) => Error]> = [
    ['a bad pattern', (r) => r.get('/new', () => 'new').get('/bad/:', () => 'x'), PatternError],
    ['a duplicate in the set', (r) => r.get('/d/:a', () => 1).get('/d/:b', () => 2), DuplicateRouteError],
    ['a define that throws halfway', (r) => {
      r.get('/new', () => 'new');
      throw new RangeError('halfway');
    }, RangeError],
    ['a method Fastify does not accept', (r) => r.get('/new', () => 'new').route({ method: 'BREW', url: '/pot', handler: () => 'x' }), TypeError],
    ['a handler that is not a function', (r) => r.get('/new', () => 'new').get('/nope', 'nope' as never), TypeError],
    ['a schema that does not compile', (r) => r.post('/new', { schema: { body: { type: 'no-such-type' } } }, () => 'x'), TypeError],
    ['a schema part the plugin does not check', (r) => r.get('/new', { schema: { headers: {} } as never }, () => 'x'), TypeError],
    ['a define returning a promise', (async () => {}) as never, TypeError],
  ];
  it.each(refused)('refuses %s whole, and the old routes keep serving', async (_name, define, errorType) => {
    app = await appWith();
    const set = setOf(app);
    set.replace((r) => r.get('/old/:id', (request) => `old ${String(request.params.id)}`));
    const before = { routes: set.routes(), version: set.version };
    expect(() => set.replace(define)).toThrow(errorType);
    expect({ routes: set.routes(), version: set.version }).toEqual(before);
    expect((await call(app, 'GET', '/partners/old/1')).body).toBe('old 1');
    expect((await call(app, 'GET', '/partners/new')).status).toBe(404);
  });

  it('clear leaves the whole prefix answering 404', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.get('/a', () => 'a'));
    setOf(app).clear();
    expect((await call(app, 'GET', '/partners/a')).status).toBe(404);
  });

  it('lets a request already in its handler finish on it', async () => {
    app = await appWith();
    const set = setOf(app);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    set.replace((r) =>
      r.get('/slow', async () => {
        entered();
        await gate;
        return 'old handler';
      }),
    );
    const pending = call(app, 'GET', '/partners/slow');
    await inHandler;
    set.replace((r) => r.get('/slow', () => 'new handler'));
    release();
    expect((await pending).body).toBe('old handler');
    expect((await call(app, 'GET', '/partners/slow')).body).toBe('new handler');
  });
});

describe('load', () => {
  it('applies async sources one at a time, in call order', async () => {
    app = await appWith();
    const set = setOf(app);
    const slow = set.load(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return (r) => r.get('/v', () => 'first');
    });
    const fast = set.load(() => (r) => r.get('/v', () => 'second'));
    await Promise.all([slow, fast]);
    expect(set.version).toBe(2);
    expect((await call(app, 'GET', '/partners/v')).body).toBe('second');
  });

  it('rejects and keeps the old routes when the loader fails or its routes are refused', async () => {
    app = await appWith();
    const set = setOf(app);
    set.replace((r) => r.get('/v', () => 'kept'));
    await expect(set.load(async () => {
      throw new Error('source down');
    })).rejects.toThrow('source down');
    await expect(set.load(async () => (r) => r.get('/:', () => 'x'))).rejects.toThrow(PatternError);
    expect((await call(app, 'GET', '/partners/v')).body).toBe('kept');
    // A failed load does not block the next one.
    await set.load(async () => (r) => r.get('/v', () => 'next'));
    expect((await call(app, 'GET', '/partners/v')).body).toBe('next');
  });
});
