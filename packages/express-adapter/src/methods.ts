/**
 * HTTP method names as the adapter needs them: the lower-case list Express builds its
 * `router.get`, `route.post`, … from, and a cheap lower-casing of `req.method`.
 */
import { METHODS } from 'node:http';

/** Every method Node's HTTP parser knows, lower-case: one router/route function each. */
export const METHOD_NAMES: readonly string[] = METHODS.map((method) => method.toLowerCase());

// Request methods arrive upper-case; a table lookup avoids allocating a new string for
// each route a request walks past (`toLowerCase()` always allocates for 'GET').
const LOWER: Record<string, string> = Object.create(null);
for (const method of METHODS) {
  LOWER[method] = method.toLowerCase();
  LOWER[method.toLowerCase()] = method.toLowerCase();
}

/** `method` lower-cased, as Express's Route compares it; a non-string stays as it is. */
export function lowerMethod(method: unknown): unknown {
  if (typeof method !== 'string') return method;
  return LOWER[method] ?? method.toLowerCase();
}
