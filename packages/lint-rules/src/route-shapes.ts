/**
 * `pathShapes`: the engine's shapes of one path of a registration, under the options of the
 * router it is registered on. Options the code does not show are taken as the strictest
 * (case-sensitive, strict), because two paths with a shape in common there have one in
 * common under any options: a finding then holds whatever the options are.
 */
import { PatternError, routeShape } from '@switchyard/router';
import type { Registration } from './route-registrations.js';

/** The shapes of `value` as registered by `registration`, or null when Express would refuse the pattern. */
export function pathShapes(value: string | RegExp, registration: Registration): string[] | null {
  const options = registration.router.options;
  try {
    return routeShape(value, {
      caseSensitive: options.caseSensitive ?? true,
      // A mount's prefix always ignores a trailing slash, as Express's `use` does.
      strict: registration.kind === 'mount' ? false : (options.strict ?? true),
    });
  } catch (error) {
    // A pattern Express refuses fails at startup; that is not this rule's finding.
    if (error instanceof PatternError) return null;
    throw error;
  }
}

/** How messages show a path: as written for strings, `/re/` for a RegExp. */
export function displayPath(value: string | RegExp): string {
  return typeof value === 'string' ? value : String(value);
}
