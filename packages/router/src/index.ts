/**
 * @switchyard/router: a non-recursive radix-tree routing engine with Express 5 path
 * semantics, duplicate-route detection and atomically replaceable route sets.
 */
export { Router, type RouterOptions, type RegisterOptions } from './router.js';
export { RouteSet, type RouteInfo, type RouteSetBuilder, type ReplaceResult } from './route-set.js';
export type { MatchResult } from './match.js';
export type { Params, RoutePath } from './entry.js';
/** A registered path as messages show it (arrays as `["/a", /b/]`). */
export { displayPath } from './entry.js';
export type { DuplicatePolicy } from './duplicates.js';
export { PatternError, DuplicateRouteError, BadParamError, type RegistrationRef } from './errors.js';
export { routeShape, type ShapeOptions } from './shape.js';
export { markInternalPackage, ignoreSourceFrames, userSource } from './source.js';
export {
  RouteFileError,
  parseManifest,
  loadRouteFile,
  watchRouteFile,
  type ManifestRoute,
  type LoadedRouteFile,
  type RouteFileWatcher,
  type WatchRouteFileOptions,
} from './route-file.js';
