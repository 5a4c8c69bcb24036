/**
 * Route sets: a named group of routes that holds one slot in the router's order and is
 * replaced as a whole. `replace(define)` collects the new routes from `define`, validates
 * all of them (patterns, duplicates inside the set and against the rest of the router),
 * and only then swaps them in, in one synchronous step: a lookup sees the old set or the
 * new one, never a mix, and a refused reload leaves the old set serving.
 */
import { EntriesByPath, type Entry, type RoutePath } from './entry.js';
import { ShapeIndex, type Conflict } from './duplicates.js';
import { sourceFrom, type RegisterOptions } from './source.js';

/** A registration as `routes()` reports it. */
export interface RouteInfo {
  kind: 'route' | 'mount';
  /** Upper-case method, or '*' for all methods (always '*' for mounts). */
  method: string;
  /** The path as registered. */
  pattern: RoutePath;
  /** The route set holding it, or null. */
  set: string | null;
  /** `file:line:column` of the registering call, when it could be found. */
  source: string | undefined;
}

export interface ReplaceResult {
  added: RouteInfo[];
  removed: RouteInfo[];
  unchanged: RouteInfo[];
}

/** What `define` gets: the registering half of a router. */
export interface RouteSetBuilder<T> {
  add(method: string, path: RoutePath, data: T, options?: RegisterOptions): this;
  mount(path: RoutePath, data: T, options?: RegisterOptions): this;
}

/** What a route set needs from its router; kept narrow so the router's state stays private. */
export interface RouteSetHost<T> {
  compile(
    kind: 'route' | 'mount',
    method: string,
    path: unknown,
    data: T,
    place: { slot: number; sub: number; set: string; source: string | undefined },
  ): Entry<T>;
  conflicts(entry: Entry<T>, skip: (existing: Entry<T>) => boolean): Conflict<T>[];
  /** Validate conflicts against the policy; returns the warnings to emit after the swap. */
  enforce(conflicts: Conflict<T>[]): () => void;
  swap(removed: Entry<T>[], added: Entry<T>[]): void;
  info(entry: Entry<T>): RouteInfo;
}

interface Pending<T> {
  kind: 'route' | 'mount';
  method: string;
  path: unknown;
  data: T;
  source: string | undefined;
}

export class RouteSet<T> {
  readonly name: string;
  readonly #host: RouteSetHost<T>;
  readonly #slot: number;
  #entries: Entry<T>[] = [];
  #version = 0;
  #replacing = false;

  constructor(name: string, slot: number, host: RouteSetHost<T>) {
    this.name = name;
    this.#slot = slot;
    this.#host = host;
  }

  /** How many times the set was replaced (0 before the first `replace`). */
  get version(): number {
    return this.#version;
  }

  routes(): RouteInfo[] {
    return this.#entries.map((entry) => this.#host.info(entry));
  }

  /**
   * Replace the set's routes with those `define` registers. Throws (PatternError,
   * DuplicateRouteError, TypeError, or whatever `define` throws) and changes nothing, or
   * swaps the new routes in at once and says what changed.
   */
  replace(define: (builder: RouteSetBuilder<T>) => void): ReplaceResult {
    if (typeof define !== 'function') {
      throw new TypeError(`routeSet("${this.name}").replace() needs a function that registers the routes`);
    }
    if (this.#replacing) {
      throw new Error(`routeSet("${this.name}").replace() was called again from inside its own define`);
    }
    this.#replacing = true;
    let pending: Pending<T>[];
    try {
      pending = collect(define);
    } finally {
      this.#replacing = false;
    }
    const entries = pending.map((p, i) =>
      this.#host.compile(p.kind, p.method, p.path, p.data, {
        slot: this.#slot,
        sub: i + 1,
        set: this.name,
        source: p.source,
      }),
    );
    const emit = this.#host.enforce(this.#conflicts(entries));
    const previous = this.#entries;
    this.#host.swap(previous, entries);
    this.#entries = entries;
    this.#version++;
    emit();
    return this.#diff(previous, entries);
  }

  /** Remove every route of the set; the set keeps its slot for the next `replace`. */
  clear(): ReplaceResult {
    return this.replace(() => {});
  }

  #conflicts(entries: Entry<T>[]): Conflict<T>[] {
    const own = new Set(this.#entries);
    const inSet = new ShapeIndex<T>();
    const found: Conflict<T>[] = [];
    for (const entry of entries) {
      found.push(...inSet.conflicts(entry));
      found.push(...this.#host.conflicts(entry, (existing) => own.has(existing)));
      inSet.add(entry);
    }
    return found;
  }

  #diff(previous: Entry<T>[], next: Entry<T>[]): ReplaceResult {
    const before = new EntriesByPath<T>();
    for (const entry of previous) before.add(entry);
    const after = new EntriesByPath<T>();
    for (const entry of next) after.add(entry);
    const result: ReplaceResult = { added: [], removed: [], unchanged: [] };
    for (const entry of next) (before.has(entry) ? result.unchanged : result.added).push(this.#host.info(entry));
    for (const entry of previous) if (!after.has(entry)) result.removed.push(this.#host.info(entry));
    return result;
  }
}

/** Run `define` against a builder that only records, and is closed once define returns. */
function collect<T>(define: (builder: RouteSetBuilder<T>) => void): Pending<T>[] {
  const pending: Pending<T>[] = [];
  let open = true;
  const check = () => {
    if (!open) throw new Error('a route set builder was used after its define function returned');
  };
  const builder: RouteSetBuilder<T> = {
    add(method, path, data, options) {
      check();
      pending.push({ kind: 'route', method, path, data, source: sourceFrom(options, builder.add) });
      return this;
    },
    mount(path, data, options) {
      check();
      pending.push({ kind: 'mount', method: '*', path, data, source: sourceFrom(options, builder.mount) });
      return this;
    },
  };
  try {
    const returned: unknown = define(builder);
    if (returned !== null && typeof returned === 'object' && typeof (returned as PromiseLike<unknown>).then === 'function') {
      throw new TypeError('define must register its routes synchronously; it returned a promise');
    }
  } finally {
    open = false;
  }
  return pending;
}
