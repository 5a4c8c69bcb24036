/**
 * Requests born as the app's requests.
 *
 * On every request Express sets the prototype of Node's `req` and `res` to the app's
 * `app.request` and `app.response` (`Object.setPrototypeOf`, in `app.handle` for Express 5
 * and in its `expressInit` middleware for Express 4). V8 keeps no transitions from the hidden
 * class a prototype change makes, so each property added afterwards builds a hidden class
 * for that one request, and every property access on these objects, Node's own HTTP code
 * included, misses its inline cache for the rest of the request (dispatch.ts's
 * `settleShape` recovers part of this where a server is not made this way). Measured on
 * this project's HTTP bench (an app whose only middleware ends the response): 91 µs of CPU
 * per request as Express runs it, 29 µs when the request and response are created with
 * those prototypes.
 *
 * Node lets a server choose the classes it builds requests and responses with
 * (`http.createServer({ IncomingMessage, ServerResponse })`). `serverOptions(app)` gives
 * classes whose prototypes are the app's `app.request` and `app.response` themselves, so
 * Express's `setPrototypeOf` finds the prototype already in place and changes nothing.
 * Everything else is as before: `req instanceof http.IncomingMessage`, `req.app`,
 * `res.locals`, methods added to `app.request` later, and sub-apps (whose requests Express
 * still moves to their own prototypes while they run).
 */
import http from 'node:http';

/** Options for `http.createServer` or `https.createServer`, made for one app. */
export interface ExpressServerOptions {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
}

/** The parts of an Express application this reads. */
interface ExpressAppPrototypes {
  request?: unknown;
  response?: unknown;
}

const made = new WeakMap<object, ExpressServerOptions>();

/**
 * `http.createServer(serverOptions(app), app)`: a server whose requests and responses are
 * created as `app`'s, sparing Express its per-request prototype change. `switchyard(app)`
 * makes `app.listen()` do this.
 */
export function serverOptions(app: unknown): ExpressServerOptions {
  const { request, response } = (app ?? {}) as ExpressAppPrototypes;
  if (typeof app !== 'function' || !isPrototypeFor(request, http.IncomingMessage) || !isPrototypeFor(response, http.ServerResponse)) {
    throw new TypeError('serverOptions(app) expects an application created by express()');
  }
  let options = made.get(app);
  if (options === undefined) {
    options = {
      IncomingMessage: bornWith(http.IncomingMessage, request),
      ServerResponse: bornWith(http.ServerResponse, response),
    };
    made.set(app, options);
  }
  return options;
}

/** `base`, constructing objects whose prototype is `prototype` (which must inherit from it). */
function bornWith<C extends typeof http.IncomingMessage | typeof http.ServerResponse>(base: C, prototype: object): C {
  // Node defines both as plain functions, called here on the object `new` made from
  // `prototype`. Not Reflect.construct(base, args, born), which works for classes too but
  // measured 212 µs of CPU per request against 33 µs. Were they ever classes, which cannot
  // be called so, requests would be built as Node builds them and Express would change
  // their prototype as it always has.
  if (Function.prototype.toString.call(base).startsWith('class')) return base;
  const construct = base as unknown as (this: object, ...args: unknown[]) => void;
  const born = function (this: object, ...args: unknown[]): void {
    construct.apply(this, args);
  };
  born.prototype = prototype;
  return born as unknown as C;
}

function isPrototypeFor(value: unknown, base: { prototype: object }): value is object {
  return typeof value === 'object' && value !== null && base.prototype.isPrototypeOf(value);
}

/**
 * `app.listen` as Express defines it (a new `http.Server` for the app, listening with the
 * same arguments, returned), with the server made by `serverOptions`. As in Express 5, a
 * callback given last also receives a listen error; Express 4 never passed it one.
 */
export function listenWithServerOptions(app: unknown, args: unknown[], callbackGetsErrors: boolean): http.Server {
  const server = http.createServer(serverOptions(app), app as http.RequestListener);
  const last = args[args.length - 1];
  if (callbackGetsErrors && typeof last === 'function') {
    let called = false;
    const once = (...callbackArgs: unknown[]): void => {
      if (called) return;
      called = true;
      (last as (...a: unknown[]) => void).apply(server, callbackArgs);
    };
    args[args.length - 1] = once;
    server.once('error', once);
  }
  return server.listen(...(args as Parameters<http.Server['listen']>));
}
