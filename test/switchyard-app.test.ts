/**
 * `switchyard(app)` on real express 5 and express 4 apps: the app's own routing runs on the
 * adapter, answers exactly as the same app without it, honours the app's routing settings,
 * and refuses to be called after routes exist. Uses the built package, as users do.
 */
import express from 'express';
import express4 from 'express4';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Router, switchyard } from '@switchyard/express-adapter';
import { probe, type Probe } from '../packages/express-adapter/test/scenarios.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Routes written in the syntax both Express 4 and 5 read the same way. */
function defineApp(app: any): any {
  app.param('id', (req: any, _res: any, next: any, id: string) => {
    req.loaded = `user-${id}`;
    next();
  });
  app.use((req: any, res: any, next: any) => {
    res.setHeader('x-seen', req.url);
    next();
  });
  app.get('/users/:id', (req: any, res: any) => res.json({ id: req.params.id, loaded: req.loaded, q: req.query }));
  app.route('/items').get((_req: any, res: any) => res.send('list')).post((_req: any, res: any) => res.status(201).send('made'));
  app.all('/any', (req: any, res: any) => res.send(`any ${req.method}`));
  const api = Router();
  api.get('/ping', (req: any, res: any) => res.json({ base: req.baseUrl, url: req.url, orig: req.originalUrl }));
  app.use('/api', api);
  app.get('/fail', () => {
    throw Object.assign(new Error('nope'), { status: 418 });
  });
  app.use((err: any, _req: any, res: any, _next: any) => res.status(err.status ?? 500).send(`error ${err.message}`));
  return app;
}

const probes: Probe[] = [
  { path: '/users/7?x=1' },
  { path: '/items' },
  { method: 'POST', path: '/items' },
  { method: 'HEAD', path: '/items' },
  { method: 'DELETE', path: '/any' },
  { path: '/api/ping?z' },
  { path: '/fail' },
  { path: '/missing' },
];

async function answers(app: any) {
  const out = [];
  for (const p of probes) out.push(await probe(app, p));
  return out;
}

for (const [name, make] of [
  ['express 5', () => express()],
  ['express 4', () => express4()],
] as const) {
  describe(`switchyard(app) with ${name}`, () => {
    it('routes the app through the adapter, answering as Express does', async () => {
      const plain = defineApp(make());
      const ours = switchyard(make());
      defineApp(ours);
      const router = name === 'express 5' ? (ours as any).router : (ours as any)._router;
      expect(router).toBeInstanceOf(Router);
      expect(router.stack.length).toBeGreaterThan(5);
      const expected = await answers(plain);
      expect(expected[0]).toMatchObject({ status: 200 });
      expect(await answers(ours)).toEqual(expected);
    });

    it("honours 'case sensitive routing' and 'strict routing'", async () => {
      const app = switchyard(make());
      app.set('case sensitive routing', true);
      app.set('strict routing', true);
      app.get('/Exact/', (_req: any, res: any) => res.send('hit'));
      expect((await request(app).get('/Exact/')).status).toBe(200);
      expect((await request(app).get('/exact/')).status).toBe(404);
      expect((await request(app).get('/Exact')).status).toBe(404);
    });

    it("answers OPTIONS as Express 5's router does, whichever Express hosts it", async () => {
      // A difference on purpose under express 4, whose router answers 'GET,POST,HEAD'.
      const app = switchyard(make());
      defineApp(app);
      const res = await request(app).options('/items');
      expect([res.status, res.headers.allow, res.text]).toEqual([200, 'GET, HEAD, POST', 'GET, HEAD, POST']);
    });

    it('refuses to be called once the app has routes', () => {
      const app = make();
      app.get('/x', (_req: any, res: any) => res.end());
      expect(() => switchyard(app)).toThrow(/before the app registers/);
    });

    it('is idempotent, and mounts sub-apps as Express does', async () => {
      const app = switchyard(switchyard(make()));
      const sub = make();
      sub.get('/hello', (req: any, res: any) => res.send(`hello from ${req.baseUrl}`));
      app.use('/sub', sub);
      expect((await request(app).get('/sub/hello')).text).toBe('hello from /sub');
    });
  });
}

describe('switchyard(app) argument check', () => {
  it('refuses what is not an express app', () => {
    expect(() => switchyard({} as any)).toThrow(TypeError);
  });
});
