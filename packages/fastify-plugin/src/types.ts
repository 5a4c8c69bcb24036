/**
 * The public types: handlers as Fastify writes them, the options of a route, and what the
 * engine stores for each route of a set. Exposes `SwitchyardHandler`, `SwitchyardRouteGeneric`,
 * `SwitchyardRouteOptions`, `SwitchyardRouteDefinition` and `RouteRecord`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { RoutePath } from '@switchyard/router';
import type { RouteSchema, Validators } from './schema.js';

/**
 * What `request.params` holds by default: a name per param; a wildcard (`/*rest`) is the
 * list of its segments, as in Express 5.
 */
export interface SwitchyardRouteGeneric extends RouteGenericInterface {
  Params: Record<string, string | string[]>;
}

/** A Fastify-style handler: `this` is the Fastify instance; return a value or use `reply`. */
export type SwitchyardHandler<RouteGeneric extends RouteGenericInterface = SwitchyardRouteGeneric> = (
  this: FastifyInstance,
  request: FastifyRequest<RouteGeneric>,
  reply: FastifyReply<RouteGeneric>,
) => unknown;

/** The options a route may take beside its handler. */
export interface SwitchyardRouteOptions {
  /** JSON schemas for `params`, `querystring` and `body`, compiled with Fastify's validator compiler. */
  schema?: RouteSchema;
}

/** `r.route({ … })`, in the shape of Fastify's `app.route()`. */
export interface SwitchyardRouteDefinition<RouteGeneric extends RouteGenericInterface = SwitchyardRouteGeneric>
  extends SwitchyardRouteOptions {
  /** A method, a list of them, or '*' for all. */
  method: string | string[];
  /** The path under the set's prefix, in Express 5 syntax (`/:id`, `/*rest`, `{/:opt}`). */
  url?: RoutePath;
  /** Fastify's alias of `url`. */
  path?: RoutePath;
  handler: SwitchyardHandler<RouteGeneric>;
}

/** What the engine stores for each route of a set. */
export interface RouteRecord {
  handler: SwitchyardHandler<RouteGenericInterface>;
  validators: Validators | null;
}
