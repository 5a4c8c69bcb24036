/**
 * Dispatch: one request's walk through one router's stack (and through the handlers of
 * the routes it meets), with Express's semantics. Exposes `dispatchRouter` (behind
 * `router.handle`) and `dispatchRoute` (behind `route.dispatch`).
 *
 * HOT PATH. No recursion: the walk is a loop (`run`) over a state object, a trampoline.
 * A handler that calls `next()` while the loop is still inside its call only sets a flag
 * that the loop picks up when the handler returns, so a chain of synchronous middleware
 * runs at constant stack depth; a `next()` called later (from a timer, a promise) starts
 * the loop again from where the state says. Internal steps never call each other through
 * `next` either: they set the same flag. No closures per request besides `next` and
 * `req.next` (and one for promise rejections, only if a handler returns a promise): every
 * step is a module-level function of the state. Lookup is the engine's `matchAll` for the
 * pathname, done again only when a layer rewrote `req.url`; the hits stay the request's
 * own, so a route set replaced meanwhile does not change the layers it walks. Guarded by
 * the stack-depth and 10,000-layer tests in test/stack.test.ts and by bench/.
 */
import type { ServerResponse } from 'node:http';
import type { MatchResult, Router as Engine } from '@switchyard/router';
import type { Handler, Layer } from './layer.js';
import { lowerMethod } from './methods.js';
import { sendOptionsResponse } from './options-response.js';
import { mergeParams, type ParamCallbacks, type ParamRecord } from './params.js';
import { pathnameOf, protohostOf } from './pathname.js';
import type { Route, RouteHandler } from './route.js';

/** What dispatch reads from a router (the router function object carries these). */
export interface DispatchRouter {
  stack: Layer[];
  /** Past the last seq of the order (layer seqs are sparse: see SEQ_STRIDE in layer.ts). */
  seqEnd: number;
  params: ParamCallbacks;
  mergeParams?: boolean | undefined;
  readonly engine: Engine<Layer>;
}

/** The request fields Express's router reads and writes. */
export interface DispatchRequest {
  url?: unknown;
  method?: unknown;
  baseUrl?: unknown;
  originalUrl?: unknown;
  params?: unknown;
  next?: unknown;
  route?: unknown;
}

export type NextFunction = (err?: unknown) => void;

// What a call of `next` continues: the router's stack, the current route's handlers, or
// the current layer's param callbacks.
const PHASE_LAYER = 0;
const PHASE_ROUTE = 1;
const PHASE_PARAM = 2;

const NO_HITS: MatchResult<Layer>[] = [];
const NO_KEYS: string[] = [];
const NO_CALLBACKS: Handler[] = [];

class Dispatch {
  readonly req: DispatchRequest;
  readonly res: ServerResponse;
  readonly callback: NextFunction;
  /** null when dispatching a lone route (`route.dispatch`): its end calls `callback`. */
  readonly router: DispatchRouter | null;
  /** The `next` handed to every handler of this router for this request. */
  readonly next: NextFunction;
  /** `req.next`: always continues the router's own stack, as Express's does. */
  exitNext: NextFunction | null = null;
  onRejected: ((error: unknown) => void) | null = null;

  // The trampoline.
  running = false;
  pending = false;
  pendingError: unknown = undefined;
  phase = PHASE_LAYER;

  // Lookup: the hits of the last `matchAll`, and the first layer seq still to consider.
  hits: MatchResult<Layer>[] = NO_HITS;
  hitIndex = 0;
  lookupPath: string | null = null;
  lastUrl: unknown = undefined;
  lastPath: string | undefined = undefined;
  position = 0;

  // What this router changes on req, and what it restores.
  protohost = '';
  parentUrl = '';
  parentParams: unknown = undefined;
  removed = '';
  slashAdded = false;
  savedBaseUrl: unknown = undefined;
  savedNext: unknown = undefined;
  savedParams: unknown = undefined;
  /** For an OPTIONS request: methods of the routes walked past, for the automatic answer. */
  optionsMethods: string[] | null = null;

  // The layer being run.
  layer: Layer | null = null;
  layerError: unknown = undefined;
  layerPath = '';
  path = '';

  // The route being run.
  route: Route | null = null;
  routeIndex = 0;
  routeMethod: unknown = undefined;

  // Param callbacks of the layer being run.
  called: Record<string, ParamRecord> | null = null;
  paramKeys: string[] = NO_KEYS;
  paramIndex = 0;
  paramKey = '';
  paramValue: unknown = undefined;
  paramCallbacks: Handler[] = NO_CALLBACKS;
  paramCallbackIndex = 0;
  paramRecord: ParamRecord | null = null;

  constructor(router: DispatchRouter | null, req: DispatchRequest, res: ServerResponse, callback: NextFunction) {
    this.router = router;
    this.req = req;
    this.res = res;
    this.callback = callback;
    this.next = (err?: unknown): void => {
      if (this.running) {
        this.pending = true;
        this.pendingError = err;
      } else {
        run(this, err);
      }
    };
  }
}

/** `router.handle(req, res, done)`. */
export function dispatchRouter(router: DispatchRouter, req: DispatchRequest, res: ServerResponse, done: NextFunction): void {
  settleShape(req);
  settleShape(res);
  const s = new Dispatch(router, req, res, done);
  s.protohost = protohostOf(req.url);
  s.parentParams = req.params;
  s.parentUrl = typeof req.baseUrl === 'string' ? req.baseUrl : req.baseUrl ? String(req.baseUrl) : '';
  // Restored when the router is done with the request.
  s.savedBaseUrl = req.baseUrl;
  s.savedNext = req.next;
  s.savedParams = req.params;
  const exitNext = (err?: unknown): void => {
    s.phase = PHASE_LAYER;
    s.next(err);
  };
  s.exitNext = exitNext;
  req.next = exitNext;
  if (req.method === 'OPTIONS') s.optionsMethods = [];
  req.baseUrl = s.parentUrl;
  req.originalUrl = req.originalUrl || req.url;
  run(s, undefined);
}

const SETTLE = Symbol('switchyard.settleShape');

/**
 * Gives `req` and `res` one hidden class shared by every request, when Express's prototype
 * change left each request with a hidden class of its own.
 *
 * In a plain Express app (`app.listen()`, or `http.createServer(app)`), Express sets the
 * prototype of Node's `req` and `res` on every request (see server.ts). V8 (Node 20's 11.3)
 * keeps no transitions from the hidden class that change makes, so every property added
 * after it (Express's `req.next`, `req.baseUrl`, `res.locals`, then ours) builds a new
 * hidden class, and no two requests share one: every property access, ours, the handlers'
 * and Node's own while it writes the response, misses its inline cache and goes through
 * the runtime. Adding a property and deleting it again cannot be undone along a
 * transition there, so V8 moves the object to dictionary mode, whose hidden class is
 * shared by every request and whose property accesses are cached again. Where the hidden
 * class is an ordinary shared one (requests born with the app's prototypes, by
 * `serverOptions(app)` or `switchyard(app)`'s `app.listen()`), V8 undoes the addition
 * along its transition and the object stays as it was. The symbol never stays on the
 * object. What this cannot mend: an object already in dictionary mode whose prototype
 * changes again (a sub-app's requests) gets a hidden class of its own, and an add and a
 * delete leave it there.
 *
 * Measured with this project's HTTP bench setup (an Express 5 app on `http.createServer`,
 * the adapter mounted with `app.use(router)`, 1,000 routes; CPU of the server process per
 * request, six runs each in alternating order): 87–124 µs with this (median 95), 134–158
 * µs without (median 137). On requests born with the app's prototypes the add and the
 * delete cost about 40 ns an object (in-process, on objects built by IncomingMessage),
 * against some 35 µs of CPU a request; HTTP A/B runs of that setup did not tell the two
 * apart (two series of them disagreed in direction).
 */
function settleShape(target: object): void {
  try {
    (target as Record<symbol, unknown>)[SETTLE] = true;
    delete (target as Record<symbol, unknown>)[SETTLE];
  } catch {
    // A request that cannot take a property (frozen, or a proxy that refuses) stays as it is.
  }
}

/** `route.dispatch(req, res, done)` for a route outside any router's walk. */
export function dispatchRoute(route: Route, req: DispatchRequest, res: object, done: NextFunction): void {
  const s = new Dispatch(null, req, res as ServerResponse, done);
  s.running = true;
  try {
    startRoute(s, route);
  } finally {
    s.running = false;
  }
  if (s.pending) {
    s.pending = false;
    run(s, takePending(s));
  }
}

/** The loop: one step per `next`, until a step leaves the request with a handler. */
function run(s: Dispatch, err: unknown): void {
  s.running = true;
  try {
    let signal = err;
    for (;;) {
      s.pending = false;
      switch (s.phase) {
        case PHASE_ROUTE:
          routeStep(s, signal);
          break;
        case PHASE_PARAM:
          paramStep(s, signal);
          break;
        default:
          layerStep(s, signal);
      }
      if (!s.pending) return;
      signal = takePending(s);
    }
  } finally {
    s.running = false;
  }
}

function takePending(s: Dispatch): unknown {
  const err = s.pendingError;
  s.pendingError = undefined;
  return err;
}

/** Continue with `phase` once the current step returns, without growing the stack. */
function proceed(s: Dispatch, phase: number, err: unknown): void {
  s.phase = phase;
  s.pending = true;
  s.pendingError = err;
}

// The router's stack.

/** Express's router `next(err)`: undo the last layer's changes, then find the next layer. */
function layerStep(s: Dispatch, err: unknown): void {
  s.phase = PHASE_LAYER;
  const router = s.router;
  if (router === null) {
    // The end of a lone route: its caller's `done`, synchronously, as Route#dispatch does.
    s.callback(err);
    return;
  }
  const req = s.req;
  let layerError = err === 'route' ? null : err;

  if (s.slashAdded) {
    req.url = (req.url as string).slice(1);
    s.slashAdded = false;
  }
  if (s.removed.length !== 0) {
    // Put the mount's prefix back in front of whatever the url now is.
    req.baseUrl = s.parentUrl;
    const url = req.url as string;
    req.url = s.protohost + s.removed + url.slice(s.protohost.length);
    s.removed = '';
  }

  if (layerError === 'router') {
    setImmediate(finish, s, null);
    return;
  }
  if (s.position >= router.seqEnd) {
    setImmediate(finish, s, layerError);
    return;
  }

  const url = req.url;
  let path: string | undefined;
  if (url === s.lastUrl && s.lastPath !== undefined) {
    path = s.lastPath;
  } else {
    path = pathnameOf(url);
    s.lastUrl = url;
    s.lastPath = path;
  }
  if (path === undefined) {
    finish(s, layerError);
    return;
  }
  if (path !== s.lookupPath) {
    // First step, or a layer rewrote req.url: look up again, and go on from the current
    // position (hits before it are skipped below by their seq).
    s.hits = router.engine.matchAll('GET', path);
    s.hitIndex = 0;
    s.lookupPath = path;
  }

  const hits = s.hits;
  let i = s.hitIndex;
  while (i < hits.length) {
    const hit = hits[i++]!;
    const layer = hit.data;
    if (layer.seq < s.position) continue;
    s.position = layer.seq + 1;
    if (hit.error !== undefined) {
      // A malformed escape: this layer is skipped, the error goes to the next ones.
      layerError = layerError || hit.error;
      continue;
    }
    const route = layer.route;
    if (route !== undefined) {
      // Routes never see a pending error.
      if (layerError) continue;
      const method = req.method;
      if (!route._handlesMethod(method)) {
        if (method === 'OPTIONS' && s.optionsMethods !== null) {
          const methods = route._methods();
          for (let m = 0; m < methods.length; m++) s.optionsMethods.push(methods[m]!);
        }
        // HEAD enters any route whose path matches, as in Express (its GET handlers serve it).
        if (method !== 'HEAD') continue;
      }
    }
    s.hitIndex = i;
    enterLayer(s, hit, layerError, path);
    return;
  }
  s.hitIndex = i;
  s.position = router.seqEnd;
  finish(s, layerError);
}

/** A layer matched: set req.params and req.route, then its param callbacks, then the layer. */
function enterLayer(s: Dispatch, hit: MatchResult<Layer>, layerError: unknown, path: string): void {
  const req = s.req;
  const layer = hit.data;
  const route = layer.route;
  if (route !== undefined) req.route = route;
  let params: Record<string, unknown>;
  if (layer.everywhere) params = {};
  else if (hit.pattern instanceof RegExp) params = Object.assign({}, hit.params);
  else params = hit.params;
  req.params = (s.router as DispatchRouter).mergeParams ? mergeParams(params, s.parentParams) : params;
  s.layer = layer;
  s.layerError = layerError;
  s.layerPath = hit.path;
  s.path = path;

  const callbacks = (s.router as DispatchRouter).params;
  let keys = NO_KEYS;
  for (const name in params) {
    // Only build the key list when some callback could run.
    if (callbacks[name] !== undefined) {
      keys = Object.keys(params);
      break;
    }
  }
  if (keys.length === 0) {
    afterParams(s, undefined);
    return;
  }
  s.paramKeys = keys;
  s.paramIndex = 0;
  if (s.called === null) s.called = Object.create(null) as Record<string, ParamRecord>;
  nextParam(s, undefined);
}

/** Params are done (or failed): run the route, or the middleware with its prefix stripped. */
function afterParams(s: Dispatch, err: unknown): void {
  s.phase = PHASE_LAYER;
  if (err) {
    proceed(s, PHASE_LAYER, s.layerError || err);
    return;
  }
  const layer = s.layer as Layer;
  if (layer.route !== undefined) {
    startRoute(s, layer.route);
    return;
  }
  const layerError = s.layerError;
  const layerPath = s.layerPath;
  if (layerPath.length !== 0) {
    const path = s.path;
    // The match must be a prefix of the path, ending at a '/' (a RegExp may match elsewhere).
    if (!path.startsWith(layerPath)) {
      proceed(s, PHASE_LAYER, layerError);
      return;
    }
    if (path.length > layerPath.length && path.charCodeAt(layerPath.length) !== 0x2f) {
      proceed(s, PHASE_LAYER, layerError);
      return;
    }
    const req = s.req;
    const protohost = s.protohost;
    s.removed = layerPath;
    let url = protohost + (req.url as string).slice(protohost.length + layerPath.length);
    if (protohost.length === 0 && url.charCodeAt(0) !== 0x2f) {
      url = '/' + url;
      s.slashAdded = true;
    }
    req.url = url;
    req.baseUrl =
      s.parentUrl + (layerPath.charCodeAt(layerPath.length - 1) === 0x2f ? layerPath.slice(0, -1) : layerPath);
  }
  callLayer(s, layer.handle, layerError);
}

// A route's handlers.

function startRoute(s: Dispatch, route: Route): void {
  if (route.stack.length === 0) {
    proceed(s, PHASE_LAYER, undefined);
    return;
  }
  let method = lowerMethod(s.req.method);
  if (method === 'head' && !route.methods.head) method = 'get';
  s.req.route = route;
  s.route = route;
  s.routeIndex = 0;
  s.routeMethod = method;
  s.phase = PHASE_ROUTE;
  routeStep(s, undefined);
}

/** Express's Route `next(err)`: the route's next handler for this method, or back to the router. */
function routeStep(s: Dispatch, err: unknown): void {
  if (err && err === 'route') {
    proceed(s, PHASE_LAYER, undefined);
    return;
  }
  if (err && err === 'router') {
    proceed(s, PHASE_LAYER, err);
    return;
  }
  const stack = (s.route as Route).stack;
  const method = s.routeMethod;
  let handler: RouteHandler | undefined;
  while (s.routeIndex < stack.length) {
    const candidate = stack[s.routeIndex++]!;
    if (candidate.method === undefined || candidate.method === method) {
      handler = candidate;
      break;
    }
  }
  if (handler === undefined) {
    proceed(s, PHASE_LAYER, err);
    return;
  }
  s.phase = PHASE_ROUTE;
  callLayer(s, handler.handle, err);
}

// Param callbacks.

/** The next param of the layer with callbacks to run, or the end of the params. */
function nextParam(s: Dispatch, err: unknown): void {
  const req = s.req;
  const params = req.params as Record<string, unknown>;
  const callbacks = (s.router as DispatchRouter).params;
  const called = s.called as Record<string, ParamRecord>;
  for (;;) {
    if (err) {
      afterParams(s, err);
      return;
    }
    if (s.paramIndex >= s.paramKeys.length) {
      afterParams(s, undefined);
      return;
    }
    const key = s.paramKeys[s.paramIndex++]!;
    const value = params[key];
    const list = callbacks[key];
    if (value === undefined || list === undefined) continue;
    const record = called[key];
    if (record !== undefined && (record.match === value || (record.error && record.error !== 'route'))) {
      // Ran for this value already in this request (or failed): reuse its outcome.
      params[key] = record.value;
      err = record.error;
      continue;
    }
    const fresh: ParamRecord = { error: null, match: value, value };
    called[key] = fresh;
    s.paramRecord = fresh;
    s.paramKey = key;
    s.paramValue = value;
    s.paramCallbacks = list;
    s.paramCallbackIndex = 0;
    paramStep(s, undefined);
    return;
  }
}

/** Express's param callback `next(err)`: the param's next callback, or the next param. */
function paramStep(s: Dispatch, err: unknown): void {
  const fn = s.paramCallbacks[s.paramCallbackIndex++];
  const record = s.paramRecord as ParamRecord;
  record.value = (s.req.params as Record<string, unknown>)[s.paramKey];
  if (err) {
    record.error = err;
    nextParam(s, err);
    return;
  }
  if (fn === undefined) {
    nextParam(s, undefined);
    return;
  }
  s.phase = PHASE_PARAM;
  let ret: unknown;
  try {
    ret = fn(s.req, s.res, s.next, s.paramValue, s.paramKey);
  } catch (thrown) {
    s.next(thrown);
    return;
  }
  if (isPromise(ret)) ret.then(undefined, rejectedHandler(s));
}

// Calling user code.

/** Run a middleware or route handler: error handlers (4 arguments) only with an error, others only without. */
function callLayer(s: Dispatch, fn: Handler, err: unknown): void {
  // Middleware gets the router's own next, which is also req.next (as in Express, where
  // only route handlers and param callbacks get a different function).
  const next = s.phase === PHASE_LAYER && s.exitNext !== null ? s.exitNext : s.next;
  let ret: unknown;
  try {
    if (err) {
      if (fn.length !== 4) {
        proceed(s, s.phase, err);
        return;
      }
      ret = fn(err, s.req, s.res, next);
    } else {
      if (fn.length > 3) {
        proceed(s, s.phase, undefined);
        return;
      }
      ret = fn(s.req, s.res, next);
    }
  } catch (thrown) {
    s.next(thrown);
    return;
  }
  if (isPromise(ret)) ret.then(undefined, rejectedHandler(s));
}

function rejectedHandler(s: Dispatch): (error: unknown) => void {
  if (s.onRejected === null) {
    s.onRejected = (error: unknown): void => s.next(error || new Error('Rejected promise'));
  }
  return s.onRejected;
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The router is done with the request: restore req, answer OPTIONS if due, call `done`. */
function finish(s: Dispatch, err: unknown): void {
  const methods = s.optionsMethods;
  if (methods !== null && !err && methods.length !== 0) {
    // As Express: the request is answered here and req is left as it is.
    try {
      sendOptionsResponse(s.res, methods);
    } catch (thrown) {
      restore(s);
      s.callback(thrown);
    }
    return;
  }
  restore(s);
  s.callback(err);
}

function restore(s: Dispatch): void {
  const req = s.req;
  req.baseUrl = s.savedBaseUrl;
  req.next = s.savedNext;
  req.params = s.savedParams;
}
