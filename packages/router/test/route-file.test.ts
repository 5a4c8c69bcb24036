/**
 * Route files: manifests parsed with errors that name the entry and field, modules imported
 * afresh after an edit, and a watcher driven by real fs events in a temp folder.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRouteFile, parseManifest, RouteFileError, watchRouteFile, type RouteFileWatcher } from '../src/index.js';

describe('parseManifest', () => {
  it('returns the entries with upper-case methods', () => {
    const text = JSON.stringify([
      { method: 'get', path: '/partners/:id', handler: 'showPartner' },
      { method: 'ALL', path: '/partners', handler: 'listPartners', note: 'extra keys are ignored' },
    ]);
    expect(parseManifest(text, 'p.json')).toEqual([
      { method: 'GET', path: '/partners/:id', handler: 'showPartner' },
      { method: 'ALL', path: '/partners', handler: 'listPartners' },
    ]);
  });

  const bad: Array<[string, string, { index?: number; field?: string; message: RegExp }]> = [
    ['not JSON', '[{', { message: /p\.json: not valid JSON/ }],
    ['not an array', '{"routes": []}', { message: /JSON array .* got an object/ }],
    ['an entry that is not an object', '[1]', { index: 0, message: /entry 0: expected an object .* got a number \(1\)/ }],
    [
      'a missing method',
      '[{"path": "/a", "handler": "h"}]',
      { index: 0, field: 'method', message: /entry 0 field "method": "method" must be a non-empty string; it is missing/ },
    ],
    [
      'an unknown method',
      '[{"method": "GET", "path": "/a", "handler": "h"}, {"method": "FETCH", "path": "/b", "handler": "h"}]',
      { index: 1, field: 'method', message: /entry 1 field "method": unknown HTTP method "FETCH"/ },
    ],
    ['an empty path', '[{"method": "GET", "path": "", "handler": "h"}]', { index: 0, field: 'path', message: /"path" must be/ }],
    [
      'a handler that is not a string',
      '[{"method": "GET", "path": "/a", "handler": 3}]',
      { index: 0, field: 'handler', message: /got a number \(3\)/ },
    ],
  ];
  it.each(bad)('refuses %s with a RouteFileError', (_name, text, expected) => {
    let error: unknown;
    try {
      parseManifest(text, 'p.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RouteFileError);
    const e = error as RouteFileError;
    expect(e.code).toBe('ERR_SWITCHYARD_ROUTE_FILE');
    expect(e.file).toBe('p.json');
    expect(e.index).toBe(expected.index);
    expect(e.field).toBe(expected.field);
    expect(e.message).toMatch(expected.message);
  });
});

describe('files on disk', () => {
  let dir: string;
  const watchers: RouteFileWatcher[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-route-file-'));
  });
  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((w) => w.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a manifest', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[{"method": "GET", "path": "/a", "handler": "a"}]');
    expect(await loadRouteFile(file)).toEqual({ kind: 'manifest', routes: [{ method: 'GET', path: '/a', handler: 'a' }] });
  });

  it('loads a module afresh after it changed, and reuses it while it did not', async () => {
    const file = join(dir, 'routes.mjs');
    await writeFile(file, 'export default (r) => r.push("v1");');
    const first = await loadRouteFile(file);
    await writeFile(file, 'export default (r) => r.push("v2");');
    const second = await loadRouteFile(file);
    const third = await loadRouteFile(file);
    const seen: string[] = [];
    for (const loaded of [first, second]) {
      expect(loaded.kind).toBe('module');
      if (loaded.kind === 'module') loaded.define(seen);
    }
    expect(seen).toEqual(['v1', 'v2']);
    expect(third.kind === 'module' && second.kind === 'module' && third.define === second.define).toBe(true);
  });

  it('loads a CommonJS module afresh too', async () => {
    const file = join(dir, 'routes.cjs');
    await writeFile(file, 'module.exports = (r) => r.push("c1");');
    const first = await loadRouteFile(file);
    await writeFile(file, 'module.exports = (r) => r.push("c2");');
    const second = await loadRouteFile(file);
    const seen: string[] = [];
    if (first.kind === 'module') first.define(seen);
    if (second.kind === 'module') second.define(seen);
    expect(seen).toEqual(['c1', 'c2']);
  });

  it('refuses a missing file, a module without a define function, and a module that throws', async () => {
    await expect(loadRouteFile(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot be read/);
    const noDefault = join(dir, 'named.mjs');
    await writeFile(noDefault, 'export const routes = [];');
    await expect(loadRouteFile(noDefault)).rejects.toThrow(/default export must be a function/);
    const throws = join(dir, 'throws.mjs');
    await writeFile(throws, 'throw new Error("boom at load");');
    const error = await loadRouteFile(throws).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouteFileError);
    expect((error as RouteFileError).message).toMatch(/failed to load as a module \(boom at load\)/);
    expect(((error as RouteFileError).cause as Error).message).toBe('boom at load');
  });

  /** The next event of `name` from `watcher`. */
  const next = (watcher: RouteFileWatcher, name: 'reload' | 'error') =>
    new Promise<unknown>((resolve) => watcher.once(name, resolve));

  it('reloads after an edit and after a save by rename, and reports a failed reload as an error', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[]');
    let calls = 0;
    const watcher = watchRouteFile(file, { debounceMs: 20 }, async () => {
      calls++;
      return (await loadRouteFile(file)).kind === 'manifest' ? `loaded ${calls}` : 'module';
    });
    watchers.push(watcher);
    watcher.on('error', () => {});

    let reloaded = next(watcher, 'reload');
    await writeFile(file, '[{"method": "GET", "path": "/a", "handler": "a"}]');
    expect(await reloaded).toMatch(/^loaded \d+$/);

    // Editors often write a temporary file and rename it over the original.
    reloaded = next(watcher, 'reload');
    const temporary = join(dir, '.routes.json.tmp');
    await writeFile(temporary, '[{"method": "GET", "path": "/b", "handler": "b"}]');
    await rename(temporary, file);
    expect(await reloaded).toMatch(/^loaded \d+$/);

    const failed = next(watcher, 'error');
    await writeFile(file, '[{"method": "GET"');
    expect(await failed).toBeInstanceOf(RouteFileError);
  });

  it('ignores other files in the folder, and runs the initial reload when asked', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[]');
    const reasons: string[] = [];
    const watcher = watchRouteFile(file, { debounceMs: 10, initial: true }, async () => {
      reasons.push('reload');
    });
    watchers.push(watcher);
    await watcher.ready;
    expect(reasons).toEqual(['reload']);
    await writeFile(join(dir, 'other.json'), '[]');
    // A change to our file after the other one: if the other one had counted, we would see two.
    const reloaded = next(watcher, 'reload');
    await writeFile(file, '[ ]');
    await reloaded;
    await new Promise((r) => setTimeout(r, 50));
    expect(reasons).toEqual(['reload', 'reload']);
  });

  it('never overlaps reloads: a change during one schedules one more after it', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[]');
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    let release: () => void = () => {};
    const watcher = watchRouteFile(file, { debounceMs: 5 }, async () => {
      calls++;
      active++;
      maxActive = Math.max(maxActive, active);
      if (calls === 1) await new Promise<void>((r) => (release = r));
      active--;
      return calls;
    });
    watchers.push(watcher);
    const second = new Promise<void>((resolve) => watcher.on('reload', (n) => n === 2 && resolve()));
    await writeFile(file, '[ ]');
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    // The first reload hangs; two more edits land meanwhile.
    await writeFile(file, '[  ]');
    await new Promise((r) => setTimeout(r, 30));
    await writeFile(file, '[   ]');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    release();
    await second;
    expect(maxActive).toBe(1);
    expect(calls).toBe(2);
  });

  it('without an error listener, a failed reload is a process warning, not an exception', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[]');
    const warning = new Promise<Error>((resolve) => process.once('warning', resolve));
    const watcher = watchRouteFile(file, { initial: true }, async () => {
      throw new Error('upstream down');
    });
    watchers.push(watcher);
    await watcher.ready;
    const w = await warning;
    expect(w.name).toBe('RouteFileWarning');
    expect(w.message).toBe('upstream down');
  });

  it('stops after close(), waiting for a reload in progress', async () => {
    const file = join(dir, 'routes.json');
    await writeFile(file, '[]');
    let calls = 0;
    let finished = false;
    const watcher = watchRouteFile(file, { debounceMs: 5, initial: true }, async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      finished = true;
    });
    await watcher.close();
    expect(finished).toBe(true);
    await writeFile(file, '[ ]');
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toBe(1);
  });
});
