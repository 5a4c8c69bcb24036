/**
 * Duplicate routes in the adapter: the same method and route shape registered by two
 * different routes of one router (`/users/:id` and `/users/:userId` are one shape).
 *
 * Why here and not in the engine: an Express route layer is created by `router.route(path)`
 * before it has any method, and matches by path whatever the method (its Route decides by
 * method; automatic OPTIONS and HEAD need every path-matching route). So the adapter gives
 * the engine every route layer as method '*', with the engine's duplicate check off, and
 * checks here, when a route first gains a method, with the engine's own `routeShape()`
 * and `DuplicateRouteError`. Exposes `DuplicateGuard`.
 */
import { DuplicateRouteError, ignoreSourceFrames, routeShape, userSource, type RoutePath } from '@switchyard/router';
import type { MethodHook, Route } from './route.js';

export type DuplicatePolicy = 'error' | 'warn' | 'allow';

/** What the guard remembers of a route. */
interface Registration {
  route: Route;
  pattern: string;
  source: string | undefined;
}

export class DuplicateGuard {
  readonly policy: 'error' | 'warn';
  readonly #caseSensitive: boolean;
  readonly #strict: boolean;
  /** `METHOD shape` → the first route registered with it. */
  readonly #first = new Map<string, Registration>();
  /** Per route: its shapes and source, computed once. */
  readonly #known = new WeakMap<Route, { shapes: string[]; registration: Registration }>();
  /** Pairs already warned about: `app.all()` adds ~30 methods, one warning is enough. */
  readonly #warned = new WeakMap<Route, Set<Route>>();

  constructor(policy: 'error' | 'warn', caseSensitive: boolean, strict: boolean) {
    this.policy = policy;
    this.#caseSensitive = caseSensitive;
    this.#strict = strict;
  }

  /** For `route.onNewMethod`: one function per router, not per route. */
  readonly hook: MethodHook = (route, method) => this.check(route.path, method, route);

  /** Where `route` was registered, as `track` recorded it (past Express's own frames). */
  sourceOf(route: Route): string | undefined {
    return this.#known.get(route)?.registration.source;
  }

  /** Remember where `route` was registered (call at `router.route()`). */
  track(route: Route, source: string | undefined): void {
    const shapes = routeShape(route.path as RoutePath, { caseSensitive: this.#caseSensitive, strict: this.#strict });
    this.#known.set(route, { shapes, registration: { route, pattern: displayPattern(route.path), source } });
  }

  /**
   * Throw (policy 'error') or warn (policy 'warn') if another route already has `method`
   * (lower-case or '_all') for one of `path`'s shapes, without changing anything; with
   * `route`, also record it as the first for the shapes nobody had.
   */
  check(path: unknown, method: string, route: Route | null): void {
    const known = route === null ? undefined : this.#known.get(route);
    const shapes = known?.shapes ?? routeShape(path as RoutePath, { caseSensitive: this.#caseSensitive, strict: this.#strict });
    const upper = method === '_all' ? '*' : method.toUpperCase();
    for (const shape of shapes) {
      const existing = this.#first.get(`${upper} ${shape}`);
      if (existing === undefined || existing.route === route) continue;
      const error = new DuplicateRouteError(
        shape,
        { method: upper, pattern: displayPattern(path), source: known?.registration.source ?? userSource(), set: null },
        { method: upper, pattern: existing.pattern, source: existing.source, set: null },
      );
      if (this.policy === 'error') throw error;
      if (route !== null) this.#warnOnce(route, existing.route, error.message);
      break;
    }
    if (known === undefined) return;
    for (const shape of shapes) {
      const key = `${upper} ${shape}`;
      if (!this.#first.has(key)) this.#first.set(key, known.registration);
    }
  }

  #warnOnce(route: Route, existing: Route, message: string): void {
    let warned = this.#warned.get(route);
    if (warned === undefined) this.#warned.set(route, (warned = new Set()));
    if (warned.has(existing)) return;
    warned.add(existing);
    process.emitWarning(message, { type: 'DuplicateRouteWarning', code: 'SWITCHYARD_DUPLICATE_ROUTE' });
  }
}

function displayPattern(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return `[${path.map((p) => (typeof p === 'string' ? JSON.stringify(p) : String(p))).join(', ')}]`;
  return String(path);
}

// Where a registration comes from: the engine's `userSource()`, told to skip Express's own
// files too (with `switchyard(app)`, `app.get()` in Express's application.js calls us).

/** Express's own files, which stand between the user's line and ours. */
ignoreSourceFrames(/[\\/]node_modules[\\/](?:express[^\\/]*|router)[\\/]/);
