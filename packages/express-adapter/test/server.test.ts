/**
 * `switchyard(app).listen()` and `serverOptions(app)`: requests born with the app's
 * prototypes (server.ts). Everything an app can observe must be as when Express starts it:
 * each check runs against the same app started by Express's way (`http.createServer(app)`)
 * and by ours, over real HTTP on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { serverOptions, switchyard } from '../src/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type App = any;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listening(server: http.Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve, reject) => {
    const ready = () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once('listening', ready).once('error', reject);
  });
}

/** The app under test: what a handler sees of req and res, reported as JSON. */
function build(createApp: () => App): App {
  const app = switchyard(createApp());
  app.set('etag', false);
  const sub = createApp();
  sub.request.where = 'sub';
  sub.get('/inside', (req: any, res: any) => {
    res.json({ where: req.where, bornAsSub: Object.getPrototypeOf(req) === sub.request, baseUrl: req.baseUrl });
  });
  app.request.where = 'app';
  app.use('/sub', sub);
  app.get('/users/:id', (req: any, res: any) => {
    res.locals.seen = true;
    res.status(201).json({
      id: req.params.id,
      query: req.query,
      host: req.get('host') === undefined ? 'none' : 'given',
      where: req.where,
      later: typeof req.addedLater === 'function' ? req.addedLater() : null,
      app: req.app === app,
      links: req.res === res && res.req === req,
      incoming: req instanceof http.IncomingMessage,
      outgoing: res instanceof http.ServerResponse,
      prototypes: Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
      locals: res.locals.seen,
      peer: req.socket.remoteAddress,
      ip: req.ip,
      protocol: req.protocol,
      version: req.httpVersion,
    });
  });
  app.get('/after-sub', (req: any, res: any) => res.send(`${req.where} ${Object.getPrototypeOf(req) === app.request}`));
  return app;
}

async function observe(base: string): Promise<unknown[]> {
  const requests = [
    ['GET', '/users/7?a=1&b=two'],
    ['GET', '/sub/inside'],
    ['GET', '/after-sub'],
    ['HEAD', '/after-sub'],
    ['GET', '/missing'],
  ];
  const seen: unknown[] = [];
  for (const [method, path] of requests) {
    const response = await fetch(base + path, { method });
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive'));
    seen.push({ method, path, status: response.status, headers, body: await response.text() });
  }
  return seen;
}

describe.each([
  ['Express 5', () => express()],
  ['Express 4', () => express4()],
])('%s: requests born as the app’s', (_name, createApp) => {
  it('app.listen() answers exactly as the app started by http.createServer(app)', async () => {
    const app = build(createApp);
    app.request.addedLater = () => 'yes';
    const theirs = await observe(await listening(http.createServer(app).listen(0, '127.0.0.1')));
    const ours = await observe(await listening(app.listen(0, '127.0.0.1')));
    expect(ours).toEqual(theirs);
    const first = (ours[0] as { body: string }).body;
    expect(JSON.parse(first)).toMatchObject({
      id: '7',
      query: { a: '1', b: 'two' },
      later: 'yes',
      app: true,
      prototypes: true,
      peer: '127.0.0.1',
      version: '1.1',
    });
    expect((ours[1] as { body: string }).body).toBe('{"where":"sub","bornAsSub":true,"baseUrl":"/sub"}');
    expect((ours[2] as { body: string }).body).toBe('app true');
  });

  it('serverOptions(app) does the same for a server made by hand', async () => {
    const app = build(createApp);
    const ours = await observe(await listening(http.createServer(serverOptions(app), app).listen(0, '127.0.0.1')));
    const theirs = await observe(await listening(http.createServer(app).listen(0, '127.0.0.1')));
    expect(ours).toEqual(theirs);
  });
});

describe('listen arguments', () => {
  it('returns the http.Server, listening, and calls the callback once it is', async () => {
    const app = switchyard(express());
    let calls = 0;
    const server = app.listen(0, '127.0.0.1', () => calls++);
    expect(server).toBeInstanceOf(http.Server);
    // Before Express sees them, the request and response already have the app's prototypes.
    const born: boolean[] = [];
    server.prependListener('request', (req: unknown, res: unknown) => {
      born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    app.get('/', (_req: any, res: any) => res.end('ok'));
    const base = await listening(server);
    expect(calls).toBe(1);
    expect(await (await fetch(base)).text()).toBe('ok');
    expect(born).toEqual([true, true]);
  });

  it('hands a listen error to the callback, as Express 5 does', async () => {
    const taken = await listening(http.createServer().listen(0, '127.0.0.1'));
    const port = Number(new URL(taken).port);
    const theirs = await new Promise((resolve) => {
      express().listen(port, '127.0.0.1', (error?: Error) => resolve((error as NodeJS.ErrnoException | undefined)?.code));
    });
    const ours = await new Promise((resolve) => {
      switchyard(express()).listen(port, '127.0.0.1', (error?: Error) => resolve((error as NodeJS.ErrnoException | undefined)?.code));
    });
    expect(theirs).toBe('EADDRINUSE');
    expect(ours).toBe(theirs);
  });

  it('serverOptions refuses what is not an Express app', () => {
    expect(() => serverOptions({})).toThrow(TypeError);
    expect(() => serverOptions(() => {})).toThrow('expects an application created by express()');
  });

  it('gives one pair of classes per app', () => {
    const app = express();
    expect(serverOptions(app)).toBe(serverOptions(app));
    expect(serverOptions(app)).not.toBe(serverOptions(express()));
  });
});
