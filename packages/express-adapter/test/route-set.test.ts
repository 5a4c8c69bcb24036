/**
 * Route sets in the adapter, against real express@5 over real HTTP: a set keeps its slot
 * in the order, a refused replace leaves routing exactly as it was, a request in flight
 * finishes on the layers it matched, and loads and replaces take turns.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DuplicateRouteError, PatternError, Router, switchyard, type RouteSetResult } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const reply = (text: string) => (_req: unknown, res: any) => res.send(text);
const tag = (text: string) => (req: any, _res: unknown, next: () => void) => {
  (req.seen ??= []).push(text);
  next();
};
const summary = (diff: RouteSetResult) => ({
  added: diff.added.map((e) => `${e.methods.join(',')} ${e.path}`),
  removed: diff.removed.map((e) => `${e.methods.join(',')} ${e.path}`),
  unchanged: diff.unchanged.map((e) => `${e.methods.join(',')} ${e.path}`),
});

/** Given a router with a middleware before and after the set `partners`. */
function setup(options: Parameters<typeof Router>[0] = {}) {
  const router = Router(options);
  router.use(tag('before'));
  const partners = router.routeSet('partners');
  router.use(tag('after'));
  router.get('/partners/fixed', reply('fixed'));
  router.use((req: any, res: any) => res.status(404).send(`404 ${(req.seen ?? []).join(',')}`));
  const app = express().use(router);
  return { router, partners, app };
}

describe('route sets: replace', () => {
  it('serve in their slot of the order, and say what changed', async () => {
    const { router, partners, app } = setup();
    expect(partners.version).toBe(0);
    const first = partners.replace((r) => {
      r.use('/partners', tag('set-mw'));
      r.get('/partners/:id', (req: any, res: any) => res.send(`v1 ${req.params.id} ${req.seen.join(',')}`));
      r.route('/partners').get(reply('list v1')).post(reply('created'));
    }) as RouteSetResult;
    expect(summary(first)).toEqual({
      added: [' /partners', 'GET,HEAD /partners/:id', 'GET,POST,HEAD /partners'],
      removed: [],
      unchanged: [],
    });
    expect((await request(app).get('/partners/7')).text).toBe('v1 7 before,set-mw');
    expect((await request(app).post('/partners')).text).toBe('created');
    // 'fixed' is registered after the set, but /partners/:id is in the set's earlier slot.
    expect((await request(app).get('/partners/fixed')).text).toBe('v1 fixed before,set-mw');

    const second = partners.replace((r) => {
      r.get('/partners/:id', reply('v2'));
      r.delete('/partners/:id', reply('deleted'));
    }) as RouteSetResult;
    expect(summary(second)).toEqual({
      added: ['DELETE /partners/:id'],
      removed: [' /partners', 'GET,POST,HEAD /partners'],
      unchanged: ['GET,HEAD /partners/:id'],
    });
    expect(partners.version).toBe(2);
    expect((await request(app).get('/partners/7')).text).toBe('v2');
    expect((await request(app).post('/partners')).text).toBe('404 before,after');
    expect(router.stack.map((l: any) => l.name)).toEqual(['<anonymous>', 'handle', 'handle', '<anonymous>', 'handle', '<anonymous>']);
    expect(router.routes().map((e) => `${e.kind} ${e.path}`)).toEqual([
      'use /',
      'route /partners/:id',
      'route /partners/:id',
      'use /',
      'route /partners/fixed',
      'use /',
    ]);
    expect(partners.routes().map((e) => e.source)).toEqual([
      expect.stringMatching(/route-set\.test\.ts:\d+:\d+$/),
      expect.stringMatching(/route-set\.test\.ts:\d+:\d+$/),
    ]);

    partners.clear();
    expect((await request(app).get('/partners/7')).text).toBe('404 before,after');
    expect(router.stack).toHaveLength(4);
    expect(router.routeSet('partners')).toBe(partners);
  });

  it('tell a route whose methods changed from one that stayed, path by path', () => {
    // 'allow': the same method and path twice in one set is part of what is compared.
    const { partners } = setup({ duplicates: 'allow' });
    partners.replace((r) => {
      r.route('/p').get(reply('a')).post(reply('b'));
      r.get('/q', reply('q'));
      r.get('/q', reply('q again'));
      r.use('/q', tag('q'));
      r.get(/^\/re$/, reply('re'));
      r.get('/s', reply('s'));
    });
    const diff = partners.replace((r) => {
      r.route('/p').post(reply('b')).get(reply('a'));
      r.route('/p').get(reply('a'));
      r.put('/q', reply('q'));
      r.get('/q', reply('q'));
      r.get(/^\/re$/, reply('re'));
      r.route('/s').get(reply('s')).put(reply('s'));
    }) as RouteSetResult;
    expect(summary(diff)).toEqual({
      added: ['GET,HEAD /p', 'PUT /q', 'GET,PUT,HEAD /s'],
      removed: ['GET,HEAD /q', ' /q', 'GET,HEAD /s'],
      unchanged: ['POST,GET,HEAD /p', 'GET,HEAD /q', 'GET,HEAD /^\\/re$/'],
    });
  });

  it('emit reload with the diff, the version and the duration', () => {
    const { partners } = setup();
    const events: any[] = [];
    partners.on('reload', (event) => events.push(event));
    partners.replace((r) => r.get('/a', reply('a')));
    expect(events).toHaveLength(1);
    expect(events[0].version).toBe(1);
    expect(events[0].diff.added).toHaveLength(1);
    expect(typeof events[0].durationMs).toBe('number');
  });

  it('work on the router of switchyard(app)', async () => {
    const app = switchyard(express());
    app.get('/', reply('home'));
    const set = (app as any).router.routeSet('live');
    set.replace((r: any) => r.get('/live', reply('live')));
    expect((await request(app).get('/live')).text).toBe('live');
    expect((await request(app).get('/')).text).toBe('home');
  });
});

describe('route sets: a refused replace changes nothing', () => {
  const refusals: Array<[string, (r: any) => void, (error: unknown) => boolean]> = [
    [
      'a define that throws halfway',
      (r) => {
        r.get('/partners/:id', reply('half'));
        throw new Error('upstream gave up');
      },
      (e) => e instanceof Error && e.message === 'upstream gave up',
    ],
    [
      'a duplicate inside the set',
      (r) => {
        r.get('/partners/:id', reply('one'));
        r.get('/partners/:partnerId', reply('two'));
      },
      (e) => e instanceof DuplicateRouteError && /in route set "partners"/.test(e.message),
    ],
    [
      'a duplicate of a route outside the set',
      (r) => r.get('/partners/fixed', reply('shadow')),
      (e) => e instanceof DuplicateRouteError && e.existing.set === null && e.duplicate.set === 'partners',
    ],
    ['a bad pattern', (r) => r.get('/partners/:', reply('bad')), (e) => e instanceof PatternError],
    [
      'a bad pattern in use(), which only the engine checks',
      (r) => {
        r.get('/partners/:id', reply('ok'));
        r.use('/partners/{', tag('bad'));
      },
      (e) => e instanceof PatternError,
    ],
    ['an async define', (r) => Promise.resolve(r.get('/x', reply('x'))), (e) => e instanceof TypeError && /synchronously/.test(String(e))],
    ['a non-function handler', (r) => r.get('/partners/:id', 'nope'), (e) => e instanceof TypeError],
    ['param(), which is router-wide', (r) => r.param('id', tag('p')), (e) => e instanceof TypeError],
  ];

  it.each(refusals)('refuses %s, and routing stays exactly as it was', async (_name, define, isExpected) => {
    const { router, partners, app } = setup({ duplicates: 'warn' });
    partners.replace((r) => {
      r.get('/partners/:id', reply('v1'));
      r.post('/partners', reply('created v1'));
    });
    const stackBefore = [...router.stack];
    const routesBefore = router.routes();
    const errors: unknown[] = [];
    partners.on('error', (e) => errors.push(e));

    let thrown: unknown;
    try {
      partners.replace(define as any);
    } catch (error) {
      thrown = error;
    }
    expect(isExpected(thrown)).toBe(true);
    expect(errors).toEqual([thrown]);
    expect(partners.version).toBe(1);
    expect(router.stack).toEqual(stackBefore);
    expect(router.routes()).toEqual(routesBefore);
    expect((await request(app).get('/partners/7')).text).toBe('v1');
    expect((await request(app).post('/partners')).text).toBe('created v1');
    expect((await request(app).get('/x')).status).toBe(404);
    // …and the set still takes a good replace afterwards.
    partners.replace((r) => r.get('/partners/:id', reply('v2')));
    expect((await request(app).get('/partners/7')).text).toBe('v2');
  });

  it('frees a shape when its route leaves the set, and guards it while it is there', () => {
    const { router, partners } = setup({ duplicates: 'error' });
    partners.replace((r) => r.get('/later', reply('set')));
    expect(() => router.get('/later', reply('router'))).toThrow(DuplicateRouteError);
    partners.replace((r) => r.get('/other', reply('set')));
    expect(() => router.get('/later', reply('router'))).not.toThrow();
    // Now the router holds /later: the set may not take it back.
    expect(() => partners.replace((r) => r.get('/later', reply('set')))).toThrow(/duplicates GET \/later/);
  });

  it('refuses duplicates between two sets', () => {
    const router = Router();
    router.routeSet('a').replace((r) => r.get('/x/:id', reply('a')));
    expect(() => router.routeSet('b').replace((r) => r.get('/x/:name', reply('b')))).toThrow(/route set "a"/);
  });

  it('closes the builder and the routes it made once define has returned', () => {
    const { partners } = setup();
    let saved: any;
    let route: any;
    partners.replace((r) => {
      saved = r;
      route = r.route('/kept');
      route.get(reply('kept'));
    });
    expect(() => saved.get('/late', reply('late'))).toThrow(/after its define function returned/);
    expect(() => route.post(reply('late'))).toThrow(/belongs to a route set/);
    expect(() => partners.replace(() => partners.replace(() => {}))).toThrow(/inside its own define/);
  });
});

describe('route sets: requests in flight', () => {
  it('finish on the layers they matched when the set is replaced under them', async () => {
    const { partners, app } = setup();
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    partners.replace((r) => {
      r.use('/slow', async (_req: unknown, _res: unknown, next: () => void) => {
        entered();
        await gate;
        next();
      });
      r.get('/slow', (req: any, res: any) => res.send(`old ${req.seen.join(',')}`));
    });
    const inFlight = request(app).get('/slow').then((res) => res.text);
    await inside;
    partners.replace((r) => r.get('/slow', reply('new')));
    expect((await request(app).get('/slow')).text).toBe('new');
    release();
    expect(await inFlight).toBe('old before');
    expect((await request(app).get('/slow')).text).toBe('new');
  });
});

describe('route sets: load and turns', () => {
  it('loads from an async loader; a failing loader rejects and keeps the old set', async () => {
    const { partners, app } = setup();
    const diff = await partners.load(async () => (r: any) => r.get('/loaded', reply('loaded')));
    expect(diff.added.map((e) => e.path)).toEqual(['/loaded']);
    const errors: unknown[] = [];
    partners.on('error', (e) => errors.push(e));
    await expect(partners.load(async () => Promise.reject(new Error('feed down')))).rejects.toThrow('feed down');
    await expect(partners.load(async () => 42 as any)).rejects.toThrow(/must resolve to a define function/);
    await expect(partners.load(async () => (r: any) => r.get('/partners/fixed', reply('dup')))).rejects.toThrow(DuplicateRouteError);
    expect(errors).toHaveLength(3);
    expect(partners.version).toBe(1);
    expect((await request(app).get('/loaded')).text).toBe('loaded');
  });

  it('serialises: a replace made while a load is pending waits its turn, and the last call wins', async () => {
    const { partners, app } = setup();
    let release: () => void = () => {};
    const slowFeed = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    partners.on('reload', (e) => order.push(`v${e.version} ${e.diff.added.map((a) => a.path).join(',')}`));

    const loading = partners.load(async () => {
      await slowFeed;
      return (r: any) => r.get('/which', reply('from load'));
    });
    expect(partners.busy).toBe(true);
    const queued = partners.replace((r) => r.get('/which', reply('from replace')));
    expect(queued).toBeInstanceOf(Promise);
    const second = partners.load(async () => (r: any) => r.get('/which', reply('from second load')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all([loading, queued, second]);
    expect(order).toEqual(['v1 /which', 'v2 ', 'v3 ']);
    expect((await request(app).get('/which')).text).toBe('from second load');
    // Idle again: replace is synchronous.
    expect(partners.busy).toBe(false);
    expect(partners.replace((r) => r.get('/which', reply('sync')))).not.toBeInstanceOf(Promise);
  });
});
