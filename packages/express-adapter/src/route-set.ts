/**
 * RouteSet: `router.routeSet(name)`, a named group of a router's layers that holds one
 * slot in the router's order and is replaced as a whole. Exposes `RouteSet` and the shapes
 * of its results and events.
 *
 * `replace(define)` runs `define(r)` against a builder with the router's own registration
 * methods (`get`, …, `all`, `use`, `route`), collecting layers instead of storing them;
 * then checks them all (duplicates inside the set here, against the rest of the router with
 * the router's duplicate guard, patterns in the engine's own `routeSet().replace`), and only
 * then swaps them in with synchronous steps that cannot fail. A refused replace leaves the
 * router exactly as it was. A request already dispatching keeps the hits it looked up, so
 * it finishes on the layers it matched (see dispatch.ts).
 *
 * Ordering: `replace` is synchronous whenever the set is idle. `load(loader)` awaits an
 * async loader first, so loads queue up, and a `replace` made while one is queued or
 * running waits its turn behind it and returns a promise: the last call wins, always.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { RouteSet as EngineRouteSet, RoutePath } from '@switchyard/router';
import { DuplicateGuard, type Tracked } from './duplicates.js';
import { engineOptions, Layer, SEQ_STRIDE, type Handler } from './layer.js';
import type { Route } from './route.js';
import { routeEntry, type RouteEntry } from './route-entry.js';
import type { Registrar, RouterObject } from './router.js';

/** What a replace changed, as `routes()` lines. */
export interface RouteSetResult {
  added: RouteEntry[];
  removed: RouteEntry[];
  unchanged: RouteEntry[];
}

/** The `'reload'` event: after every successful replace, clear or load. */
export interface RouteSetReloadEvent {
  diff: RouteSetResult;
  /** The set's version after it. */
  version: number;
  /** From the start of its turn (for a load, including the loader) to the swap. */
  durationMs: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the public type is in types.ts
export type RouteSetDefine = (builder: any) => unknown;

/** What a builder is inside: the borrowed router methods plus what `register` reads. */
type Builder = { -readonly [K in keyof Registrar]: Registrar[K] } & { [method: string]: unknown };

/** A route of a set cannot gain methods once its define has returned: it would bypass the checks. */
const closedHook = (route: Route): void => {
  throw new Error(`route ${String(route.path)} belongs to a route set; change it with a new replace()`);
};

export class RouteSet extends EventEmitter {
  readonly name: string;
  readonly #router: RouterObject;
  readonly #slot: number;
  readonly #engineSet: EngineRouteSet<Layer>;
  readonly #builderPrototype: object;
  #layers: Layer[] = [];
  #version = 0;
  #defining = false;
  /** The tail of the queue of loads (and of replaces that came while one was pending). */
  #queue: Promise<unknown> = Promise.resolve();
  #queued = 0;

  constructor(name: string, router: RouterObject, slot: number, engineSet: EngineRouteSet<Layer>, builderPrototype: object) {
    super();
    this.name = name;
    this.#router = router;
    this.#slot = slot;
    this.#engineSet = engineSet;
    this.#builderPrototype = builderPrototype;
  }

  /** How many times the set was replaced (0 before the first time). */
  get version(): number {
    return this.#version;
  }

  /** True while a load is queued or running: a `replace` now would wait behind it. */
  get busy(): boolean {
    return this.#queued !== 0;
  }

  /** The set's layers, in order, as `router.routes()` lists them. */
  routes(): RouteEntry[] {
    return this.#layers.map((layer) => routeEntry(layer, null, undefined));
  }

  /**
   * Replace the set's layers with those `define(r)` registers. Throws (DuplicateRouteError,
   * PatternError, TypeError, or what `define` threw) and changes nothing, or swaps them in
   * and returns what changed. While a load is pending, returns a promise instead and runs
   * after it.
   */
  replace(define: RouteSetDefine): RouteSetResult | Promise<RouteSetResult> {
    if (typeof define !== 'function') {
      throw new TypeError(`routeSet("${this.name}").replace() needs a function that registers the routes`);
    }
    if (this.#queued === 0) return this.#apply(define, performance.now());
    return this.#enqueue(() => this.#apply(define, performance.now()));
  }

  /** Remove every layer of the set; it keeps its slot for the next replace. */
  clear(): RouteSetResult | Promise<RouteSetResult> {
    return this.replace(() => {});
  }

  /**
   * `await loader()` for a define function, then replace with it, in turn with the other
   * loads and replaces. Rejects, and keeps the old layers, if the loader or the replace fails.
   */
  load(loader: () => RouteSetDefine | Promise<RouteSetDefine>): Promise<RouteSetResult> {
    if (typeof loader !== 'function') {
      return Promise.reject(new TypeError(`routeSet("${this.name}").load() needs an async function returning a define function`));
    }
    return this.#enqueue(async () => {
      const started = performance.now();
      let define: unknown;
      try {
        define = await loader();
        if (typeof define !== 'function') {
          throw new TypeError(`routeSet("${this.name}").load(): the loader must resolve to a define function, got ${typeof define}`);
        }
      } catch (error) {
        this.#report(error);
        throw error;
      }
      return this.#apply(define as RouteSetDefine, started);
    });
  }

  #enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.#queued++;
    const run = this.#queue.then(task);
    // Counted down before the caller's own continuation runs (registered first).
    this.#queue = run.then(
      () => this.#queued--,
      () => this.#queued--,
    );
    return run;
  }

  #apply(define: RouteSetDefine, started: number): RouteSetResult {
    let collected: { layers: Layer[]; guard: DuplicateGuard | null };
    try {
      collected = this.#collect(define);
      this.#checkAgainstRouter(collected.layers, collected.guard);
      const layers = collected.layers;
      // The engine compiles every path first (PatternError) and swaps only if all compile.
      this.#engineSet.replace((r) => {
        for (const layer of layers) {
          // Each layer's source was found when it was registered: the engine need not look.
          if (layer.route === undefined) r.mount(layer.path as RoutePath, layer, engineOptions(layer));
          else r.add('*', layer.path as RoutePath, layer, engineOptions(layer));
        }
      });
    } catch (error) {
      this.#report(error);
      throw error;
    }
    // Committed in the engine; what follows only moves references and cannot fail.
    const previous = this.#layers;
    const next = collected.layers;
    this.#spliceStack(previous.length, next);
    const routerGuard = this.#router.duplicateGuard;
    if (routerGuard !== null && collected.guard !== null) {
      for (const layer of previous) if (layer.route !== undefined) routerGuard.release(layer.route);
      for (const layer of next) {
        const tracked = layer.route === undefined ? undefined : collected.guard.tracked(layer.route);
        if (tracked !== undefined) routerGuard.record(layer.route as Route, tracked);
      }
    }
    this.#layers = next;
    this.#version++;
    const diff = diffLayers(previous, next);
    const event: RouteSetReloadEvent = { diff, version: this.#version, durationMs: performance.now() - started };
    this.emit('reload', event);
    return diff;
  }

  /** Run `define` against a builder that collects layers numbered inside the set's slot. */
  #collect(define: RouteSetDefine): { layers: Layer[]; guard: DuplicateGuard | null } {
    if (this.#defining) {
      throw new Error(`routeSet("${this.name}").replace() was called again from inside its own define`);
    }
    const router = this.#router;
    // Inside a set, duplicates are refused whatever the router's policy, unless it allows
    // them: a reload is all or nothing, and one that warned would warn on every reload.
    const guard =
      router.duplicateGuard === null
        ? null
        : new DuplicateGuard('error', Boolean(router.caseSensitive), Boolean(router.strict), this.name);
    const base = this.#slot * SEQ_STRIDE;
    const layers: Layer[] = [];
    let open = true;
    const builder = Object.create(this.#builderPrototype) as Builder;
    builder.duplicateGuard = guard;
    builder.registrationSource = undefined;
    builder.collect = (_kind: 'use' | 'route', path: unknown, handle: Handler, route: Route | undefined, source: string | undefined): Layer => {
      if (!open) throw new Error(`the builder of routeSet("${this.name}") was used after its define function returned`);
      if (layers.length >= SEQ_STRIDE - 1) throw new RangeError(`a route set holds at most ${SEQ_STRIDE - 1} layers`);
      const layer = new Layer(base + 1 + layers.length, path, handle, route);
      layer.source = source;
      layers.push(layer);
      return layer;
    };
    this.#defining = true;
    try {
      const returned = define(builder);
      if (returned !== null && typeof returned === 'object' && typeof (returned as PromiseLike<unknown>).then === 'function') {
        throw new TypeError('define must register its routes synchronously; it returned a promise (for async sources, use load())');
      }
    } finally {
      open = false;
      this.#defining = false;
    }
    for (const layer of layers) if (layer.route !== undefined) layer.route.onNewMethod = closedHook;
    return { layers, guard };
  }

  /** Throw the first duplicate between the new layers and routes outside this set. */
  #checkAgainstRouter(layers: Layer[], guard: DuplicateGuard | null): void {
    const routerGuard = this.#router.duplicateGuard;
    if (routerGuard === null || guard === null) return;
    for (const layer of layers) {
      const route = layer.route;
      if (route === undefined) continue;
      const tracked: Tracked | undefined = guard.tracked(route);
      if (tracked === undefined) continue;
      const conflict = routerGuard.conflict(route, tracked, this.name);
      if (conflict !== null) throw conflict;
    }
  }

  /** Put `next` in `stack` where the set's current `count` layers are. */
  #spliceStack(count: number, next: Layer[]): void {
    const stack = this.#router.stack;
    const base = this.#slot * SEQ_STRIDE;
    let low = 0;
    let high = stack.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (stack[middle]!.seq <= base) low = middle + 1;
      else high = middle;
    }
    stack.splice(low, count, ...next);
  }

  /** 'error' is reported only to listeners: the caller already gets the throw or rejection. */
  #report(error: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/**
 * Match old and new layers by kind, methods and path (as many times as each occurs). This
 * runs on every reload, over every layer of the set: layers are grouped by their path as
 * given, and methods compared only between layers of one path, with no key strings built.
 */
function diffLayers(previous: Layer[], next: Layer[]): RouteSetResult {
  const unmatchedBefore = new LayersByPath(previous);
  const unmatchedAfter = new LayersByPath(next);
  const added: RouteEntry[] = [];
  const unchanged: RouteEntry[] = [];
  for (const layer of next) {
    (unmatchedBefore.take(layer) ? unchanged : added).push(routeEntry(layer, null, undefined));
  }
  const removed: RouteEntry[] = [];
  for (const layer of previous) {
    if (!unmatchedAfter.take(layer)) removed.push(routeEntry(layer, null, undefined));
  }
  return { added, removed, unchanged };
}

class LayersByPath {
  readonly #byPath = new Map<unknown, Layer[]>();

  constructor(layers: Layer[]) {
    for (const layer of layers) {
      const key = pathKey(layer.path);
      const list = this.#byPath.get(key);
      if (list === undefined) this.#byPath.set(key, [layer]);
      else list.push(layer);
    }
  }

  /** Take out a layer of the same kind, methods and path as `like`; false if none is left. */
  take(like: Layer): boolean {
    const list = this.#byPath.get(pathKey(like.path));
    if (list === undefined) return false;
    const at = list.findIndex((layer) => sameKindAndMethods(layer, like));
    if (at === -1) return false;
    list.splice(at, 1);
    return true;
  }
}

/** A string path is its own key; a RegExp or an array is keyed by its text. */
function pathKey(path: unknown): unknown {
  return typeof path === 'string' ? path : String(path);
}

function sameKindAndMethods(a: Layer, b: Layer): boolean {
  if (a.route === undefined || b.route === undefined) return a.route === b.route;
  const mine = a.route.methods;
  const theirs = b.route.methods;
  let count = 0;
  for (const method in mine) {
    if (theirs[method] !== true) return false;
    count++;
  }
  return Object.keys(theirs).length === count;
}
