/**
 * `watch(set, file, { handlers, debounceMs })`: keep a route set in step with a route file.
 * Exposes `watch` and its options. Reading and watching are the engine's (`loadRouteFile`,
 * `watchRouteFile`, shared with other adapters); what is Express's is here: a manifest's
 * entries become `r.get(path, handler)`-style registrations with handlers from the registry.
 *
 * Each change becomes one `set.load()`, so reloads queue with the set's other replaces. A
 * refused reload (bad JSON, unknown handler, duplicate, bad pattern) keeps the old set
 * serving; its error goes to the set's and the watcher's `'error'` listeners, or becomes a
 * process warning when there are none. Nothing is thrown into the void.
 */
import { loadRouteFile, RouteFileError, watchRouteFile, type ManifestRoute, type RouteFileWatcher } from '@switchyard/router';
import type { Handler } from './layer.js';
import type { RouteSet, RouteSetDefine } from './route-set.js';

export interface WatchOptions {
  /** Handlers a manifest names, by name: a function, or an array of them run in order. */
  handlers?: Record<string, Handler | Handler[]> | undefined;
  /** Quiet time after the last change before reloading, in ms. Default 50. */
  debounceMs?: number | undefined;
  /** Load the file once right away. Default true; `watcher.ready` settles after it. */
  initial?: boolean | undefined;
}

/**
 * Load `file` into `set` (unless `initial: false`), then again after every change.
 * `'reload'` events on the watcher carry the set's diff; `close()` stops watching.
 */
export function watch(set: RouteSet, file: string, options: WatchOptions = {}): RouteFileWatcher {
  if (set === null || typeof set !== 'object' || typeof (set as Partial<RouteSet>).load !== 'function') {
    throw new TypeError('watch(set, file) needs a route set, from router.routeSet(name)');
  }
  if (typeof file !== 'string' || file === '') throw new TypeError('watch(set, file) needs a file name');
  const handlers = options.handlers ?? {};
  if (handlers === null || typeof handlers !== 'object') throw new TypeError('options.handlers must be an object of named handlers');
  const watcher = watchRouteFile(
    file,
    { debounceMs: options.debounceMs ?? 50, initial: options.initial ?? true },
    () => set.load(async () => defineFor(await loadRouteFile(file), handlers, file)),
  );
  // Ours is always there, so the engine never turns errors into warnings itself: the set's
  // listeners may already have seen them.
  watcher.on('error', (error: unknown) => {
    if (watcher.listenerCount('error') > 1 || set.listenerCount('error') > 0) return;
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(message, {
      type: 'RouteFileWarning',
      code: 'SWITCHYARD_ROUTE_FILE',
      detail: `route set "${set.name}" keeps its previous routes; watching ${watcher.file}`,
    });
  });
  return watcher;
}

/** A module's define as it is; a manifest's entries as registrations, every handler name checked first. */
function defineFor(
  loaded: Awaited<ReturnType<typeof loadRouteFile>>,
  handlers: Record<string, Handler | Handler[]>,
  file: string,
): RouteSetDefine {
  if (loaded.kind === 'module') return loaded.define;
  const resolved = loaded.routes.map((route, index) => ({ route, index, handle: handlerFor(route, index, handlers, file) }));
  return (r: Record<string, unknown> & { registrationSource?: string | undefined }) => {
    for (const { route, index, handle } of resolved) {
      // Duplicates and bad patterns then name the manifest entry, not this loop.
      r.registrationSource = `${file} entry ${index}`;
      const method = route.method === 'ALL' ? 'all' : route.method.toLowerCase();
      (r[method] as (path: string, ...h: Handler[]) => unknown)(route.path, ...([] as Handler[]).concat(handle));
    }
    r.registrationSource = undefined;
  };
}

function handlerFor(route: ManifestRoute, index: number, handlers: Record<string, Handler | Handler[]>, file: string): Handler | Handler[] {
  const handle = Object.prototype.hasOwnProperty.call(handlers, route.handler) ? handlers[route.handler] : undefined;
  const ok = typeof handle === 'function' || (Array.isArray(handle) && handle.length > 0 && handle.every((h) => typeof h === 'function'));
  if (!ok) {
    const known = Object.keys(handlers);
    throw new RouteFileError(
      file,
      `unknown handler ${JSON.stringify(route.handler)}` + (known.length === 0 ? ' (no handlers were given)' : ` (known: ${known.join(', ')})`),
      { index, field: 'handler' },
    );
  }
  return handle as Handler | Handler[];
}
