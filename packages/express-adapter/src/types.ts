/**
 * The public types: the router and its routes are typed as Express's own (`@types/express`),
 * so handlers get Express's `Request` and `Response` and `app.use(router)` type-checks; the
 * adapter adds its options, `handle`, `params` and `routes()`.
 */
import type { Router as Engine } from '@switchyard/router';
import type { IRoute, Router as ExpressRouter } from 'express-serve-static-core';
import type { RouteEntry, RouterOptions as AdapterRouterOptions } from './router.js';
import type { SwitchyardAppOptions } from './switchyard-app.js';

export type { RouteEntry, SwitchyardAppOptions };
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
