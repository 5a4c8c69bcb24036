/**
 * The one difference from express.Router() we keep on purpose: a second route with the same
 * method and shape on one router warns (default) or throws; at run time the first still
 * runs first, exactly as in Express.
 */
import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateRouteError, Router, switchyard } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const reply = (text: string) => (_req: unknown, res: any) => res.send(text);
const pass = (_req: unknown, _res: unknown, next: () => void) => next();

let warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});
/** Warnings are emitted on the next tick. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const duplicateWarnings = () => warnings.filter((w: any) => w.code === 'SWITCHYARD_DUPLICATE_ROUTE');

describe("duplicates: 'warn' (the default)", () => {
  it('warns once, naming both sources, for the same method and shape; the first still runs first', async () => {
    const router = Router();
    router.get('/users/:id', reply('first'));
    router.get('/users/:userId', reply('second'));
    await settle();
    const found = duplicateWarnings();
    expect(found).toHaveLength(1);
    expect(found[0]!.name).toBe('DuplicateRouteWarning');
    const lines = [...found[0]!.message.matchAll(/duplicates\.test\.ts:(\d+):\d+/g)].map((m) => Number(m[1]));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(lines[1]! + 1);
    const app = express().use(router);
    expect((await request(app).get('/users/1')).text).toBe('first');
  });

  it('does not warn for other methods, other shapes, a chained route, or use()', async () => {
    const router = Router();
    router.get('/a/:id', pass, reply('a'));
    router.post('/a/:id', reply('post'));
    router.get('/a/:id/b', reply('b'));
    router.route('/c').get(pass).get(reply('c'));
    router.use('/a', pass);
    router.use('/a', pass);
    router.get('/A/:x/', reply('case and slash differ only'));
    await settle();
    expect(duplicateWarnings().map((w) => w.message)).toEqual([
      expect.stringMatching(/GET \/A\/:x\/ .*duplicates GET \/a\/:id /),
    ]);
  });

  it('respects caseSensitive and strict when deciding what is the same', async () => {
    const router = Router({ caseSensitive: true, strict: true });
    router.get('/a', pass);
    router.get('/A', pass);
    router.get('/a/', pass);
    await settle();
    expect(duplicateWarnings()).toHaveLength(0);
  });

  it('warns once for app.all() registered twice through switchyard(app), naming the app file', async () => {
    const app = switchyard(express());
    app.all('/x', reply('first'));
    app.all('/x', reply('second'));
    await settle();
    const found = duplicateWarnings();
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(new Set(found.map((w) => w.message)).size).toBe(found.length);
    expect(found[0]!.message).toMatch(/duplicates\.test\.ts:\d+:\d+.*duplicates\.test\.ts:\d+:\d+/);
    expect((await request(app).get('/x')).text).toBe('first');
  });
});

describe("duplicates: 'error' and 'allow'", () => {
  it("'error' throws the engine's DuplicateRouteError and changes nothing", () => {
    const router = Router({ duplicates: 'error' });
    router.get('/users/:id', reply('first'));
    let error: unknown;
    try {
      router.get('/users/:userId', reply('second'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DuplicateRouteError);
    const dup = error as DuplicateRouteError;
    expect(dup.code).toBe('ERR_SWITCHYARD_DUPLICATE_ROUTE');
    expect(dup.existing.source).toMatch(/duplicates\.test\.ts:\d+:\d+$/);
    expect(dup.duplicate.source).toMatch(/duplicates\.test\.ts:\d+:\d+$/);
    expect(router.stack).toHaveLength(1);
  });

  it("'error' also guards route().method()", () => {
    const router = Router({ duplicates: 'error' });
    router.route('/x').get(pass);
    const second = router.route('/x');
    expect(() => second.get(pass)).toThrow(DuplicateRouteError);
    expect(() => second.post(pass)).not.toThrow();
  });

  it("'allow' is silent, as express.Router()", async () => {
    const router = Router({ duplicates: 'allow' });
    router.get('/x', pass);
    router.get('/x', pass);
    await settle();
    expect(duplicateWarnings()).toHaveLength(0);
  });
});
