/**
 * `switchyard(app)`: make an `express()` application's own routing (`app.use`, `app.get`
 * and the other verbs, `app.all`, `app.route`, `app.param`, and `app.handle`) run on the
 * adapter, by replacing the router Express creates lazily for the app:
 *
 * - Express 5 defines `app.router` as a getter on the app that creates `new Router({
 *   caseSensitive, strict })` from the app's settings on first use; we redefine that getter.
 * - Express 4 creates `app._router` in `app.lazyrouter()`, then adds its `query` parser
 *   and `expressInit` middleware to it; we let Express build its router as usual, move
 *   those two middleware onto ours, and keep ours as `app._router`.
 *
 * The router is still created lazily, so `app.set('case sensitive routing', true)` before
 * the first route keeps working as in Express.
 *
 * It also makes `app.listen()` create the server with `serverOptions(app)` (see server.ts),
 * so requests are born with the app's prototypes instead of having them changed by Express
 * on every request.
 */
import { Router, type RouterObject, type RouterOptions } from './router.js';
import { listenWithServerOptions } from './server.js';

/** The parts of an Express 4 or 5 application this touches. */
interface ExpressApp {
  handle: unknown;
  set: unknown;
  enabled(setting: string): boolean;
  lazyrouter?: () => void;
  listen: (...args: unknown[]) => unknown;
  _router?: { stack?: Array<{ handle?: unknown; name?: string }> } | undefined;
}

/** Options for the app's router beyond what the app's settings decide. */
export type SwitchyardAppOptions = Pick<RouterOptions, 'duplicates'>;

/** Express 4 puts these two middleware on every app router it creates. */
const EXPRESS4_DEFAULTS = ['query', 'expressInit'];

export function switchyard<App>(app: App, options: SwitchyardAppOptions = {}): App {
  const target = app as unknown as ExpressApp;
  if (typeof app !== 'function' || typeof target.handle !== 'function' || typeof target.set !== 'function') {
    throw new TypeError('switchyard(app) expects an application created by express()');
  }
  const create = (self: ExpressApp): RouterObject =>
    Router({
      caseSensitive: self.enabled('case sensitive routing'),
      strict: self.enabled('strict routing'),
      duplicates: options.duplicates,
    });

  if (typeof target.lazyrouter === 'function') {
    // Express 4.
    const existing = target._router;
    if (existing !== undefined) {
      if (existing instanceof Router) return app;
      const stack = existing.stack ?? [];
      if (stack.some((layer) => !EXPRESS4_DEFAULTS.includes(layer.name ?? ''))) throw tooLate();
      target._router = undefined;
    }
    const lazyrouter = target.lazyrouter;
    target.lazyrouter = function (this: ExpressApp): void {
      if (this._router !== undefined) return;
      lazyrouter.call(this);
      const theirs: NonNullable<ExpressApp['_router']> = this._router ?? {};
      const ours = create(this);
      for (const layer of theirs.stack ?? []) ours.use(layer.handle);
      this._router = ours as unknown as ExpressApp['_router'];
    };
    target.listen = function listen(this: ExpressApp, ...args: unknown[]) {
      return listenWithServerOptions(this, args, false);
    };
    return app;
  }

  // Express 5.
  const descriptor = Object.getOwnPropertyDescriptor(target, 'router');
  if (descriptor === undefined || typeof descriptor.get !== 'function') {
    throw new TypeError('switchyard(app) expects an application created by express() 4 or 5');
  }
  const existing = descriptor.get.call(target) as { stack?: unknown[] };
  if (existing instanceof Router) return app;
  if ((existing.stack ?? []).length !== 0) throw tooLate();
  let router: RouterObject | null = null;
  Object.defineProperty(target, 'router', {
    configurable: true,
    enumerable: true,
    get(this: ExpressApp): RouterObject {
      if (router === null) router = create(this);
      return router;
    },
  });
  target.listen = function listen(this: ExpressApp, ...args: unknown[]) {
    return listenWithServerOptions(this, args, true);
  };
  return app;
}

function tooLate(): Error {
  return new Error(
    'switchyard(app) must be called before the app registers middleware or routes: ' +
      'call it right after express(), e.g. const app = switchyard(express())',
  );
}
