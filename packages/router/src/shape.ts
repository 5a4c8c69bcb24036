/**
 * Route shapes: what makes two registrations "the same route". Two patterns with a shape
 * in common match the same requests, so the second handler could only run after the first
 * calls next(). The lint rules use this same function, so lint and runtime agree.
 *
 * A shape is the pattern with capture names dropped (`:` for a param, `*` for a wildcard),
 * text escaped as path-to-regexp escapes it, folded unless case-sensitive, one trailing '/'
 * dropped unless strict, and optional groups expanded (one shape per expansion).
 */
import { foldText } from './case-fold.js';
import type { RoutePath } from './entry.js';
import { compilePattern, loosen, type Alternative, type FlatToken } from './pattern.js';

export interface ShapeOptions {
  /** Default false, as Express: `/Users` and `/users` are one shape. */
  caseSensitive?: boolean;
  /** Default false, as Express: `/users/` and `/users` are one shape. */
  strict?: boolean;
}

/**
 * The shapes of a route pattern, one per expansion of its optional groups, without repeats.
 * Two routes of the same method are duplicates when their shapes have one in common.
 * Throws PatternError for a pattern Express would refuse.
 */
export function routeShape(pattern: RoutePath, options: ShapeOptions = {}): string[] {
  const strict = options.strict ?? false;
  const caseSensitive = options.caseSensitive ?? false;
  const shapes = new Set<string>();
  const elements = typeof pattern === 'string' || pattern instanceof RegExp ? [pattern] : pattern;
  for (const element of elements) {
    if (element instanceof RegExp) {
      shapes.add(regexpShape(element));
      continue;
    }
    const source = strict ? element : loosen(element);
    for (const alternative of compilePattern(source, element)) {
      shapes.add(alternativeShape(alternative, caseSensitive, strict));
    }
  }
  return [...shapes];
}

/** An alternative's shape, kept on the (shared, cached) alternative once computed. */
export function alternativeShape(alternative: Alternative, caseSensitive: boolean, strict: boolean): string {
  const slot = (caseSensitive ? 2 : 0) + (strict ? 1 : 0);
  alternative.shapes ??= [];
  return (alternative.shapes[slot] ??= tokensShape(alternative.tokens, caseSensitive, strict));
}

export function regexpShape(regexp: RegExp): string {
  return `RegExp ${String(regexp)}`;
}

export function tokensShape(tokens: FlatToken[], caseSensitive: boolean, strict: boolean): string {
  let shape = '';
  for (const token of tokens) {
    if (token.type === 'text') shape += escapeText(caseSensitive ? token.value : foldText(token.value));
    else shape += token.type === 'param' ? ':' : '*';
  }
  // The optional trailing '/' of a non-strict route makes '/a/' and '/a' match alike.
  if (!strict && shape.endsWith('/')) shape = shape.slice(0, -1);
  return shape;
}

function escapeText(text: string): string {
  return text.replace(/[{}()[\]+?!:*\\]/g, '\\$&');
}
