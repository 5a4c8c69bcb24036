/**
 * The `r` a set's define function registers through: Fastify's route API (`r.get(path,
 * handler)`, `r.get(path, { schema }, handler)`, `r.route({ method, url, handler })`, …)
 * translated into engine registrations. Everything is checked here, inside the engine's
 * `replace`, so one bad route refuses the whole reload. Exposes `SwitchyardRoutes` and
 * `routesBuilder`.
 */
import type { RouteGenericInterface } from 'fastify';
import { userSource, type RoutePath, type RouteSetBuilder } from '@switchyard/router';
import { compileValidators, type ValidatorSource } from './schema.js';
import type {
  RouteRecord,
  SwitchyardHandler,
  SwitchyardRouteDefinition,
  SwitchyardRouteGeneric,
  SwitchyardRouteOptions,
} from './types.js';

type Shorthand<Self> = {
  <G extends RouteGenericInterface = SwitchyardRouteGeneric>(path: RoutePath, handler: SwitchyardHandler<G>): Self;
  <G extends RouteGenericInterface = SwitchyardRouteGeneric>(
    path: RoutePath,
    options: SwitchyardRouteOptions,
    handler: SwitchyardHandler<G>,
  ): Self;
};

/** The registering half of a set, as its define function sees it. */
export interface SwitchyardRoutes {
  get: Shorthand<this>;
  post: Shorthand<this>;
  put: Shorthand<this>;
  delete: Shorthand<this>;
  patch: Shorthand<this>;
  head: Shorthand<this>;
  options: Shorthand<this>;
  /** Every method. A path with an `all` route never answers 405. */
  all: Shorthand<this>;
  route<G extends RouteGenericInterface = SwitchyardRouteGeneric>(definition: SwitchyardRouteDefinition<G>): this;
}

export interface BuilderContext {
  /** The set's full prefix, for messages and for the compiler's `url`. */
  prefix: string;
  /** Methods the Fastify app supports: the only ones the claimed routes receive. */
  methods: ReadonlySet<string>;
  validators: ValidatorSource;
}

/** Wrap the engine's builder for one `replace`. */
export function routesBuilder(engine: RouteSetBuilder<RouteRecord>, context: BuilderContext): SwitchyardRoutes {
  /**
   * `entry` is the method of `r` the user called: the engine reads the user's line from the
   * stack just above it (see `userSource`), rather than from above its own `add`, where
   * two frames of this file come first and a second, deeper read was needed.
   */
  const register = (method: string, path: RoutePath, options: SwitchyardRouteOptions | undefined, handler: unknown, entry: Function) => {
    const upper = checkMethod(method, context.methods);
    if (typeof handler !== 'function') {
      throw new TypeError(`${upper} ${String(path)}: the handler must be a function, got ${typeof handler}`);
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new TypeError(`${upper} ${String(path)}: route options must be an object`);
    }
    const url = typeof path === 'string' ? context.prefix + path : `${context.prefix} ${String(path)}`;
    const record: RouteRecord = {
      handler: handler as RouteRecord['handler'],
      validators: compileValidators(options?.schema, upper, url, context.validators),
    };
    engine.add(upper, path, record, { source: userSource(entry) });
  };

  const shorthand = (method: string) =>
    function registerShorthand(this: SwitchyardRoutes, path: RoutePath, second: unknown, third?: unknown) {
      // Fastify's shorthands take (path, handler) or (path, options, handler).
      if (third === undefined) register(method, path, undefined, second, registerShorthand);
      else register(method, path, second as SwitchyardRouteOptions, third, registerShorthand);
      return this;
    } as Shorthand<SwitchyardRoutes>;

  function route(this: SwitchyardRoutes, definition: SwitchyardRouteDefinition): SwitchyardRoutes {
    if (definition === null || typeof definition !== 'object') {
      throw new TypeError('r.route() needs an object such as { method, url, handler }');
    }
    const path = definition.url ?? definition.path;
    if (path === undefined) throw new TypeError('r.route() needs a url');
    const methods = Array.isArray(definition.method) ? definition.method : [definition.method];
    if (methods.length === 0) throw new TypeError(`r.route() for ${String(path)} needs at least one method`);
    for (const method of methods) register(method, path, definition, definition.handler, route);
    return this;
  }

  return {
    get: shorthand('GET'),
    post: shorthand('POST'),
    put: shorthand('PUT'),
    delete: shorthand('DELETE'),
    patch: shorthand('PATCH'),
    head: shorthand('HEAD'),
    options: shorthand('OPTIONS'),
    all: shorthand('*'),
    route: route as SwitchyardRoutes['route'],
  };
}

function checkMethod(method: unknown, supported: ReadonlySet<string>): string {
  if (typeof method !== 'string') throw new TypeError(`a route method must be a string, got ${typeof method}`);
  const upper = method.toUpperCase();
  if (upper === '*' || upper === 'ALL') return '*';
  if (!supported.has(upper)) {
    throw new TypeError(
      `${method} is not a method this Fastify app accepts (${[...supported].join(', ')}); ` +
        'add it with app.addHttpMethod() before registering the plugin',
    );
  }
  return upper;
}
