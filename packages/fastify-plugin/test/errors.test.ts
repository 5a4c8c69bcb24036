/**
 * Errors from a set's handlers, from its schemas and from dispatch itself all reach the
 * app's Fastify error handler, as those of native routes do.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import switchyard, { MethodNotAllowedError } from '../src/index.js';
import { appWith, call, setOf } from './app.js';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

/** An app whose error handler records what it got and answers with it. */
async function recordingApp() {
  app = Fastify();
  const seen: unknown[] = [];
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    seen.push(error);
    reply.code(error.statusCode ?? 500).send({ handled: error.message, code: error.code ?? null });
  });
  await app.register(switchyard, { prefix: '/partners', name: 'partners' });
  return seen;
}

describe('handler errors go through the app\'s error handler', () => {
  const throwing: Array<[string, (request: unknown, reply: { send(e: Error): unknown }) => unknown]> = [
    ['a sync throw', () => {
      throw Object.assign(new Error('sync'), { statusCode: 418 });
    }],
    ['an async rejection', async () => {
      throw Object.assign(new Error('async'), { statusCode: 418 });
    }],
    ['reply.send(error)', (_request, reply) => reply.send(Object.assign(new Error('sent'), { statusCode: 418 }))],
  ];
  it.each(throwing)('%s', async (_name, handler) => {
    const seen = await recordingApp();
    setOf(app).replace((r) => r.get('/boom', handler as never));
    const answer = await call(app, 'GET', '/partners/boom');
    expect(answer.status).toBe(418);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(answer.body).handled).toMatch(/sync|async|sent/);
  });

  it('without an error handler, Fastify\'s default answers 500', async () => {
    app = await appWith();
    setOf(app).replace((r) => r.get('/boom', () => {
      throw new Error('plain');
    }));
    expect((await call(app, 'GET', '/partners/boom')).status).toBe(500);
  });

  it('405 is a MethodNotAllowedError the error handler sees, with Allow already set', async () => {
    const seen = await recordingApp();
    setOf(app).replace((r) => r.get('/x', () => 'x'));
    const answer = await call(app, 'POST', '/partners/x');
    expect(answer).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    expect(seen[0]).toBeInstanceOf(MethodNotAllowedError);
    expect(seen[0]).toMatchObject({ method: 'POST', allow: ['GET', 'HEAD'] });
  });
});

describe('schemas', () => {
  const bodySchema = {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, count: { type: 'integer' } },
  };

  async function schemaApp() {
    app = await appWith();
    setOf(app).replace((r) => {
      r.post(
        '/:id',
        {
          schema: {
            params: { type: 'object', properties: { id: { type: 'integer' } } },
            querystring: { type: 'object', properties: { dry: { type: 'boolean' } } },
            body: bodySchema,
          },
        },
        (request) => ({ params: request.params, query: request.query, body: request.body }),
      );
    });
  }

  it('coerce and pass valid requests, as Fastify\'s Ajv does', async () => {
    await schemaApp();
    const answer = await call(app, 'POST', '/partners/7?dry=true', { name: 'n', count: '3' });
    expect(JSON.parse(answer.body)).toEqual({ params: { id: 7 }, query: { dry: true }, body: { name: 'n', count: 3 } });
  });

  const invalid: Array<[string, string, unknown, string]> = [
    ['params', '/partners/x', { name: 'n' }, 'params/id must be integer'],
    ['body', '/partners/1', { count: 1 }, "body must have required property 'name'"],
    ['querystring', '/partners/1?dry=maybe', { name: 'n' }, 'querystring/dry must be boolean'],
  ];
  it.each(invalid)('refuse invalid %s with a 400 in Fastify\'s shape', async (part, url, payload, message) => {
    await schemaApp();
    const answer = await call(app, 'POST', url, payload);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, code: 'FST_ERR_VALIDATION', message });
    void part;
  });

  it('use the app\'s own validator compiler when it set one', async () => {
    app = await appWith();
    const compiled: string[] = [];
    app.setValidatorCompiler(({ httpPart, url }) => {
      compiled.push(`${String(httpPart)} ${url}`);
      return (data: unknown) => ((data as { ok?: string }).ok === 'yes' ? { value: data } : { error: new Error('custom says no') });
    });
    setOf(app).replace((r) => r.post('/c', { schema: { body: {} } }, () => 'passed'));
    expect(compiled).toEqual(['body /partners/c']);
    expect(await call(app, 'POST', '/partners/c', { ok: 'yes' })).toMatchObject({ status: 200, body: 'passed' });
    expect(await call(app, 'POST', '/partners/c', { ok: 'no' })).toMatchObject({ status: 400 });
  });

  it('see schemas shared with addSchema', async () => {
    app = await appWith();
    app.addSchema({ $id: 'partner', type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
    setOf(app).replace((r) => r.post('/s', { schema: { body: { $ref: 'partner#' } } }, () => 'ok'));
    expect((await call(app, 'POST', '/partners/s', { name: 'x' })).status).toBe(200);
    expect((await call(app, 'POST', '/partners/s', {})).status).toBe(400);
  });
});
