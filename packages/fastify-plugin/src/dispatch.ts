/**
 * The Fastify handler of the claimed routes (`prefix` and `prefix/*`): look the request up
 * in the set's engine and run the route's handler as if Fastify had routed to it. Exposes
 * `dispatcher`.
 *
 * Hot path: one `startsWith` and one engine `find` per request, no closure allocated per
 * request. The handler's result is returned to Fastify unchanged, so a value, a promise, a
 * throw or `reply.send()` behave exactly as in a native route. Guarded by
 * `bench/suites/fastify.mjs` (native routes against the same routes in a set).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Router } from '@switchyard/router';
import { MethodNotAllowedError } from './errors.js';
import { innerPath, type PathOptions } from './prefix.js';
import { validateRequest } from './schema.js';
import type { RouteRecord } from './types.js';

export type Dispatch = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

export function dispatcher(engine: Router<RouteRecord>, prefix: string, pathOptions: PathOptions): Dispatch {
  return function dispatch(this: FastifyInstance, request, reply) {
    const path = innerPath(request.url, prefix, pathOptions);
    if (path === null) {
      reply.callNotFound();
      return undefined;
    }
    const method = request.method;
    // `find` throws BadParamError (statusCode 400) on a malformed escape: Fastify's error handler answers.
    let match = engine.find(method, path);
    // HEAD reaches a GET route when the set has no route for HEAD; Fastify's HEAD
    // handling (the route it exposes for our GET claim) drops the body.
    if (match === null && method === 'HEAD') match = engine.find('GET', path);
    if (match === null) return notMatched(engine, method, path, reply);
    // A static route's result is shared and frozen (the engine's `find` contract), and
    // Fastify's handlers and schema coercion write to request.params: give it its own.
    const params = match.params;
    (request as { params: unknown }).params = Object.isFrozen(params) ? Object.create(Object.getPrototypeOf(params)) : params;
    const route = match.data;
    if (route.validators !== null) {
      const invalid = validateRequest(route.validators, request);
      if (invalid !== null) {
        if (invalid instanceof Error) throw invalid;
        return invalid.then((error) => {
          if (error !== null) throw error;
          return route.handler.call(this, request, reply);
        });
      }
    }
    return route.handler.call(this, request, reply);
  };
}

/** No route for this method: 405 with `Allow` if the path has routes for others, else Fastify's 404. */
function notMatched(engine: Router<RouteRecord>, method: string, path: string, reply: FastifyReply): undefined {
  const allowed = engine.allowedMethods(path);
  if (allowed.length === 0) {
    reply.callNotFound();
    return undefined;
  }
  // GET routes answer HEAD too, so say so.
  if (allowed.includes('GET') && !allowed.includes('HEAD')) {
    allowed.push('HEAD');
    allowed.sort();
  }
  reply.header('allow', allowed.join(', '));
  throw new MethodNotAllowedError(method, allowed);
}
