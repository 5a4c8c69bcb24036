/**
 * Registration input to entries: checks the arguments of `add` and `mount`, parses every
 * pattern, and computes shapes. Throws before anything is stored, so a failing
 * registration changes nothing.
 */
import type { Entry, EntryAlternative, RoutePath } from './entry.js';
import { displayPath } from './entry.js';
import { BoundedCache } from './bounded-cache.js';
import { compilePattern, loosen } from './pattern.js';
import { alternativeShape, regexpShape } from './shape.js';

export interface CompileOptions {
  caseSensitive: boolean;
  strict: boolean;
}

export interface EntryPlace {
  slot: number;
  sub: number;
  set: string | null;
  source: string | undefined;
}

/** An HTTP method token (RFC 9110), or '*' for all methods. */
const METHOD = /^(?:\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+)$/;

export function normalizeMethod(method: unknown): string {
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw new TypeError(`method must be an HTTP method name or '*', got ${describe(method)}`);
  }
  return method.toUpperCase();
}

/** A value as an error message shows it. */
export function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Object.prototype.toString.call(value);
}

function checkPath(path: unknown): asserts path is RoutePath {
  const ok = (p: unknown) => typeof p === 'string' || p instanceof RegExp;
  if (ok(path)) return;
  if (Array.isArray(path)) {
    if (path.length === 0) throw new TypeError('path must not be an empty array');
    const bad = path.find((p) => !ok(p));
    if (bad === undefined) return;
    throw new TypeError(`path array elements must be strings or RegExps, got ${describe(bad)}`);
  }
  throw new TypeError(`path must be a string, a RegExp or an array of them, got ${describe(path)}`);
}

/** Express names RegExp groups by their `(?<name>` or by counting the unnamed ones. */
const MATCHING_GROUP = /\((?:\?<(.*?)>)?(?!\?)/g;

function regexpGroupNames(regexp: RegExp): Array<string | number> {
  const names: Array<string | number> = [];
  let unnamed = 0;
  for (const m of regexp.source.matchAll(MATCHING_GROUP)) names.push(m[1] || unnamed++);
  return names;
}

export function compileEntry<T>(
  kind: 'route' | 'mount',
  method: string,
  path: unknown,
  data: T,
  options: CompileOptions,
  place: EntryPlace,
): Entry<T> {
  checkPath(path);
  // Express's `use('/')` matches every path; only the bare string '/' means that.
  const everywhere = kind === 'mount' && path === '/';
  // Mounts are always non-strict, as Express's `use` is.
  const strict = kind === 'mount' ? false : options.strict;
  const compiled = typeof path === 'string' ? compileStringPath(kind, path, strict, options.caseSensitive) : compileParts(kind, path, strict, options.caseSensitive);
  return {
    kind,
    method: kind === 'mount' ? '*' : normalizeMethod(method),
    path,
    display: displayPath(path),
    alternatives: compiled.alternatives,
    everywhere,
    shapes: compiled.shapes,
    data,
    slot: place.slot,
    sub: place.sub,
    set: place.set,
    source: place.source,
  };
}

/** What a path compiles to, whatever the route's method, data and place. Never changed once made. */
interface CompiledPath {
  alternatives: EntryAlternative[];
  shapes: string[];
}

/**
 * Compiled string paths: one map per kind, strictness and case (4 * mount + 2 * strict +
 * caseSensitive), keyed by the path itself, whose hash a string keeps.
 * A reload registers mostly the paths it had: sharing their alternatives and shapes saves
 * building five arrays and two objects a route, which a reload of 1,000 routes then kept
 * past a scavenge. Cleared whole when full, as the pattern cache.
 */
const compiledPaths = Array.from({ length: 8 }, () => new BoundedCache<string, CompiledPath>(20_000));

function compileStringPath(kind: 'route' | 'mount', path: string, strict: boolean, caseSensitive: boolean): CompiledPath {
  const cache = compiledPaths[(kind === 'mount' ? 4 : 0) + (strict ? 2 : 0) + (caseSensitive ? 1 : 0)]!;
  return cache.get(path, () => compileParts(kind, path, strict, caseSensitive));
}

function compileParts(kind: 'route' | 'mount', path: RoutePath, strict: boolean, caseSensitive: boolean): CompiledPath {
  const elements: Array<string | RegExp> =
    typeof path === 'string' || path instanceof RegExp ? [path] : [...path];
  const everywhere = kind === 'mount' && path === '/';
  const alternatives: EntryAlternative[] = [];
  const shapes = new Set<string>();
  if (everywhere) {
    alternatives.push({ index: 0, pattern: '/', tokens: null, regexp: null, names: [], wildcards: [] });
  } else {
    for (const element of elements) {
      if (element instanceof RegExp) {
        const names = regexpGroupNames(element);
        alternatives.push({
          index: alternatives.length,
          pattern: element,
          tokens: null,
          regexp: element,
          names,
          wildcards: names.map(() => false),
        });
        shapes.add(regexpShape(element));
        continue;
      }
      for (const compiled of compilePattern(strict ? element : loosen(element), element)) {
        const tokens = compiled.tokens;
        const names: string[] = [];
        const wildcards: boolean[] = [];
        for (const token of tokens) {
          if (token.type === 'text') continue;
          names.push(token.name);
          wildcards.push(token.type === 'wildcard');
        }
        alternatives.push({ index: alternatives.length, pattern: element, tokens, regexp: null, names: names.slice(), wildcards: wildcards.slice() });
        shapes.add(alternativeShape(compiled, caseSensitive, strict));
      }
    }
  }
  return {
    // Copies of exactly their length: arrays that were pushed to reserve room for 17.
    alternatives: alternatives.slice(),
    shapes: kind === 'mount' ? [] : [...shapes].slice(),
  };
}

/** A static alternative's text, the key `find` looks up before walking; null otherwise. */
export function staticText(alternative: EntryAlternative): string | null {
  const tokens = alternative.tokens;
  if (tokens === null) return null;
  if (tokens.length === 0) return '';
  if (tokens.length === 1 && tokens[0]!.type === 'text') return tokens[0]!.value;
  return null;
}
