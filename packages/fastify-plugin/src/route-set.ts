/**
 * `app.switchyard[name]`: one route set under one prefix, as the app sees it. `replace`
 * swaps the set's routes in one synchronous, validated step (the engine's `RouteSet`);
 * `load` does the same from an async source, one load at a time; `watch` reloads from a
 * file with the engine's shared watcher. Exposes `SwitchyardSet`, `SetReloadEvent`.
 *
 * Events: 'reload' after every successful replace, with what changed.
 */
import { EventEmitter } from 'node:events';
import { watchRouteFile, type ReplaceResult, type RouteFileWatcher, type RouteInfo, type RouteSet } from '@switchyard/router';
import { routesBuilder, type BuilderContext, type SwitchyardRoutes } from './builder.js';
import type { RouteRecord } from './types.js';
import { defineFromFile, type SwitchyardWatchOptions } from './watch.js';

/** A function that registers a set's routes: `(r) => { r.get('/:id', handler) }`. */
export type DefineRoutes = (r: SwitchyardRoutes) => void;

/** What 'reload' carries: the diff, the set's new version, and how long the replace took. */
export interface SetReloadEvent extends ReplaceResult {
  version: number;
  durationMs: number;
}

export class SwitchyardSet extends EventEmitter {
  readonly name: string;
  /** The full prefix the set answers under ('' for the root). */
  readonly prefix: string;
  readonly #set: RouteSet<RouteRecord>;
  readonly #context: BuilderContext;
  readonly #watchers = new Set<RouteFileWatcher>();
  /** The tail of the chain of loads: each waits for the one before, so they apply in call order. */
  #loads: Promise<unknown> = Promise.resolve();

  constructor(name: string, set: RouteSet<RouteRecord>, context: BuilderContext) {
    super();
    this.name = name;
    this.prefix = context.prefix;
    this.#set = set;
    this.#context = context;
  }

  /** How many times the set was replaced (0 before the first `replace`). */
  get version(): number {
    return this.#set.version;
  }

  /** The set's routes, paths relative to the prefix. */
  routes(): RouteInfo[] {
    return this.#set.routes();
  }

  /**
   * Replace every route of the set with those `define` registers. Everything is checked
   * first (patterns, duplicates, methods, handlers, schemas); on any error this throws and
   * the old routes keep serving. Requests already in a handler finish on it.
   */
  replace(define: DefineRoutes): ReplaceResult {
    if (typeof define !== 'function') {
      throw new TypeError(`app.switchyard.${this.name}.replace() needs a function (r) => { r.get(…) }`);
    }
    const started = performance.now();
    const result = this.#set.replace((engine) => define(routesBuilder(engine, this.#context)));
    const event: SetReloadEvent = { ...result, version: this.#set.version, durationMs: performance.now() - started };
    this.emit('reload', event);
    return result;
  }

  /** Remove every route: the whole prefix answers 404 until the next `replace`. */
  clear(): ReplaceResult {
    return this.replace(() => {});
  }

  /**
   * Replace from an async source: `loader` resolves to a define function. Loads run one
   * at a time in call order, so a slow early load cannot overwrite a later one. A loader
   * that rejects, or a define that is refused, rejects and keeps the old routes.
   */
  load(loader: () => DefineRoutes | Promise<DefineRoutes>): Promise<ReplaceResult> {
    if (typeof loader !== 'function') {
      return Promise.reject(new TypeError(`app.switchyard.${this.name}.load() needs a function returning a define function`));
    }
    const run = this.#loads.then(async () => this.replace(await loader()));
    this.#loads = run.catch(() => undefined);
    return run;
  }

  /**
   * Serve the routes of `file` and reload whenever it changes: a JSON manifest naming
   * `handlers`, or a module whose default export is a define function. A bad file is
   * refused whole (the old routes keep serving) and reported as an 'error' event on the
   * returned watcher; a good one emits 'reload' there (and on the set). `close()` stops.
   */
  watch(file: string, options: SwitchyardWatchOptions = {}): RouteFileWatcher {
    if (typeof file !== 'string' || file === '') throw new TypeError('watch() needs the path of a route file');
    const handlers = options.handlers;
    if (handlers !== undefined && (handlers === null || typeof handlers !== 'object')) {
      throw new TypeError('watch() options.handlers must be an object of named handlers');
    }
    const watcher = watchRouteFile(
      file,
      { debounceMs: options.debounceMs, initial: options.initial ?? true },
      () => this.load(() => defineFromFile(file, handlers)),
    );
    this.#watchers.add(watcher);
    const close = watcher.close.bind(watcher);
    watcher.close = async () => {
      this.#watchers.delete(watcher);
      await close();
    };
    return watcher;
  }

  /** Stop every watcher of the set (called when the Fastify app closes). */
  async close(): Promise<void> {
    await Promise.all([...this.#watchers].map((watcher) => watcher.close()));
  }
}
