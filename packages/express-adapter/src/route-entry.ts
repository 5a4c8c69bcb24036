/**
 * RouteEntry: a layer as `router.routes()` and a route set's diffs describe it: kind,
 * methods, path and where it was registered. Exposes `RouteEntry` and `routeEntry`.
 */
import type { DuplicateGuard } from './duplicates.js';
import type { Layer } from './layer.js';

/** One line of `router.routes()`: a layer of this router, in order. */
export interface RouteEntry {
  kind: 'use' | 'route';
  /** Upper-case methods of a route (HEAD beside GET), `['*']` after `.all()`; empty for `use`. */
  methods: string[];
  path: string;
  /** `file:line:column` of the registration, when it could be found. */
  source: string | undefined;
}

/** Describe `layer`; `engineSource` is where the engine saw it registered, the last resort. */
export function routeEntry(layer: Layer, guard: DuplicateGuard | null, engineSource: string | undefined): RouteEntry {
  const route = layer.route;
  return {
    kind: route === undefined ? 'use' : 'route',
    methods: route === undefined ? [] : route.methods._all ? ['*'] : route._methods(),
    path: displayPath(layer.path),
    // The guard's source skips Express's frames too (app.get() under switchyard(app)); a
    // set's layers carry theirs, since the engine only saw the set's builder.
    source: layer.source ?? ((route && guard?.sourceOf(route)) || engineSource),
  };
}

function displayPath(path: unknown): string {
  if (Array.isArray(path)) return path.map((p) => String(p)).join(', ');
  return String(path);
}
