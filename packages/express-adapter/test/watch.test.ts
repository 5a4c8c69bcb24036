/**
 * watch(set, file): a route set kept in step with a file in a temp folder, through real fs
 * events, served by real express@5. A good edit changes the live routes; a broken one is
 * refused whole, reported as 'error', and the old routes keep serving.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateRouteError, RouteFileError, Router, watch, type RouteFileWatcher } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const handlers = {
  showPartner: (req: any, res: any) => res.send(`partner ${req.params.id}`),
  listPartners: (_req: any, res: any) => res.send('all partners'),
  createPartner: [(req: any, _res: any, next: () => void) => ((req.checked = true), next()), (req: any, res: any) => res.send(`created ${req.checked}`)],
};
const manifest = (...routes: Array<[string, string, string]>) =>
  JSON.stringify(routes.map(([method, path, handler]) => ({ method, path, handler })));

let dir: string;
let watchers: RouteFileWatcher[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-watch-'));
});
afterEach(async () => {
  await Promise.all(watchers.map((w) => w.close()));
  watchers = [];
  await rm(dir, { recursive: true, force: true });
});

function serve() {
  const router = Router();
  const partners = router.routeSet('partners');
  return { router, partners, app: express().use(router) };
}

const next = (emitter: { once(event: string, fn: (value: any) => void): unknown }, event: string) =>
  new Promise<any>((resolve) => emitter.once(event, resolve));

describe('watch(set, file)', () => {
  it('loads a manifest, reloads on an edit, and refuses broken edits while the old routes serve', async () => {
    const file = join(dir, 'partners.json');
    await writeFile(file, manifest(['GET', '/partners/:id', 'showPartner']));
    const { partners, app } = serve();
    const errors: unknown[] = [];
    partners.on('error', (e) => errors.push(e));
    const watcher = watch(partners, file, { handlers, debounceMs: 20 });
    watchers.push(watcher);
    await watcher.ready;
    expect((await request(app).get('/partners/7')).text).toBe('partner 7');

    // A good edit: the watcher's 'reload' carries the set's diff.
    let reloaded = next(watcher, 'reload');
    await writeFile(file, manifest(['GET', '/partners', 'listPartners'], ['POST', '/partners', 'createPartner']));
    const diff = await reloaded;
    expect(diff.added.map((e: any) => `${e.methods.join(',')} ${e.path}`)).toEqual(['GET,HEAD /partners', 'POST /partners']);
    expect(diff.removed.map((e: any) => e.path)).toEqual(['/partners/:id']);
    expect((await request(app).get('/partners')).text).toBe('all partners');
    expect((await request(app).post('/partners')).text).toBe('created true');
    expect((await request(app).get('/partners/7')).status).toBe(404);

    const broken: Array<[string, string, (e: any) => void]> = [
      ['half-written JSON', '[{"method": "GET", "path": "/partners/:id"', (e) => expect(e).toBeInstanceOf(RouteFileError)],
      [
        'an unknown handler',
        manifest(['GET', '/partners/:id', 'showPartner'], ['GET', '/x', 'nope']),
        (e) => {
          expect(e).toBeInstanceOf(RouteFileError);
          expect(e.index).toBe(1);
          expect(e.message).toMatch(/unknown handler "nope" \(known: showPartner, listPartners, createPartner\)/);
        },
      ],
      [
        'a duplicate',
        manifest(['GET', '/partners/:id', 'showPartner'], ['GET', '/partners/:pid', 'showPartner']),
        (e) => {
          expect(e).toBeInstanceOf(DuplicateRouteError);
          expect(e.message).toMatch(/partners\.json entry 1\).*partners\.json entry 0\)/);
        },
      ],
      ['a bad pattern', manifest(['GET', '/partners/:', 'showPartner']), (e) => expect(e.code).toBe('ERR_SWITCHYARD_PATTERN')],
    ];
    for (const [, text, check] of broken) {
      const failed = next(watcher, 'error');
      await writeFile(file, text);
      check(await failed);
      expect((await request(app).get('/partners')).text).toBe('all partners');
      expect((await request(app).post('/partners')).text).toBe('created true');
    }
    expect(errors).toHaveLength(broken.length);
    expect(partners.version).toBe(2);

    // Fixed again: back in business.
    reloaded = next(watcher, 'reload');
    await writeFile(file, manifest(['GET', '/partners/:id', 'showPartner']));
    await reloaded;
    expect((await request(app).get('/partners/9')).text).toBe('partner 9');
  });

  it('loads a module whose default export is a define function', async () => {
    const file = join(dir, 'partners.mjs');
    await writeFile(file, 'export default (r) => { r.get("/m", (req, res) => res.send("module v1")); };');
    const { partners, app } = serve();
    const watcher = watch(partners, file, { debounceMs: 20 });
    watchers.push(watcher);
    await watcher.ready;
    expect((await request(app).get('/m')).text).toBe('module v1');
    const reloaded = next(watcher, 'reload');
    await writeFile(file, 'export default (r) => { r.all("/m", (req, res) => res.send("module v2")); };');
    await reloaded;
    expect((await request(app).delete('/m')).text).toBe('module v2');
  });

  it('stops on close(), and without any error listener a refused reload is a warning', async () => {
    const file = join(dir, 'partners.json');
    await writeFile(file, manifest(['GET', '/w', 'listPartners']));
    const { partners, app } = serve();
    const warning = next(process, 'warning');
    const watcher = watch(partners, file, { handlers, debounceMs: 20 });
    watchers.push(watcher);
    await watcher.ready;
    await writeFile(file, '[');
    const w = await warning;
    expect(w.name).toBe('RouteFileWarning');
    expect(w.message).toMatch(/not valid JSON/);
    await watcher.close();
    await writeFile(file, manifest(['GET', '/after-close', 'listPartners']));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await request(app).get('/w')).text).toBe('all partners');
    expect((await request(app).get('/after-close')).status).toBe(404);
  });
});
