/**
 * Route files for a set: the engine's shared loader and watcher (`loadRouteFile`,
 * `watchRouteFile`), plus the one thing that is this plugin's business, turning a JSON
 * manifest's handler names into Fastify handlers. Exposes `SwitchyardWatchOptions` and
 * `defineFromFile`.
 */
import { loadRouteFile, RouteFileError, type ManifestRoute } from '@switchyard/router';
import type { SwitchyardRoutes } from './builder.js';
import type { SwitchyardHandler } from './types.js';

export interface SwitchyardWatchOptions {
  /** Handlers a JSON manifest names (`"handler": "showPartner"`). Not needed for a module file. */
  handlers?: Record<string, SwitchyardHandler>;
  /** Quiet time after the last change before reloading, in ms. Default 50. */
  debounceMs?: number;
  /** Load the file once right away, before any change. Default true: a watched set serves the file's routes. */
  initial?: boolean;
}

/** Read `file` (a manifest or a module) and return the define function that registers its routes. */
export async function defineFromFile(
  file: string,
  handlers: Record<string, SwitchyardHandler> | undefined,
): Promise<(r: SwitchyardRoutes) => void> {
  const loaded = await loadRouteFile(file);
  if (loaded.kind === 'module') return loaded.define;
  // Resolve every name before the set is touched: an unknown one refuses the whole file.
  const routes = loaded.routes.map((route, index) => ({ route, handler: handlerFor(route, index, file, handlers) }));
  return (r) => {
    for (const { route, handler } of routes) r.route({ method: route.method, url: route.path, handler });
  };
}

function handlerFor(
  route: ManifestRoute,
  index: number,
  file: string,
  handlers: Record<string, SwitchyardHandler> | undefined,
): SwitchyardHandler {
  const handler = handlers !== undefined && Object.hasOwn(handlers, route.handler) ? handlers[route.handler] : undefined;
  if (typeof handler !== 'function') {
    const known = handlers === undefined ? 'no handlers were given to watch()' : `known: ${Object.keys(handlers).join(', ') || 'none'}`;
    throw new RouteFileError(file, `no handler named ${JSON.stringify(route.handler)} (${known})`, { index, field: 'handler' });
  }
  return handler;
}
