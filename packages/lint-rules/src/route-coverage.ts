/**
 * `RouteCoverage#matchesEveryPath(earlier, later)`: whether the earlier route matches every path
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

/** A router holding one route, for asking the engine what it matches; null for a refused pattern. */
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

interface LaterRoute {
  route: SingleRoute;
  /** One part list per expansion. */
  expansions: ShapePart[][];
  /** One cheap path per expansion, every capture 'x': most earlier routes fail on it. */
  probes: string[];
}

interface EarlierRoute {
  route: SingleRoute;
  /** Its literal text, split into pieces a single capture value may contain. */
  paramTexts: string[];
  wildcardTexts: string[];
}

/**
 * Answers "does the earlier route match every path the later one matches" for the routes of
 * one router, compiling each pattern once: a file with hundreds of routes asks about every
 * earlier-later pair.
 */
export class RouteCoverage {
  readonly #options: CoverageOptions;
  readonly #earlier = new Map<string, EarlierRoute | null>();
  readonly #later = new Map<string, LaterRoute | null>();

  constructor(options: CoverageOptions) {
    this.#options = options;
  }

  /** True when `earlier` (one route, possibly an array of patterns) matches every path `later` matches. */
  matchesEveryPath(earlier: readonly string[], later: string): boolean {
    const b = this.#laterRoute(later);
    const a = this.#earlierRoute(earlier);
    if (a === null || b === null) return false;
    for (const probe of b.probes) {
      if (b.route.matches(probe) && !a.route.matches(probe)) return false;
    }
    const paramValues = withTexts(PARAM_SAMPLES, a.paramTexts);
    const wildcardValues = withTexts(WILDCARD_SAMPLES, a.wildcardTexts);
    for (const parts of b.expansions) {
      const choices = parts.map((part) =>
        part.type === 'text' ? [part.value] : part.type === 'param' ? paramValues : wildcardValues,
      );
      if (!this.#coversExpansion(a.route, b.route, choices)) return false;
    }
    return true;
  }

  #coversExpansion(earlier: SingleRoute, later: SingleRoute, choices: string[][]): boolean {
    let total = 1;
    for (const list of choices) total *= list.length;
    if (total > MAX_SAMPLES) return false;
    let kept = 0;
    const picks = choices.map(() => 0);
    for (let n = 0; n < total; n++) {
      const path = choices.map((list, i) => list[picks[i]!]!).join('') || '/';
      for (const sample of this.#options.strict ? [path] : [path, `${path}/`]) {
        if (!later.matches(sample)) continue;
        if (!earlier.matches(sample)) return false;
        kept++;
      }
      // Next combination, like an odometer.
      for (let i = picks.length - 1; i >= 0; i--) {
        if (++picks[i]! < choices[i]!.length) break;
        picks[i] = 0;
      }
    }
    return kept > 0;
  }

  #earlierRoute(patterns: readonly string[]): EarlierRoute | null {
    const key = JSON.stringify(patterns);
    let cached = this.#earlier.get(key);
    if (cached === undefined) {
      cached = refusedAsNull(() => {
        const texts = routeShape(patterns, { caseSensitive: true, strict: true }).flatMap((shape) =>
          decodeShape(shape).flatMap((part) => (part.type === 'text' ? [part.value] : [])),
        );
        const pieces = texts.flatMap((text) => text.split('/'));
        return { route: new SingleRoute(patterns, this.#options), paramTexts: pieces, wildcardTexts: [...texts, ...pieces] };
      });
      this.#earlier.set(key, cached);
    }
    return cached;
  }

  #laterRoute(pattern: string): LaterRoute | null {
    let cached = this.#later.get(pattern);
    if (cached === undefined) {
      cached = refusedAsNull(() => {
        // Case kept, so samples carry the text exactly as the later route has it.
        const expansions = routeShape(pattern, { caseSensitive: true, strict: this.#options.strict }).map(decodeShape);
        const probes = expansions.map((parts) => parts.map((part) => (part.type === 'text' ? part.value : 'x')).join('') || '/');
        return { route: new SingleRoute(pattern, this.#options), expansions, probes };
      });
      this.#later.set(pattern, cached);
    }
    return cached;
  }
}

function refusedAsNull<T>(build: () => T): T | null {
  try {
    return build();
  } catch (error) {
    if (error instanceof PatternError) return null;
    throw error;
  }
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
