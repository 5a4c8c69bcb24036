/**
 * Params: `router.param(name, fn)` registration, the per-request cache record of a param
 * callback's outcome, and `mergeParams` (a child router's `req.params` over its parent's).
 * The callbacks themselves run in dispatch.ts, as one phase of the request loop.
 */
import type { Handler } from './layer.js';

/** Callbacks by param name, in registration order: Express's `router.params`. */
export type ParamCallbacks = Record<string, Handler[]>;

/**
 * What a request remembers of a param's callbacks: for the value they ran with (`match`),
 * the value they left in `req.params` and their error. Same value again: not run again.
 */
export interface ParamRecord {
  error: unknown;
  match: unknown;
  value: unknown;
}

/** Add `fn` to the callbacks of `name`, with the argument checks Express makes. */
export function addParam(params: ParamCallbacks, name: unknown, fn: unknown): void {
  if (!name) throw new TypeError('argument name is required');
  if (typeof name !== 'string') throw new TypeError('argument name must be a string');
  if (!fn) throw new TypeError('argument fn is required');
  if (typeof fn !== 'function') throw new TypeError('argument fn must be a function');
  const list = params[name];
  if (list === undefined) params[name] = [fn as Handler];
  else list.push(fn as Handler);
}

/**
 * The layer's params over a copy of the parent's, as Express merges them: named params
 * simply override; when both sides have numbered ones (RegExp groups), the layer's are
 * renumbered to follow the parent's.
 */
export function mergeParams(params: Record<string, unknown>, parentValue: unknown): Record<string, unknown> {
  if (typeof parentValue !== 'object' || parentValue === null) return params;
  const parent = parentValue as Record<string, unknown>;
  const merged: Record<string, unknown> = Object.assign({}, parent);
  if (!(0 in params) || !(0 in parent)) return Object.assign(merged, params);
  let i = 0;
  while (i in params) i++;
  let o = 0;
  while (o in parent) o++;
  for (i--; i >= 0; i--) {
    params[i + o] = params[i];
    // Leave holes where the parent's numbered values show through.
    if (i < o) delete params[i];
  }
  return Object.assign(merged, params);
}
