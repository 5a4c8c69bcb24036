/**
 * `routeMethod`: the registration methods of an Express router and app: one per HTTP method
 * Node knows (Express builds its list from the same `http.METHODS`), `all`, and Express 4's
 * `del` alias of `delete`.
 */
import { METHODS } from 'node:http';

/** The method a registration is for: upper-case, or '*' for `all`. */
const BY_PROPERTY = new Map<string, string>([
  ...METHODS.map((method): [string, string] => [method.toLowerCase(), method]),
  ['all', '*'],
  ['del', 'DELETE'],
]);

export function routeMethod(property: string): string | null {
  return BY_PROPERTY.get(property) ?? null;
}

/** How messages name a method: `all` registrations read as ALL. */
export function displayMethod(method: string): string {
  return method === '*' ? 'ALL' : method;
}
