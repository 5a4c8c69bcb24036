/**
 * Route: what `router.route(path)` returns, as Express's Route: one path, and an ordered
 * stack of handlers each for one method (or for all, with `.all`). The router decides by
 * path that a route layer matches; the route decides by method which handlers run.
 * Exposes `Route` (also `Router.Route`) and the `RouteHandler` entries of its stack.
 */
import { dispatchRoute } from './dispatch.js';
import type { Handler } from './layer.js';
import { METHOD_NAMES, lowerMethod } from './methods.js';

/** One handler of a route, for one lower-case method, or for all (`method` undefined). */
export interface RouteHandler {
  method: string | undefined;
  handle: Handler;
  name: string;
}

/**
 * Called before a route gains handlers for a method it had none for: the router uses it to
 * find duplicate routes (see duplicates.ts). `method` is lower-case, or '_all'.
 */
export interface MethodHook {
  (route: Route, method: string): void;
}

/**
 * Makes `route.methods`: its prototype is an empty object whose own prototype is null, so
 * it inherits nothing, as `Object.create(null)` would; but V8 keeps it a fast object, where
 * a null-prototype one is a dictionary (measured: about 160 bytes less heap per route, of
 * 3.7 KB for a route of a route set with its layer and engine entry).
 */
const MethodsObject = function MethodsObject() {} as unknown as new () => Record<string, boolean>;
MethodsObject.prototype = Object.create(null) as Record<string, boolean>;

export class Route {
  readonly path: unknown;
  /** Replaced by a one-element literal for the first handler: a pushed-to array reserves 17. */
  stack: RouteHandler[] = [];
  /** Lower-case method names with handlers, and `_all` after `.all()`: Express's shape. */
  readonly methods: Record<string, boolean> = new MethodsObject();
  /** Set by the router that created this route; a standalone `new Route()` has none. */
  onNewMethod: MethodHook | undefined = undefined;

  constructor(path: unknown) {
    this.path = path;
  }

  /** Whether a request with this method runs any handler here (HEAD falls back to GET). */
  _handlesMethod(method: unknown): boolean {
    const methods = this.methods;
    if (methods._all) return true;
    let name = lowerMethod(method);
    if (name === 'head' && !methods.head) name = 'get';
    return typeof name === 'string' && methods[name] === true;
  }

  /** Upper-case methods this route answers, with HEAD beside GET: for the `Allow` header. */
  _methods(): string[] {
    const names = Object.keys(this.methods);
    if (this.methods.get && !this.methods.head) names.push('head');
    for (let i = 0; i < names.length; i++) names[i] = names[i]!.toUpperCase();
    return names;
  }

  /** Run this route's handlers for `req`; `done(err)` when none is left. */
  dispatch(req: object, res: object, done: (err?: unknown) => void): void {
    dispatchRoute(this, req, res, done);
  }

  /** Handlers for every method. */
  all(...handlers: unknown[]): Route {
    return addHandlers(this, undefined, handlers);
  }
}

// Route methods are many and decided by Node's METHODS at run time, so they are declared
// for the compiler by index and installed in a loop.
export interface Route {
  [method: string]: unknown;
}

for (const method of METHOD_NAMES) {
  Object.defineProperty(Route.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: Route, ...handlers: unknown[]): Route {
      return addHandlers(this, method, handlers);
    },
  });
}

function addHandlers(route: Route, method: string | undefined, handlers: unknown[]): Route {
  const callbacks = handlers.flat(Infinity);
  if (callbacks.length === 0) throw new TypeError('argument handler is required');
  // All are checked before any is added, so a bad argument leaves the route unchanged.
  for (const fn of callbacks) {
    if (typeof fn !== 'function') throw new TypeError('argument handler must be a function');
  }
  const key = method ?? '_all';
  if (route.onNewMethod !== undefined && route.methods[key] !== true) route.onNewMethod(route, key);
  for (const fn of callbacks as Handler[]) {
    const handler: RouteHandler = { method, handle: fn, name: fn.name || '<anonymous>' };
    if (route.stack.length === 0) route.stack = [handler];
    else route.stack.push(handler);
    route.methods[key] = true;
  }
  return route;
}
