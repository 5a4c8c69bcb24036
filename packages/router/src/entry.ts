/**
 * What one registration becomes: an `Entry`, compiled once at registration and never
 * changed. The tree points at entries; lookups return their data.
 */
import type { MatchResult } from './match.js';
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
  /**
   * `find`'s one frozen result for a path that is exactly this static route's text, made
   * on first use (match.ts `exactResult`); null until then, and for every other route.
   */
  exact: MatchResult<T> | null;
}

export function compareOrder(a: Order, b: Order): number {
  return a.slot - b.slot || a.sub - b.sub;
}

export function displayPath(path: RoutePath): string {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  return `[${path.map((p) => (typeof p === 'string' ? JSON.stringify(p) : String(p))).join(', ')}]`;
}

/**
 * Entries found again by kind, method and path (as displayed), for comparing a route set's
 * old routes with its new ones. Keyed by the display text, which every entry already holds
 * and whose hash is kept, rather than by a joined `kind method path` made for each look-up.
 */
export class EntriesByPath<T> {
  readonly #byDisplay = new Map<string, Entry<T>[]>();

  add(entry: Entry<T>): void {
    const list = this.#byDisplay.get(entry.display);
    if (list === undefined) this.#byDisplay.set(entry.display, [entry]);
    else list.push(entry);
  }

  /** An entry of the same kind, method and path as `like`, or undefined. */
  has(like: Entry<T>): boolean {
    return this.#indexOf(like) !== -1;
  }

  /** The first-added entry of the same kind, method and path as `like`, taken out; or undefined. */
  take(like: Entry<T>): Entry<T> | undefined {
    const at = this.#indexOf(like);
    return at === -1 ? undefined : this.#byDisplay.get(like.display)!.splice(at, 1)[0];
  }

  #indexOf(like: Entry<T>): number {
    const list = this.#byDisplay.get(like.display);
    if (list === undefined) return -1;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      if (entry.kind === like.kind && entry.method === like.method) return i;
    }
    return -1;
  }
}
