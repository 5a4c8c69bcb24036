/**
 * `matchesEveryPath(earlier, later, options)`: whether the earlier route matches every path
 * the later one matches, decided by the engine itself rather than by comparing strings.
 *
 * The later route's shapes (from `routeShape`) say where its captures are. Each capture is
 * filled with sample values chosen to exercise what can make a capture refuse a value:
 * ordinary characters, punctuation that path-to-regexp treats as a boundary, several
 * segments for wildcards, and every piece of literal text of the earlier route, alone and
 * with text around it (a capture only refuses a value that is empty, crosses a '/', or runs
 * into text next to it). Every combination is built into a path, without and, when the
 * router is not strict, with a trailing '/'. Paths the later route itself does not match
 * are dropped; the earlier route must match every remaining one, and each expansion of the
 * later route must have kept at least one.
 *
 * This is a sampling argument, not a proof, so it leans one way: when the combinations
 * would be too many it answers false, and a false answer costs only a missed report.
 */
import { PatternError, Router, routeShape } from '@switchyard/router';

export interface CoverageOptions {
  caseSensitive: boolean;
  strict: boolean;
}

type ShapePart = { type: 'text'; value: string } | { type: 'param' | 'wildcard' };

/** Sampled paths per expansion of the later route; beyond it the answer is "unsure". */
const MAX_SAMPLES = 4096;

const PARAM_SAMPLES = ['x', 'Ab9', '0', '-', '.', '_', '~', ':', '@', 'a.b', 'a-b', 'a_b', '%41'];
const WILDCARD_SAMPLES = [...PARAM_SAMPLES, 'x/y', 'a/b/c', 'x.y/z-w'];

/** A router holding one route, for asking the engine what it matches. */
class SingleRoute {
  readonly #router: Router<true>;

  constructor(path: string | readonly string[], options: CoverageOptions) {
    this.#router = new Router<true>({ ...options, duplicates: 'allow', maxParamLength: Infinity });
    this.#router.add('GET', path, true);
  }

  matches(path: string): boolean {
    return this.#router.find('GET', path) !== null;
  }
}

/** True when `earlier` (one route, possibly an array of patterns) matches every path `later` matches. */
export function matchesEveryPath(earlier: readonly string[], later: string, options: CoverageOptions): boolean {
  let earlierRoute: SingleRoute;
  let laterRoute: SingleRoute;
  let laterShapes: string[];
  let earlierShapes: string[];
  try {
    earlierRoute = new SingleRoute(earlier, options);
    laterRoute = new SingleRoute(later, options);
    // Case kept, so samples carry the text exactly as the later route has it.
    laterShapes = routeShape(later, { caseSensitive: true, strict: options.strict });
    earlierShapes = routeShape(earlier, { caseSensitive: true, strict: true });
  } catch (error) {
    if (error instanceof PatternError) return false;
    throw error;
  }
  const texts = earlierShapes.flatMap((shape) => decodeShape(shape).flatMap((p) => (p.type === 'text' ? [p.value] : [])));
  const paramValues = withTexts(PARAM_SAMPLES, texts.flatMap((text) => text.split('/')));
  const wildcardValues = withTexts(WILDCARD_SAMPLES, [...texts, ...texts.flatMap((text) => text.split('/'))]);

  for (const shape of laterShapes) {
    const parts = decodeShape(shape);
    const choices = parts.map((part) =>
      part.type === 'text' ? [part.value] : part.type === 'param' ? paramValues : wildcardValues,
    );
    let total = 1;
    for (const list of choices) total *= list.length;
    if (total > MAX_SAMPLES) return false;

    let kept = 0;
    const picks = choices.map(() => 0);
    for (let n = 0; n < total; n++) {
      const path = choices.map((list, i) => list[picks[i]!]!).join('') || '/';
      for (const sample of options.strict ? [path] : [path, `${path}/`]) {
        if (!laterRoute.matches(sample)) continue;
        if (!earlierRoute.matches(sample)) return false;
        kept++;
      }
      // Next combination, like an odometer.
      for (let i = picks.length - 1; i >= 0; i--) {
        if (++picks[i]! < choices[i]!.length) break;
        picks[i] = 0;
      }
    }
    if (kept === 0) return false;
  }
  return true;
}

/** A shape back into its parts: `:` a param, `*` a wildcard, `\c` the character c, others text. */
function decodeShape(shape: string): ShapePart[] {
  const parts: ShapePart[] = [];
  let text = '';
  for (let i = 0; i < shape.length; i++) {
    const char = shape[i]!;
    if (char === '\\' && i + 1 < shape.length) text += shape[++i];
    else if (char === ':' || char === '*') {
      if (text) parts.push({ type: 'text', value: text });
      text = '';
      parts.push({ type: char === ':' ? 'param' : 'wildcard' });
    } else text += char;
  }
  if (text) parts.push({ type: 'text', value: text });
  return parts;
}

/** The base samples plus each text alone, at the start, at the end and in the middle of a value. */
function withTexts(base: readonly string[], texts: readonly string[]): string[] {
  const values = new Set(base);
  for (const text of texts) {
    if (text === '') continue;
    for (const value of [text, `${text}x`, `x${text}`, `x${text}x`]) values.add(value);
  }
  return [...values];
}
