/**
 * Route patterns: Express 5 path syntax, parsed by path-to-regexp's own `parse()`, then
 * expanded into the flat alternatives the tree stores.
 *
 * path-to-regexp turns a pattern into one RegExp: optional `{…}` groups are expanded into
 * alternatives, and every capture gets a character class chosen from what surrounds it
 * (`toRegExpSource` in path-to-regexp 8.4). We do not build that RegExp; we describe each
 * capture with the same choices as data (`CaptureBranch`), so the tree can match without
 * regular expressions and still give the same answer, the same params, on every path.
 *
 * Everything here is loops: a pattern of 20,000 segments, or groups nested deeply, must not
 * overflow the stack.
 */
import { parse, type Token } from 'path-to-regexp';
import { BoundedCache } from './bounded-cache.js';
import { PatternError } from './errors.js';

/** One way a capture may match, tried in order, as the RegExp alternation would be. */
export interface CaptureBranch {
  /**
   * `literal === null`: one or more characters, each at a position where none of `stops`
   * begins (`(?:(?!stop)…)+`). Otherwise: exactly the literal text.
   */
  literal: string | null;
  stops: string[];
}

export interface TextToken {
  type: 'text';
  value: string;
}

export interface CaptureToken {
  type: 'param' | 'wildcard';
  name: string;
  branches: CaptureBranch[];
}

export type FlatToken = TextToken | CaptureToken;

/** One expansion of a pattern's optional groups: text and captures, texts merged. */
export interface Alternative {
  tokens: FlatToken[];
  /** Its shape per (caseSensitive, strict), computed on first use: index 2 * cs + strict. */
  shapes?: Array<string | undefined>;
}

/** Express's `loosen()`: without `strict`, trailing slashes of a pattern are dropped. */
export function loosen(pattern: string): string {
  if (pattern === '/') return pattern;
  let end = pattern.length;
  while (end > 0 && pattern.charCodeAt(end - 1) === 47) end--;
  return pattern.slice(0, end);
}

/** path-to-regexp refuses more than this many expansions of one pattern's groups. */
const MAX_ALTERNATIVES = 256;

/**
 * Parse `pattern` into its alternatives, in the order path-to-regexp tries them.
 * `original` is the pattern as the user wrote it (before `loosen`), for error messages.
 */
export function compilePattern(pattern: string, original: string = pattern): Alternative[] {
  return compiled.get(pattern, () => compileUncached(pattern, original));
}

/**
 * Compiled patterns, shared by every router (alternatives are never changed once built).
 * A reload registers mostly the patterns it had, and the adapter's duplicate check and the
 * engine read each pattern once each: parsing was a large part of replacing a route set.
 * Cleared whole when full, which is rare and costs only re-parsing.
 */
const compiled = new BoundedCache<string, Alternative[]>(20_000);

function compileUncached(pattern: string, original: string): Alternative[] {
  let tokens: Token[];
  try {
    tokens = parse(pattern).tokens;
  } catch (error) {
    throw toPatternError(error, original);
  }
  const flat = expandGroups(tokens, original);
  return flat.map((sequence) => ({ tokens: describeCaptures(sequence, original) }));
}

function toPatternError(error: unknown, pattern: string): PatternError {
  const message = error instanceof Error ? error.message : String(error);
  // path-to-regexp words its errors as "<reason> at index N: <path>; visit <url> for info".
  const reason = message.replace(/;\s*visit .*$/s, '').replace(/: [^:]*$/s, '');
  const index = /at index (\d+)/.exec(reason);
  const position = index ? Number(index[1]) : undefined;
  return new PatternError(pattern, reason.replace(/ at index \d+/, ''), position);
}

type Plain = Exclude<Token, { type: 'group' }>;

/**
 * Expand optional groups into flat token sequences, in path-to-regexp's order: for each
 * group, every expansion that includes it comes before the one that leaves it out, and
 * earlier groups vary slowest. Nested groups are handled with an explicit stack.
 */
function expandGroups(tokens: Token[], pattern: string): Plain[][] {
  interface Frame {
    tokens: Token[];
    index: number;
    sequences: Plain[][];
  }
  const stack: Frame[] = [{ tokens, index: 0, sequences: [[]] }];
  for (;;) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.tokens.length) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return frame.sequences;
      // The group's options: each of its expansions, then the empty one.
      const options = [...frame.sequences, []];
      const product: Plain[][] = [];
      for (const head of parent.sequences) {
        for (const tail of options) product.push(tail.length === 0 ? head : head.concat(tail));
        if (product.length > MAX_ALTERNATIVES) {
          throw new PatternError(pattern, `too many path combinations (over ${MAX_ALTERNATIVES})`);
        }
      }
      parent.sequences = product;
      continue;
    }
    const token = frame.tokens[frame.index++]!;
    if (token.type === 'group') {
      stack.push({ tokens: token.tokens, index: 0, sequences: [[]] });
    } else {
      for (const sequence of frame.sequences) sequence.push(token);
    }
  }
}

const SLASH = '/';

/**
 * Choose each capture's character class exactly as path-to-regexp 8.4's `toRegExpSource`
 * does, and merge adjacent texts. The rules, per capture:
 * - a param after a wildcard in the same segment may not run into the text before it;
 * - a param with a wildcard later in its segment may not run into the text after it;
 * - a second param in a segment may not run into the text before it, or is exactly that text;
 * - otherwise a param is one or more characters other than '/';
 * - a second wildcard in a segment may not run into the text before it; a wildcard after
 *   another one (in an earlier segment) may not run into the text since that one, or is a
 *   single segment; otherwise a wildcard is any one or more characters.
 * Two captures with no text between them are refused, as path-to-regexp refuses them.
 */
function describeCaptures(sequence: Plain[], pattern: string): FlatToken[] {
  const out: FlatToken[] = [];
  let backtrack = '';
  let wildcardBacktrack = '';
  let previousCapture: 0 | 1 | 2 = 0;
  let segmentCaptures = 0; // bit 1: a param in this segment; bit 2: a wildcard
  for (let index = 0; index < sequence.length; index++) {
    const token = sequence[index]!;
    if (token.type === 'text') {
      backtrack += token.value;
      if (previousCapture === 2) wildcardBacktrack += token.value;
      if (token.value.includes(SLASH)) segmentCaptures = 0;
      const last = out[out.length - 1];
      if (last && last.type === 'text') last.value += token.value;
      else out.push({ type: 'text', value: token.value });
      continue;
    }
    if (previousCapture !== 0 && backtrack === '') {
      const sigil = token.type === 'param' ? ':' : '*';
      const at = pattern.indexOf(sigil + token.name);
      throw new PatternError(
        pattern,
        `missing text before "${token.name}" ${token.type}: two captures need text between them`,
        at === -1 ? undefined : at,
      );
    }
    let branches: CaptureBranch[];
    if (token.type === 'param') {
      if (segmentCaptures & 2) branches = [charClass(SLASH, backtrack)];
      else if (wildcardLaterInSegment(sequence, index + 1))
        branches = [charClass(SLASH, textAfter(sequence, index + 1))];
      else if (segmentCaptures & 1)
        branches = [charClass(SLASH, backtrack), { literal: backtrack, stops: [] }];
      else branches = [charClass(SLASH, '')];
      segmentCaptures |= previousCapture = 1;
    } else {
      if (segmentCaptures & 2) branches = [charClass(backtrack, '')];
      else if (wildcardBacktrack !== '')
        branches = [charClass(wildcardBacktrack, ''), charClass(SLASH, '')];
      else branches = [{ literal: null, stops: [] }];
      wildcardBacktrack = '';
      segmentCaptures |= previousCapture = 2;
    }
    out.push({ type: token.type, name: token.name, branches });
    backtrack = '';
  }
  return out;
}

/** path-to-regexp's `negate(a, b)`: a character where neither `a` nor `b` begins. */
function charClass(a: string, b: string): CaptureBranch {
  const stops: string[] = [];
  if (a !== '') stops.push(a);
  if (b !== '' && b !== a) stops.push(b);
  return { literal: null, stops };
}

function wildcardLaterInSegment(sequence: Plain[], index: number): boolean {
  for (; index < sequence.length; index++) {
    const token = sequence[index]!;
    if (token.type === 'wildcard') return true;
    if (token.type === 'text' && token.value.includes(SLASH)) return false;
  }
  return false;
}

function textAfter(sequence: Plain[], index: number): string {
  let text = '';
  for (; index < sequence.length; index++) {
    const token = sequence[index]!;
    if (token.type !== 'text') break;
    text += token.value;
  }
  return text;
}
