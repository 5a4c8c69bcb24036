/**
 * Layer: one entry of a router's stack, as `router.use(path, fn)` or `router.route(path)`
 * creates it. It is the data the engine stores and returns from `matchAll`; everything
 * about a layer that dispatch needs per request is decided here, once, at registration.
 */
import type { Route } from './route.js';

/**
 * Layers are ordered by `seq`. A layer registered on the router takes a slot of its own, a
 * route set takes one slot for all its layers, and a slot spans SEQ_STRIDE seqs: the
 * layers of a set are numbered inside their set's slot, so a set can be replaced with any
 * number of layers without renumbering anything else (2^20 layers per set, 2^33 slots).
 */
export const SEQ_STRIDE = 2 ** 20;

/** A user function: middleware, route handler, error handler or param callback. */
export type Handler = (...args: any[]) => unknown;

export class Layer {
  /** Position in the router's order; dispatch resumes "after seq" when it looks up again. */
  readonly seq: number;
  /** The path as registered. */
  readonly path: unknown;
  /** The middleware, or for a route layer a function dispatching into the route. */
  readonly handle: Handler;
  readonly name: string;
  /** The route of a `router.route()` layer; undefined for `use` layers. */
  readonly route: Route | undefined;
  /**
   * `use('/')` (and `use(fn)`): Express skips matching and gives it a fresh plain `{}` as
   * params, so code calling `req.params.hasOwnProperty` there keeps working.
   */
  readonly everywhere: boolean;
  /** For a route set's layer: where it was registered (the engine only sees the set's builder). */
  source: string | undefined = undefined;

  constructor(seq: number, path: unknown, handle: Handler, route: Route | undefined) {
    this.seq = seq;
    this.path = path;
    this.handle = handle;
    this.name = handle.name || '<anonymous>';
    this.route = route;
    this.everywhere = route === undefined && path === '/';
  }
}

/** The engine's registration options for `layer`: its source, when one was found. */
export function engineOptions(layer: Layer): { source: string } | undefined {
  return layer.source === undefined ? undefined : { source: layer.source };
}
