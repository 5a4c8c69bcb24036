/**
 * Non-recursive dispatch: a handler deep in a chain of synchronous middleware sees the
 * same stack depth as one at the top; 10,000 middlewares and 10,000 routes serve a
 * request; and a request costs one engine lookup, not a walk of the layer list.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Router } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function stackDepth(): number {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const depth = (new Error().stack ?? '').split('\n').length - 1;
  Error.stackTraceLimit = saved;
  return depth;
}

/** Depth seen by a handler after `count` synchronous middlewares, in a router made by `make`. */
async function depthAfter(make: () => any, count: number): Promise<number> {
  const router = make();
  for (let i = 0; i < count; i++) router.use((_req: unknown, _res: unknown, next: () => void) => next());
  router.get('/deep', (_req: unknown, res: any) => res.json({ depth: stackDepth() }));
  const res = await request(express().use(router)).get('/deep');
  expect(res.status).toBe(200);
  return res.body.depth;
}

describe('stack depth', () => {
  it('is the same after 10 and after 2,000 synchronous middlewares', async () => {
    const shallow = await depthAfter(() => Router(), 10);
    const deep = await depthAfter(() => Router(), 2000);
    expect(deep).toBe(shallow);
  });

  it('grows with the chain in express.Router() (so the probe above can see growth)', async () => {
    // Express defers every 100 synchronous next() calls; below that its stack grows.
    const shallow = await depthAfter(() => express.Router(), 5);
    const deep = await depthAfter(() => express.Router(), 90);
    expect(deep - shallow).toBeGreaterThan(85);
  });

  it('stays flat through route handlers, param callbacks and error handlers', async () => {
    const depths: Record<string, number[]> = { route: [], param: [], error: [] };
    const record = (_req: unknown, _res: unknown, next: () => void) => {
      depths.route!.push(stackDepth());
      next();
    };
    // The same route 300 times on purpose: no duplicate warnings wanted here.
    const router = Router({ duplicates: 'allow' });
    router.param('id', (_req: unknown, _res: unknown, next: () => void) => {
      depths.param!.push(stackDepth());
      next();
    });
    for (let i = 0; i < 300; i++) router.get('/x/:id', record, record);
    router.use((_req: unknown, _res: unknown, next: (e?: unknown) => void) => next(new Error('x')));
    for (let i = 0; i < 300; i++) {
      router.use((err: unknown, _req: unknown, _res: unknown, next: (e?: unknown) => void) => {
        depths.error!.push(stackDepth());
        next(err);
      });
    }
    router.use((_err: unknown, _req: unknown, res: any, _next: unknown) => res.send('ok'));
    const res = await request(express().use(router)).get('/x/1');
    expect(res.text).toBe('ok');
    expect([depths.route!.length, depths.param!.length, depths.error!.length]).toEqual([600, 1, 300]);
    // A handler is reached by one of a few fixed paths through the loop (first handler of
    // a route, later ones, after a param callback), never by a path that grows.
    for (const kind of ['route', 'error']) expect(new Set(depths[kind]).size, kind).toBeLessThanOrEqual(3);
    const all = [...depths.route!, ...depths.param!, ...depths.error!];
    expect(Math.max(...all) - Math.min(...all)).toBeLessThanOrEqual(8);
  });
});

describe('size', () => {
  it('serves a request through 10,000 synchronous middlewares', async () => {
    const router = Router();
    for (let i = 0; i < 10_000; i++) {
      router.use((req: any, _res: unknown, next: () => void) => {
        req.count = (req.count ?? 0) + 1;
        next();
      });
    }
    router.get('/', (req: any, res: any) => res.json({ count: req.count }));
    const res = await request(express().use(router)).get('/');
    expect(res.body).toEqual({ count: 10_000 });
  });

  it('serves the last of 10,000 routes with one engine lookup per request', async () => {
    const router = Router() as any;
    for (let i = 0; i < 10_000; i++) router.get(`/route${i}/:id`, (req: any, res: any) => res.send(`${i} ${req.params.id}`));
    let lookups = 0;
    const engine = router.engine;
    const matchAll = engine.matchAll.bind(engine);
    engine.matchAll = (method: string, path: string) => {
      lookups++;
      return matchAll(method, path);
    };
    const app = express().use(router);
    expect((await request(app).get('/route9999/abc')).text).toBe('9999 abc');
    expect((await request(app).get('/route0/x')).text).toBe('0 x');
    expect(lookups).toBe(2);
  });
});
