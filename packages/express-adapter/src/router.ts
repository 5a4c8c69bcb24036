/**
 * Router: the adapter's `express.Router()`. `Router(options)` (with or without `new`)
 * returns a function `(req, res, next)` carrying `use`, `route`, `all`, one method per
 * `http.METHODS` name, `param` and `handle`, as Express's router does; registrations go
 * into a Switchyard engine instead of an array that every request walks.
 *
 * How layers map onto the engine: `use(path, fn)` is a mount; `route(path)` is a route of
 * method '*' (a route layer matches by path; its Route then decides by method, and OPTIONS
 * and HEAD need every route whose path matches). Duplicates are therefore checked here,
 * by method, in duplicates.ts. Every registration goes through `register`, the one place
 * that assigns order and touches the engine; a route set's builder (route-set.ts) borrows
 * the same registration methods, and `register` hands its layers to the set instead.
 */
import { Router as Engine, userSource } from '@switchyard/router';
import { dispatchRouter, type DispatchRequest, type DispatchRouter, type NextFunction } from './dispatch.js';
import { DuplicateGuard, type DuplicatePolicy } from './duplicates.js';
import { engineOptions, Layer, SEQ_STRIDE, type Handler } from './layer.js';
import { METHOD_NAMES } from './methods.js';
import { addParam, type ParamCallbacks } from './params.js';
import { Route } from './route.js';
import { routeEntry, type RouteEntry } from './route-entry.js';
import { RouteSet } from './route-set.js';
import type { ServerResponse } from 'node:http';

export type { RouteEntry };

export interface RouterOptions {
  /** '/Users' and '/users' are different paths. Default false, as Express. */
  caseSensitive?: boolean | undefined;
  /** '/users/' and '/users' are different paths (for routes; `use` never is). Default false. */
  strict?: boolean | undefined;
  /** `req.params` inside also holds the params of the parent router's layer. Default false. */
  mergeParams?: boolean | undefined;
  /** Same method and route shape registered twice: 'warn' (default), 'error' or 'allow'. */
  duplicates?: DuplicatePolicy | undefined;
}

/** Where registrations go: a router, or a route set's builder collecting them for `replace`. */
export interface Registrar {
  readonly duplicateGuard: DuplicateGuard | null;
  /** A route set's builder: takes the layer instead of the engine. */
  collect?: ((kind: 'use' | 'route', path: unknown, handle: Handler, route: Route | undefined, source: string | undefined) => Layer) | undefined;
  /** Set by a manifest's define: the source to record instead of the calling line. */
  registrationSource?: string | undefined;
}

/** The router function object, as the adapter sees it inside. */
export interface RouterObject extends DispatchRouter, Registrar {
  (req: DispatchRequest, res: ServerResponse, next: NextFunction): void;
  caseSensitive: boolean | undefined;
  strict: boolean | undefined;
  mergeParams: boolean | undefined;
  params: ParamCallbacks;
  stack: Layer[];
  readonly engine: Engine<Layer>;
  readonly duplicateGuard: DuplicateGuard | null;
  handle(req: DispatchRequest, res: ServerResponse, done: NextFunction): void;
  use(...args: unknown[]): RouterObject;
  route(path: unknown): Route;
  param(name: unknown, fn: unknown): RouterObject;
  all(path: unknown, ...handlers: unknown[]): RouterObject;
  routes(): RouteEntry[];
  routeSet(name: string): RouteSet;
  /** The next free slot of the order (see SEQ_STRIDE in layer.ts). */
  nextSlot: number;
  readonly routeSets: Map<string, RouteSet>;
  [method: string]: unknown;
}

const POLICIES: readonly unknown[] = ['warn', 'error', 'allow'];

export function Router(this: unknown, options?: RouterOptions): RouterObject {
  if (!(this instanceof Router)) return new (Router as unknown as new (options?: RouterOptions) => RouterObject)(options);
  const opts = options || {};
  const duplicates = opts.duplicates ?? 'warn';
  if (!POLICIES.includes(duplicates)) {
    throw new TypeError(`options.duplicates must be 'warn', 'error' or 'allow', got ${String(duplicates)}`);
  }
  const router = function router(req: DispatchRequest, res: ServerResponse, next: NextFunction): void {
    (router as RouterObject).handle(req, res, next);
  } as RouterObject;
  // A callable object that is also an instance: Express's trick, kept so `instanceof` works.
  Object.setPrototypeOf(router, this as object);
  router.caseSensitive = opts.caseSensitive;
  router.mergeParams = opts.mergeParams;
  router.params = Object.create(null) as ParamCallbacks;
  router.strict = opts.strict;
  router.stack = [];
  // Express has no limit on the length of a param, nor duplicate detection in its layers.
  const engine = new Engine<Layer>({
    caseSensitive: Boolean(opts.caseSensitive),
    strict: Boolean(opts.strict),
    duplicates: 'allow',
    maxParamLength: Infinity,
  });
  const guard =
    duplicates === 'allow' ? null : new DuplicateGuard(duplicates, Boolean(opts.caseSensitive), Boolean(opts.strict));
  Object.defineProperty(router, 'engine', { value: engine, enumerable: false });
  Object.defineProperty(router, 'duplicateGuard', { value: guard, enumerable: false });
  // Not enumerable, like the two above: a router's own keys stay those of express.Router().
  Object.defineProperty(router, 'nextSlot', { value: 0, enumerable: false, writable: true });
  Object.defineProperty(router, 'seqEnd', { value: 0, enumerable: false, writable: true });
  Object.defineProperty(router, 'routeSets', { value: new Map<string, RouteSet>(), enumerable: false });
  return router;
}

// Instances are functions: their prototype chain must end in Function.prototype.
Router.prototype = Object.create(Function.prototype) as object;

const proto = Router.prototype as RouterObject;

/** Add `layer` at the end of the order, in the engine and in `stack` (or to a set's builder). */
function register(
  target: Registrar,
  kind: 'use' | 'route',
  path: unknown,
  handle: Handler,
  route: Route | undefined,
  source: string | undefined,
): Layer {
  if (target.collect !== undefined) return target.collect(kind, path, handle, route, source);
  const router = target as RouterObject;
  const layer = new Layer(router.nextSlot * SEQ_STRIDE, path, handle, route);
  layer.source = source;
  // The engine validates the path and throws before anything is stored. It is given the
  // source found here, so it does not read the stack a second time.
  const options = engineOptions(layer);
  if (kind === 'use') router.engine.mount(path as string, layer, options);
  else router.engine.add('*', path as string, layer, options);
  takeSlot(router);
  router.stack.push(layer);
  return layer;
}

/** Move past the slot just used; dispatch knows the order ends at `seqEnd`. */
function takeSlot(router: RouterObject): number {
  const slot = router.nextSlot++;
  router.seqEnd = router.nextSlot * SEQ_STRIDE;
  return slot;
}

/**
 * Where the registration being made comes from: the caller of `entry`, the public method
 * the user called (see `userSource`), unless a route set's manifest named it.
 */
function sourceHere(target: Registrar, entry: Function): string | undefined {
  return target.registrationSource ?? userSource(entry);
}

proto.param = function param(this: RouterObject, name: unknown, fn: unknown): RouterObject {
  addParam(this.params, name, fn);
  return this;
};

proto.handle = function handle(this: RouterObject, req: DispatchRequest, res: ServerResponse, done: NextFunction): void {
  if (!done) throw new TypeError('argument callback is required');
  dispatchRouter(this, req, res, done);
};

proto.use = function use(this: RouterObject, ...args: unknown[]): RouterObject {
  let offset = 0;
  let path: unknown = '/';
  // The first argument is a path unless it is a function or an array starting with one.
  if (typeof args[0] !== 'function') {
    let first: unknown = args[0];
    while (Array.isArray(first) && first.length !== 0) first = first[0];
    if (typeof first !== 'function') {
      offset = 1;
      path = args[0];
    }
  }
  const callbacks = args.slice(offset).flat(Infinity);
  if (callbacks.length === 0) throw new TypeError('argument handler is required');
  // One line of the user's registers every callback: its source is read once.
  let source: string | undefined;
  for (const fn of callbacks) {
    if (typeof fn !== 'function') throw new TypeError('argument handler must be a function');
    source ??= sourceHere(this, use);
    register(this, 'use', path, fn as Handler, undefined, source);
  }
  return this;
};

proto.route = function route(this: RouterObject, path: unknown): Route {
  return addRoute(this, path, sourceHere(this, route));
};

/** `router.route(path)`, with its source already read (a stack capture costs microseconds). */
function addRoute(router: RouterObject, path: unknown, source: string | undefined): Route {
  const route = new Route(path);
  const guard = router.duplicateGuard;
  // Shapes first: a bad pattern throws here, before anything is stored.
  if (guard !== null) guard.track(route, source);
  register(router, 'route', path, function handle(req: DispatchRequest, res: ServerResponse, next: NextFunction) {
    route.dispatch(req, res, next);
  }, route, source);
  if (guard !== null) route.onNewMethod = guard.hook;
  return route;
}

for (const method of [...METHOD_NAMES, 'all']) {
  proto[method] = function registerMethod(this: RouterObject, path: unknown, ...handlers: unknown[]): RouterObject {
    const guard = this.duplicateGuard;
    const source = sourceHere(this, registerMethod);
    // With 'error', refuse before the route exists, so a refused registration changes nothing.
    if (guard !== null && guard.policy === 'error') guard.check(path, method === 'all' ? '_all' : method, null, source);
    // As Express, through `this.route()` when something has replaced it (instrumentation does).
    const route = this.route === proto.route ? addRoute(this, path, source) : this.route(path);
    (route[method] as (...h: unknown[]) => Route).apply(route, handlers);
    return this;
  };
}

proto.routes = function routes(this: RouterObject): RouteEntry[] {
  // The engine lists its entries in the same order as `stack`, route sets' included.
  const sources = this.engine.routes();
  return this.stack.map((layer, i) => routeEntry(layer, this.duplicateGuard, sources[i]?.source));
};

/**
 * The route set `name`, created on first use in the next slot of the order: its routes
 * will run after everything registered before this call and before everything after it.
 */
proto.routeSet = function routeSet(this: RouterObject, name: string): RouteSet {
  if (typeof name !== 'string' || name === '') throw new TypeError('a route set needs a non-empty name');
  let set = this.routeSets.get(name);
  if (set === undefined) {
    // The engine's set takes its slot in the engine's order at the same moment.
    const engineSet = this.engine.routeSet(name);
    set = new RouteSet(name, this, takeSlot(this), engineSet, setBuilderPrototype);
    this.routeSets.set(name, set);
  }
  return set;
};

(Router as unknown as { Route: typeof Route }).Route = Route;

/**
 * What a route set's builder inherits: the router's registration methods, which reach
 * `register`, where the builder's `collect` takes over. Not `param`: param callbacks
 * belong to the whole router and would outlive the set.
 */
export const setBuilderPrototype: object = Object.create(null);
for (const name of [...METHOD_NAMES, 'all', 'use', 'route']) {
  (setBuilderPrototype as Record<string, unknown>)[name] = proto[name];
}
