/**
 * Duplicate routes in the adapter: the same method and route shape registered by two
 * different routes of one router (`/users/:id` and `/users/:userId` are one shape).
 *
 * Why here and not in the engine: an Express route layer is created by `router.route(path)`
 * before it has any method, and matches by path whatever the method (its Route decides by
 * method; automatic OPTIONS and HEAD need every path-matching route). So the adapter gives
 * the engine every route layer as method '*', with the engine's duplicate check off, and
 * checks here, when a route first gains a method, with the engine's own `routeShape()`
 * and `DuplicateRouteError`. Route sets (route-set.ts) check a whole new set against the
 * guard before it is swapped in, then `release` the old set's routes and `record` the new
 * ones. Exposes `DuplicateGuard`.
 */
import { displayPath, DuplicateRouteError, ignoreSourceFrames, routeShape, userSource, type RoutePath } from '@switchyard/router';

/** The engine's wording for a path, for anything Express accepts as one. */
const displayPathOf = (path: unknown): string => (typeof path === 'string' || path instanceof RegExp || Array.isArray(path) ? displayPath(path as RoutePath) : String(path));
import type { MethodHook, Route } from './route.js';

export type DuplicatePolicy = 'error' | 'warn' | 'allow';

/** What the guard remembers of a route. */
interface Registration {
  route: Route;
  pattern: string;
  source: string | undefined;
  /** The route set holding the route, or null. */
  set: string | null;
}

/** What `track` computed for a route: its shapes (once) and its registration. */
export interface Tracked {
  shapes: string[];
  registration: Registration;
  /**
   * A route set's route's methods as `methodsOf` gives them, kept by the first of
   * `conflict`, `record` and `release` that needs them: a set's routes cannot gain methods
   * once its define has returned, and a reload asks for them three times a route.
   */
  methods?: string[];
}

export class DuplicateGuard {
  readonly policy: 'error' | 'warn';
  readonly #caseSensitive: boolean;
  readonly #strict: boolean;
  /** The route set this guard checks (a set's builder has its own guard), or null. */
  readonly #set: string | null;
  /**
   * Method (upper-case, '*' for `.all()`) → shape → the routes registered with it, first
   * first. Usually one; more under 'warn'. A list rather than just the first, so that when a
   * route set's route leaves, a route registered after it with the same shape is still
   * known. Two levels rather than a joined `METHOD shape` key: shapes are made once per
   * pattern and keep their hashes, a joined key is a new string to hash on every look-up.
   */
  readonly #byMethod = new Map<string, Map<string, Registration[]>>();
  /** Per route: its shapes and source, computed once. */
  readonly #known = new WeakMap<Route, Tracked>();
  /** Pairs already warned about: `app.all()` adds ~30 methods, one warning is enough. */
  readonly #warned = new WeakMap<Route, Set<Route>>();
  #lastPath: string | undefined;
  #lastShapes: string[] = [];

  constructor(policy: 'error' | 'warn', caseSensitive: boolean, strict: boolean, set: string | null = null) {
    this.policy = policy;
    this.#caseSensitive = caseSensitive;
    this.#strict = strict;
    this.#set = set;
  }

  /** For `route.onNewMethod`: one function per router, not per route. */
  readonly hook: MethodHook = (route, method) => this.check(route.path, method, route);

  /** Where `route` was registered, as `track` recorded it (past Express's own frames). */
  sourceOf(route: Route): string | undefined {
    return this.#known.get(route)?.registration.source;
  }

  /** Remember where `route` was registered (call at `router.route()`). */
  track(route: Route, source: string | undefined): void {
    const shapes = this.#shapesOf(route.path);
    this.#known.set(route, { shapes, registration: { route, pattern: displayPathOf(route.path), source, set: this.#set } });
  }

  /**
   * Throw (policy 'error') or warn (policy 'warn') if another route already has `method`
   * (lower-case or '_all') for one of `path`'s shapes, without changing anything; with
   * `route`, also record it as the first for the shapes nobody had.
   */
  check(path: unknown, method: string, route: Route | null, source?: string): void {
    const known = route === null ? undefined : this.#known.get(route);
    const shapes = known?.shapes ?? this.#shapesOf(path);
    const upper = method === '_all' ? '*' : method.toUpperCase();
    for (const shape of shapes) {
      const existing = this.#list(upper, shape)?.find((r) => r.route !== route);
      if (existing === undefined) continue;
      const error = new DuplicateRouteError(
        shape,
        { method: upper, pattern: displayPathOf(path), source: known?.registration.source ?? source ?? userSource(), set: this.#set },
        refOf(upper, existing),
      );
      if (this.policy === 'error') throw error;
      if (route !== null) this.#warnOnce(route, existing.route, error.message);
      break;
    }
    if (known === undefined) return;
    for (const shape of shapes) this.#add(upper, shape, known.registration);
  }

  /** What `track` recorded for `route` (for moving a set's routes from its builder's guard). */
  tracked(route: Route): Tracked | undefined {
    return this.#known.get(route);
  }

  /**
   * The error a route set's `route` (tracked by the set's builder guard as `tracked`) would
   * meet here: another route, outside the set `set`, with one of its methods and shapes.
   * Changes nothing.
   */
  conflict(route: Route, tracked: Tracked, set: string): DuplicateRouteError | null {
    for (const upper of (tracked.methods ??= methodsOf(route))) {
      for (const shape of tracked.shapes) {
        const existing = this.#list(upper, shape)?.find((r) => r.set !== set);
        if (existing === undefined) continue;
        return new DuplicateRouteError(
          shape,
          { method: upper, pattern: tracked.registration.pattern, source: tracked.registration.source, set },
          refOf(upper, existing),
        );
      }
    }
    return null;
  }

  /** Take in a route set's route with every method it has (after `conflict` found none). */
  record(route: Route, tracked: Tracked): void {
    this.#known.set(route, tracked);
    for (const upper of (tracked.methods ??= methodsOf(route))) {
      for (const shape of tracked.shapes) this.#add(upper, shape, tracked.registration);
    }
  }

  /** Forget a route that left (a replaced route set's), so its shapes are free again. */
  release(route: Route): void {
    const tracked = this.#known.get(route);
    if (tracked === undefined) return;
    for (const upper of (tracked.methods ??= methodsOf(route))) {
      const byShape = this.#byMethod.get(upper);
      if (byShape === undefined) continue;
      for (const shape of tracked.shapes) {
        const list = byShape.get(shape);
        if (list === undefined) continue;
        const at = list.findIndex((r) => r.route === route);
        if (at === -1) continue;
        if (list.length === 1) byShape.delete(shape);
        else list.splice(at, 1);
      }
    }
    this.#known.delete(route);
  }

  /**
   * `routeShape(path)`, remembered for the last string path: `router.get(path, …)` checks
   * the path, then `route(path)` tracks it, and the second computation was about a
   * twentieth of a route set's reload (CPU profile). (Arrays are not remembered: they can
   * change between the calls.)
   */
  #shapesOf(path: unknown): string[] {
    if (typeof path === 'string' && path === this.#lastPath) return this.#lastShapes;
    const shapes = routeShape(path as RoutePath, { caseSensitive: this.#caseSensitive, strict: this.#strict });
    if (typeof path === 'string') {
      this.#lastPath = path;
      this.#lastShapes = shapes;
    }
    return shapes;
  }

  #list(upper: string, shape: string): Registration[] | undefined {
    return this.#byMethod.get(upper)?.get(shape);
  }

  #add(upper: string, shape: string, registration: Registration): void {
    let byShape = this.#byMethod.get(upper);
    if (byShape === undefined) this.#byMethod.set(upper, (byShape = new Map()));
    const list = byShape.get(shape);
    if (list === undefined) byShape.set(shape, [registration]);
    else if (!list.includes(registration)) list.push(registration);
  }

  #warnOnce(route: Route, existing: Route, message: string): void {
    let warned = this.#warned.get(route);
    if (warned === undefined) this.#warned.set(route, (warned = new Set()));
    if (warned.has(existing)) return;
    warned.add(existing);
    process.emitWarning(message, { type: 'DuplicateRouteWarning', code: 'SWITCHYARD_DUPLICATE_ROUTE' });
  }
}

function refOf(method: string, registration: Registration) {
  return { method, pattern: registration.pattern, source: registration.source, set: registration.set };
}

/** A route's methods as the guard keys them: upper-case, '*' for `.all()`. */
function methodsOf(route: Route): string[] {
  return Object.keys(route.methods).map((m) => (m === '_all' ? '*' : m.toUpperCase()));
}


// Where a registration comes from: the engine's `userSource()`, told to skip Express's own
// files too (with `switchyard(app)`, `app.get()` in Express's application.js calls us).

/** Express's own files, which stand between the user's line and ours. */
ignoreSourceFrames(/[\\/]node_modules[\\/](?:express[^\\/]*|router)[\\/]/);
