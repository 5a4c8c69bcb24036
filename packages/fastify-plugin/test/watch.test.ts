/**
 * Watching a route file in a temp folder with real file edits: the manifest is loaded at
 * once, an edit reloads it, a broken edit (bad JSON, an unknown handler, a duplicate) is an
 * 'error' event and the old routes keep serving; a module file works the same; close()
 * stops watching, and so does closing the app.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RouteFileError, DuplicateRouteError, type RouteFileWatcher, type SwitchyardHandler } from '../src/index.js';
import { appWith, call, setOf } from './app.js';

let app: FastifyInstance;
let folder: string;
let watcher: RouteFileWatcher | undefined;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchyard-fastify-'));
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

const handlers: Record<string, SwitchyardHandler> = {
  showPartner: (request) => `show ${String(request.params.id)}`,
  listPartners: () => 'list',
  createPartner: (_request, reply) => reply.code(201).send('created'),
};

/** The next event of `name` on the watcher, or a failure after a bounded wait. */
function next(emitter: RouteFileWatcher, name: 'reload' | 'error'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${name}' event within 5 s`)), 5_000);
    emitter.once(name, (value: unknown) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function manifest(routes: Array<{ method: string; path: string; handler: string }>): string {
  return JSON.stringify(routes, null, 2);
}

describe('watch a JSON manifest', () => {
  it('loads it at once, reloads on edits, refuses broken edits and keeps serving', async () => {
    const file = join(folder, 'partners.json');
    writeFileSync(file, manifest([{ method: 'GET', path: '/:id', handler: 'showPartner' }]));
    app = await appWith();
    watcher = setOf(app).watch(file, { handlers, debounceMs: 20 });
    await watcher.ready;
    expect((await call(app, 'GET', '/partners/7')).body).toBe('show 7');

    let reloaded = next(watcher, 'reload');
    writeFileSync(
      file,
      manifest([
        { method: 'GET', path: '/', handler: 'listPartners' },
        { method: 'GET', path: '/:id', handler: 'showPartner' },
        { method: 'post', path: '/', handler: 'createPartner' },
      ]),
    );
    expect(await reloaded).toMatchObject({ added: [{ method: 'GET', pattern: '/' }, { method: 'POST', pattern: '/' }] });
    expect((await call(app, 'GET', '/partners')).body).toBe('list');
    expect(await call(app, 'POST', '/partners')).toMatchObject({ status: 201, body: 'created' });
    const version = setOf(app).version;

    const broken: Array<[string, string, new (...args: never[]) => Error]> = [
      ['bad JSON', '[{ "method": "GET", ', RouteFileError],
      ['an unknown handler', manifest([{ method: 'GET', path: '/x', handler: 'nope' }]), RouteFileError],
      [
        'a duplicate',
        manifest([
          { method: 'GET', path: '/:id', handler: 'showPartner' },
          { method: 'GET', path: '/:other', handler: 'listPartners' },
        ]),
        DuplicateRouteError,
      ],
    ];
    for (const [, text, errorType] of broken) {
      const failed = next(watcher, 'error');
      writeFileSync(file, text);
      expect(await failed).toBeInstanceOf(errorType);
      expect(setOf(app).version).toBe(version);
      expect((await call(app, 'GET', '/partners')).body).toBe('list');
      expect((await call(app, 'GET', '/partners/3')).body).toBe('show 3');
    }

    reloaded = next(watcher, 'reload');
    writeFileSync(file, manifest([{ method: 'ALL', path: '/*rest', handler: 'listPartners' }]));
    await reloaded;
    expect((await call(app, 'DELETE', '/partners/a/b')).body).toBe('list');
  });

  it('stops reloading after close()', async () => {
    const file = join(folder, 'partners.json');
    writeFileSync(file, manifest([{ method: 'GET', path: '/a', handler: 'listPartners' }]));
    app = await appWith();
    watcher = setOf(app).watch(file, { handlers, debounceMs: 10 });
    await watcher.ready;
    await watcher.close();
    const version = setOf(app).version;
    writeFileSync(file, manifest([{ method: 'GET', path: '/b', handler: 'listPartners' }]));
    // Bounded wait, longer than the debounce: nothing may reload in it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(setOf(app).version).toBe(version);
    expect((await call(app, 'GET', '/partners/a')).status).toBe(200);
  });

  it('stops when the app closes', async () => {
    const file = join(folder, 'partners.json');
    writeFileSync(file, manifest([{ method: 'GET', path: '/a', handler: 'listPartners' }]));
    app = await appWith();
    const set = setOf(app);
    const reloads: unknown[] = [];
    set.on('reload', (event) => reloads.push(event));
    await set.watch(file, { handlers, debounceMs: 10 }).ready;
    await app.close();
    writeFileSync(file, manifest([{ method: 'GET', path: '/b', handler: 'listPartners' }]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reloads).toHaveLength(1);
  });
});

describe('watch a module', () => {
  it('uses its default export as the define function, and reloads it when it changes', async () => {
    const file = join(folder, 'partners.mjs');
    writeFileSync(file, "export default (r) => { r.get('/:id', (request) => 'module v1 ' + request.params.id); };\n");
    app = await appWith();
    watcher = setOf(app).watch(file, { debounceMs: 20 });
    await watcher.ready;
    expect((await call(app, 'GET', '/partners/5')).body).toBe('module v1 5');

    const reloaded = next(watcher, 'reload');
    writeFileSync(file, "export default (r) => { r.get('/:id', (request) => 'module v2 ' + request.params.id); };\n");
    await reloaded;
    expect((await call(app, 'GET', '/partners/5')).body).toBe('module v2 5');

    const failed = next(watcher, 'error');
    writeFileSync(file, "export default (r) => { r.get('/bad/:', () => 'x'); };\n");
    await failed;
    expect((await call(app, 'GET', '/partners/5')).body).toBe('module v2 5');
  });
});
