/**
 * The public types: the router and its routes are typed as Express's own (`@types/express`),
 * so handlers get Express's `Request` and `Response` and `app.use(router)` type-checks; the
 * adapter adds its options, `handle`, `params`, `routes()` and route sets.
 */
import type { EventEmitter } from 'node:events';
import type { Router as Engine } from '@switchyard/router';
import type { IRoute, Router as ExpressRouter } from 'express-serve-static-core';
import type { RouteEntry, RouterOptions as AdapterRouterOptions } from './router.js';
import type { SwitchyardAppOptions } from './switchyard-app.js';
import type { RouteSetReloadEvent, RouteSetResult } from './route-set.js';

export type { RouteEntry, SwitchyardAppOptions, RouteSetReloadEvent, RouteSetResult };
export type RouterOptions = AdapterRouterOptions;

export interface SwitchyardRouter extends ExpressRouter {
  /** Dispatch a request into this router; `done(err)` when nothing handled it. */
  handle(req: unknown, res: unknown, done: (err?: unknown) => void): void;
  /** Callbacks registered with `param()`, by name. */
  params: Record<string, Function[]>;
  caseSensitive: boolean | undefined;
  strict: boolean | undefined;
  mergeParams: boolean | undefined;
  /** The engine holding this router's layers (`engine.print()` shows the tree). */
  readonly engine: Engine<unknown>;
  /** This router's layers in order, with methods and registration sources: for route tables. */
  routes(): RouteEntry[];
  /** The route set `name`, created on first use in the next slot of this router's order. */
  routeSet(name: string): SwitchyardRouteSet;
}

/** What a route set's `define` registers through: a router's registration methods, without `param`. */
export type RouteSetBuilder = Omit<ExpressRouter, 'param' | 'stack'>;

/** A route set's define function: registers the set's routes, synchronously. */
export type RouteSetDefine = (r: RouteSetBuilder) => void;

/** `router.routeSet(name)`: a named group of layers replaced as a whole. */
export interface SwitchyardRouteSet extends EventEmitter {
  readonly name: string;
  /** How many times the set was replaced. */
  readonly version: number;
  /** True while a load is queued or running (a replace now waits behind it). */
  readonly busy: boolean;
  /** The set's layers in order. */
  routes(): RouteEntry[];
  /**
   * Validate everything `define` registers, then swap it in at once; throws and changes
   * nothing otherwise. Synchronous when the set is idle; while a load is pending, waits its
   * turn and returns a promise (so `await set.replace(…)` is always right).
   */
  replace(define: RouteSetDefine): RouteSetResult | Promise<RouteSetResult>;
  clear(): RouteSetResult | Promise<RouteSetResult>;
  /** Replace with the define function an async loader resolves to; rejects and keeps the old set on failure. */
  load(loader: () => RouteSetDefine | Promise<RouteSetDefine>): Promise<RouteSetResult>;
  on(event: 'reload', listener: (event: RouteSetReloadEvent) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  once(event: 'reload', listener: (event: RouteSetReloadEvent) => void): this;
  once(event: 'error', listener: (error: Error) => void): this;
}

export type SwitchyardRoute = IRoute & {
  /** Run this route's handlers for `req`; `done(err)` when none is left. */
  dispatch(req: unknown, res: unknown, done: (err?: unknown) => void): void;
  methods: Record<string, boolean>;
};

export interface RouteConstructor {
  new (path: string | RegExp | Array<string | RegExp>): SwitchyardRoute;
}

export interface RouterConstructor {
  (options?: RouterOptions): SwitchyardRouter;
  new (options?: RouterOptions): SwitchyardRouter;
  readonly Route: RouteConstructor;
}

export type SwitchyardApp = <App>(app: App, options?: SwitchyardAppOptions) => App;
