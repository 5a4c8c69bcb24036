/**
 * @switchyard/express-adapter: a drop-in `express.Router()` on the Switchyard radix tree,
 * and `switchyard(app)` to put a whole `express()` app's routing on it.
 *
 * Exposes `Router` (with `Router.Route`), `Route`, `switchyard`, and the engine's error
 * classes, so `catch (e) { if (e instanceof DuplicateRouteError) … }` needs one import.
 */
import { markInternalPackage } from '@switchyard/router';
import { Route as RouteClass } from './route.js';
import { Router as RouterFunction } from './router.js';
import { switchyard as switchyardFunction } from './switchyard-app.js';
import type { RouteConstructor, RouterConstructor, SwitchyardApp } from './types.js';

// Registrations made through this package are recorded with the user's line, not ours.
markInternalPackage();

export const Router = RouterFunction as unknown as RouterConstructor;
export const Route = RouteClass as unknown as RouteConstructor;
export const switchyard = switchyardFunction as SwitchyardApp;
export default Router;

export type {
  RouterOptions,
  SwitchyardRouter,
  SwitchyardRoute,
  RouteEntry,
  RouterConstructor,
  RouteConstructor,
  SwitchyardAppOptions,
} from './types.js';
export { DuplicateRouteError, PatternError, BadParamError } from '@switchyard/router';
