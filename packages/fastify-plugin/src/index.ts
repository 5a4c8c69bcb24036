/**
 * @switchyard/fastify: hot-reloadable Switchyard route sets inside a Fastify app. Fastify
 * fixes its routes at `ready`; this plugin claims a prefix and routes inside it through a
 * set that can be replaced, atomically and validated, while the app serves.
 *
 * Exposes the plugin (default export, and `switchyard`), `SwitchyardSet`, the option and
 * handler types, this package's errors and the engine's, and `app.switchyard` on
 * FastifyInstance's type.
 */
import fp from 'fastify-plugin';
import { markInternalPackage } from '@switchyard/router';
import { switchyardPlugin, type SwitchyardPluginOptions } from './plugin.js';
import type { SwitchyardSet } from './route-set.js';

// Routes registered through `r.get(…)` are recorded with the user's line, not ours.
markInternalPackage();

export const switchyard = fp<SwitchyardPluginOptions>(switchyardPlugin, {
  fastify: '5.x',
  name: '@switchyard/fastify',
});
export default switchyard;

declare module 'fastify' {
  interface FastifyInstance {
    /** The Switchyard route sets of the app, by the name given at registration. */
    switchyard: Record<string, SwitchyardSet>;
  }
}

export type { SwitchyardPluginOptions } from './plugin.js';
export { SwitchyardSet, type DefineRoutes, type SetReloadEvent } from './route-set.js';
export type { SwitchyardRoutes } from './builder.js';
export type { SwitchyardWatchOptions } from './watch.js';
export type { RouteSchema } from './schema.js';
export type {
  SwitchyardHandler,
  SwitchyardRouteGeneric,
  SwitchyardRouteOptions,
  SwitchyardRouteDefinition,
} from './types.js';
export { MethodNotAllowedError, PrefixOverlapError, SetNameTakenError, type ClaimRef } from './errors.js';
export {
  DuplicateRouteError,
  PatternError,
  BadParamError,
  RouteFileError,
  type ReplaceResult,
  type RouteInfo,
  type RouteFileWatcher,
} from '@switchyard/router';
