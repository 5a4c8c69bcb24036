/**
 * What a lookup is given, checked once: `find`, `matchAll` and `allowedMethods` take
 * `req.method` and `req.url` as they come. The compiled find (compile-find.ts) does these
 * checks itself, at the top of its generated code, so that the engine's hot path makes them
 * once rather than once in `Router#find` and again where the generated code reads its arguments.
 */
import { describe, normalizeMethod } from './compile-entry.js';

/** The path itself; a TypeError if it is not a string. */
export function lookupPath(path: unknown): string {
  if (typeof path !== 'string') throw new TypeError(`path must be a string, got ${describe(path)}`);
  return path;
}

/**
 * `method` as routes store it: upper-cased only when it is not already. A TypeError if it is
 * not a method name (a number, undefined), where a lookup would otherwise quietly match nothing.
 */
export function lookupMethod(method: unknown): string {
  // The commonest answer at once: the scan below measured 3-5 ns of a 20 ns static find.
  if (method === 'GET' || method === 'POST') return method;
  if (typeof method !== 'string') return normalizeMethod(method);
  for (let i = 0; i < method.length; i++) {
    const code = method.charCodeAt(i);
    if (code >= 97 && code <= 122) return normalizeMethod(method);
  }
  return method;
}
