/**
 * Test helpers: a Fastify app with one or more sets registered, and a request over inject()
 * that returns what a test compares.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import switchyard, { type SwitchyardPluginOptions, type SwitchyardSet } from '../src/index.js';

export async function appWith(
  sets: SwitchyardPluginOptions[] = [{ prefix: '/partners', name: 'partners' }],
  options: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify(options);
  for (const set of sets) await app.register(switchyard, set);
  return app;
}

/** `app.switchyard[name]`, failing the test if it is not there. */
export function setOf(app: FastifyInstance, name = 'partners'): SwitchyardSet {
  const set = app.switchyard[name];
  if (set === undefined) throw new Error(`no set ${name}`);
  return set;
}

export interface Answer {
  status: number;
  body: string;
  allow: string | undefined;
}

export async function call(app: FastifyInstance, method: string, url: string, payload?: unknown): Promise<Answer> {
  const res = await app.inject({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const allow = res.headers.allow;
  return { status: res.statusCode, body: res.body, allow: typeof allow === 'string' ? allow : undefined };
}
