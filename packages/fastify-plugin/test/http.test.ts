/**
 * The same behaviour over real HTTP on 127.0.0.1 (app.listen on a free port), and a bad
 * reload under load: requests keep flowing while the set is replaced with good and bad
 * route sets in turn, and not one of them fails.
 */
import type { FastifyInstance } from 'fastify';
import { request as httpRequest, Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwitchyardRoutes } from '../src/index.js';
import { appWith, setOf } from './app.js';

let app: FastifyInstance;
let agent: Agent;
afterEach(async () => {
  agent?.destroy();
  await app?.close();
});

interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(base: URL, method: string, path: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function listening(): Promise<URL> {
  agent = new Agent({ keepAlive: true, maxSockets: 32 });
  return new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
}

describe('over HTTP', () => {
  it('routes, answers 404 and 405 with Allow, serves HEAD and sends errors through Fastify', async () => {
    app = await appWith();
    setOf(app).replace((r) => {
      r.get('/:id', (request) => ({ id: request.params.id }));
      r.get('/boom', async () => {
        throw Object.assign(new Error('teapot'), { statusCode: 418 });
      });
    });
    const base = await listening();
    expect(await send(base, 'GET', '/partners/42')).toMatchObject({ status: 200, body: '{"id":"42"}' });
    expect((await send(base, 'GET', '/partners/4/2')).status).toBe(404);
    const notAllowed = await send(base, 'POST', '/partners/42');
    expect([notAllowed.status, notAllowed.headers.allow]).toEqual([405, 'GET, HEAD']);
    const head = await send(base, 'HEAD', '/partners/42');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '11']);
    const boom = await send(base, 'GET', '/partners/boom');
    expect([boom.status, JSON.parse(boom.body).message]).toEqual([418, 'teapot']);
  });
});

describe('a bad reload under load', () => {
  // 200, not 1,000: replacing a 1,000-route set takes the engine about 100-180 ms today,
  // during which no request is served, and the test is about failures, not throughput.
  const ROUTES = 200;

  /** Routes answering with the version that registered them. */
  const goodSet = (version: number) => (r: SwitchyardRoutes) => {
    for (let i = 0; i < ROUTES; i++) r.get(`/r${i}/:id`, () => `v${version} r${i}`);
  };
  /** The same routes plus one that makes the whole set invalid, in turns: a duplicate, a bad pattern, a throw. */
  const badSet = (turn: number) => (r: SwitchyardRoutes) => {
    goodSet(-1)(r);
    if (turn % 3 === 0) r.get('/r1/:other', () => 'duplicate');
    else if (turn % 3 === 1) r.get('/bad/:', () => 'bad pattern');
    else throw new Error('source broke halfway');
  };

  it('serves every request while good and bad replaces alternate for about 2 s', async () => {
    app = await appWith();
    const set = setOf(app);
    set.replace(goodSet(0));
    const base = await listening();

    let stop = false;
    let good = 0;
    let refused = 0;
    const replacer = (async () => {
      for (let turn = 1; !stop; turn++) {
        if (turn % 2 === 0) {
          set.replace(goodSet(turn));
          good++;
        } else {
          try {
            set.replace(badSet(turn));
          } catch {
            refused++;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const failures: string[] = [];
    let served = 0;
    const worker = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const route = (w * 7919 + n * 31) % ROUTES;
        try {
          const answer = await send(base, 'GET', `/partners/r${route}/${n}`);
          // Refused sets are never seen: a version is always a good one.
          if (answer.status !== 200 || !/^v\d+ r\d+$/.test(answer.body) || !answer.body.endsWith(` r${route}`)) {
            failures.push(`${answer.status} ${answer.body}`);
          }
        } catch (error) {
          failures.push(String(error));
        }
        served++;
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop = true;
    await Promise.all([...workers, replacer]);

    expect(failures.slice(0, 5)).toEqual([]);
    expect(served).toBeGreaterThan(0);
    expect(good).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
