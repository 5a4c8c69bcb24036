/**
 * What one registration becomes: an `Entry`, compiled once at registration and never
 * changed. The tree points at entries; lookups return their data.
 */
import type { FlatToken } from './pattern.js';

/** `req.params`-like: nothing inherited, so no key can collide with Object.prototype. */
export type Params = Record<string, string | string[]>;

/**
 * Makes the params objects lookups return. Their prototype is an empty object whose own
 * prototype is null, so they inherit nothing (`params.toString`, `'constructor' in params`
 * and `params.__proto__` see only own keys, and a param named `__proto__` is an ordinary
 * key), as with `Object.create(null)`; `Object.getPrototypeOf(params)` is that empty object
 * rather than null. Why not `Object.create(null)`: V8 gives every null-prototype object
 * dictionary-mode properties, and making one cost 20-35 ns against 4-6 ns for this (measured
 * on the router-benchmark lookups: a fifth of a one-param `find`). find-my-way does the same.
 */
export const ParamsObject = function ParamsObject() {} as unknown as new () => Params;
ParamsObject.prototype = Object.create(null) as Params;

/** A pattern as `add` and `mount` take it: a string, a RegExp, or an array of them. */
export type RoutePath = string | RegExp | ReadonlyArray<string | RegExp>;

/** One way an entry can match: an expansion of one pattern, or one RegExp. */
export interface EntryAlternative {
  /** Position among the entry's alternatives: lower wins, as in the RegExp alternation. */
  index: number;
  /** The element of the registered path this alternative comes from. */
  pattern: string | RegExp;
  /** Flat tokens for the tree, or null for a RegExp alternative. */
  tokens: FlatToken[] | null;
  /** For a RegExp: the RegExp itself and the names of its groups, as Express names them. */
  regexp: RegExp | null;
  /** Names of the captures, in order (for RegExps: group names or numbers). */
  names: Array<string | number>;
  /** For each capture: true for a wildcard (an array of segments), false for a param. */
  wildcards: boolean[];
}

/** Order of registration: `slot` of the top-level registration or route set, then `sub`. */
export interface Order {
  slot: number;
  sub: number;
}

export interface Entry<T> extends Order {
  kind: 'route' | 'mount';
  /** Upper-case method, or '*' for every method (always '*' for mounts). */
  method: string;
  /** The path as registered. */
  path: RoutePath;
  /** The path as a person reads it in messages and `routes()`. */
  display: string;
  alternatives: EntryAlternative[];
  /** Mount of '/': matches every path with an empty prefix, as Express's `use('/')`. */
  everywhere: boolean;
  /** Normalised shapes, for duplicate detection (routes only). */
  shapes: string[];
  data: T;
  /** Name of the route set holding it, or null. */
  set: string | null;
  source: string | undefined;
}

/** An entry's alternative, as stored at the node where it ends. */
export interface Terminal<T> {
  entry: Entry<T>;
  alternative: EntryAlternative;
}

export function compareOrder(a: Order, b: Order): number {
  return a.slot - b.slot || a.sub - b.sub;
}

export function displayPath(path: RoutePath): string {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  return `[${path.map((p) => (typeof p === 'string' ? JSON.stringify(p) : String(p))).join(', ')}]`;
}
