/**
 * @switchyard/express-adapter: a drop-in `express.Router()` on the Switchyard radix tree,
 * and `switchyard(app)` to put a whole `express()` app's routing on it.
 *
 * Exposes `Router` (with `Router.Route`), `Route`, `switchyard`, `watch` (route sets from
 * files), `serverOptions` (a server whose requests are born as the app's), and the
 * engine's error classes, so `catch (e) { if (e instanceof
 * DuplicateRouteError) … }` needs one import.
 */
import { markInternalPackage } from '@switchyard/router';
import { Route as RouteClass } from './route.js';
import { Router as RouterFunction } from './router.js';
import { switchyard as switchyardFunction } from './switchyard-app.js';
import type { RouteConstructor, RouterConstructor, SwitchyardApp, SwitchyardRouteSet } from './types.js';
import { watch as watchFunction, type WatchOptions } from './watch.js';
import type { Handler } from './layer.js';
import type { RouteFileWatcher } from '@switchyard/router';

// Registrations made through this package are recorded with the user's line, not ours.
markInternalPackage();

export const Router = RouterFunction as unknown as RouterConstructor;
export const Route = RouteClass as unknown as RouteConstructor;
export const switchyard = switchyardFunction as SwitchyardApp;
/** Keep `set` in step with a route file: a JSON manifest naming `handlers`, or a module exporting a define function. */
export const watch = watchFunction as unknown as (
  set: SwitchyardRouteSet,
  file: string,
  options?: Omit<WatchOptions, 'handlers'> & { handlers?: Record<string, Handler | Handler[]> },
) => RouteFileWatcher;
/** Options for `http.createServer(options, app)` so requests are born as the app's (see server.ts). */
export { serverOptions, type ExpressServerOptions } from './server.js';
export default Router;

export type {
  RouterOptions,
  SwitchyardRouter,
  SwitchyardRoute,
  RouteEntry,
  RouterConstructor,
  RouteConstructor,
  SwitchyardAppOptions,
  SwitchyardRouteSet,
  RouteSetBuilder,
  RouteSetDefine,
  RouteSetResult,
  RouteSetReloadEvent,
} from './types.js';
export type { WatchOptions } from './watch.js';
export type { RouteFileWatcher, ManifestRoute } from '@switchyard/router';
export { DuplicateRouteError, PatternError, BadParamError, RouteFileError } from '@switchyard/router';
