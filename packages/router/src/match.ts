/**
 * Matching: `find` (the best route) and `matchAll` (every route and mount, in registration
 * order), by one depth-first walk of the tree.
 *
 * Hot path. No recursion: the walk keeps its own stack, in module-level arrays reused by
 * every lookup (a lookup never calls user code, so it cannot be re-entered). No closures and
 * no per-lookup allocation besides the results. Guarded by `bench/lookup.mjs`.
 *
 * The walk visits the choices a RegExp would backtrack through, in the same order: each
 * capture tries its longest run first, then shorter ones, then its literal branch. So the
 * first time an alternative of an entry is reached, its captures are exactly the ones
 * path-to-regexp's RegExp would give. Within an entry, a lower alternative (an earlier
 * element of an array, or the expansion that includes an optional group) wins, as the
 * RegExp alternation does. `find` orders its choices by specificity instead: at each node
 * the route ending there, then static text, then params, then wildcards, and last a route
 * that ends there only by the optional trailing '/'.
 */
import { foldCode } from './case-fold.js';
import { ParamsObject, type Entry, type EntryAlternative, type Params, type Terminal } from './entry.js';
import { compareOrder } from './entry.js';
import { compileFind, compileMatchAll, COMPILE_AFTER, type CompiledFind, type CompiledMatchAll } from './compile-find.js';
import { BadParamError } from './errors.js';
import { textMatches } from './text-matcher.js';

export { COMPILE_AFTER };
import type { StaticRoutes } from './static-routes.js';
import type { CompiledBranch, Node, RouteTerminals } from './tree.js';
import { PARAM, STATIC } from './tree.js';

/** What a lookup returns for each matching route or mount. */
export interface MatchResult<T> {
  readonly data: T;
  /**
   * Read-only, as the whole result: `find`'s answer for a static route's exact text is
   * one frozen object shared by every such lookup (see `exactResult`). Copy to change.
   */
  readonly params: Readonly<Params>;
  /** The registered pattern (the matching element, for an array of paths). */
  readonly pattern: string | RegExp;
  readonly kind: 'route' | 'mount';
  /** The method the route was registered for ('*' for all methods and for mounts). */
  readonly method: string;
  /** The text matched: the whole path for a route, the matched prefix for a mount. */
  readonly path: string;
  /** Set instead of decoded params when a value is malformed percent-encoding. */
  readonly error: BadParamError | undefined;
}

/** The parts of a router a lookup reads. */
export interface MatchContext<T> {
  root: Node<T>;
  caseSensitive: boolean;
  /** Not strict: one trailing '/' may follow a route. */
  trailing: boolean;
  maxParamLength: number;
  /** Routes made of text alone, by their (folded) text: `find` looks here first. */
  staticRoutes: StaticRoutes<T>;
  /** Entries matched outside the tree, in order: RegExp paths and `mount('/')`. */
  linear: Entry<T>[];
  /** `find` compiled for the current tree, or null until it is (see compile-find.ts). */
  compiled: CompiledFind<T> | null;
  /** Lookups left before compiling; reset by every change to the tree. */
  lookupsBeforeCompile: number;
  /** The same for `matchAll`. */
  compiledAll: CompiledMatchAll | null;
  allLookupsBeforeCompile: number;
}

const FRAME_STATIC = 0;
const FRAME_CAPTURE = 1;
/** find: a route ending here through the optional trailing '/', tried after the children. */
const FRAME_TRAILING = 2;

// The walk's stack, one array per field of a frame.
const frameKind: number[] = [];
const frameNode: Node<unknown>[] = [];
const framePos: number[] = []; // static: where its text starts; capture: where the capture starts
const frameDepth: number[] = [];
const frameBranch: number[] = [];
const frameNext: number[] = []; // next end to try, or -1 before the branch's run is measured
const frameLow: number[] = []; // ends at or below this were tried by an earlier branch
const frameTried: number[] = []; // highest end any branch so far has tried
// Captures on the current branch of the walk: start and end of capture i at 2i and 2i+1.
const captures: number[] = [];

// `matchAll` hits, before they are ordered.
const hitEntries: Entry<unknown>[] = [];
const hitAlternatives: number[] = [];
const hitResults: MatchResult<unknown>[] = [];
let hitCount = 0;

/** Passed as the method, matches routes of every method (for `allowedMethods`). */
export const ANY_METHOD = '';

const MODE_FIND = 0;
const MODE_ALL = 1;

/**
 * Walk the tree for `path`. In find mode, stops at the first route for `method` and
 * returns its terminal, leaving its captures in `captures`; in all mode, records every
 * hit (only those of `only`, when given) and returns null.
 */
function walk<T>(
  context: MatchContext<T>,
  path: string,
  method: string,
  mode: number,
  only: Entry<T> | null,
  startNode: Node<T> | null = null,
  startPos = 0,
  startDepth = 0,
): Terminal<T> | null {
  const length = path.length;
  const caseSensitive = context.caseSensitive;
  const trailing = context.trailing;
  const maxParamLength = context.maxParamLength;
  lookupEpoch++;
  let top = 0;
  // The next static node to enter, when known: entering it directly saves a push and a pop.
  let directNode: Node<T> | null = context.root;
  let directPos = 0;
  let directDepth = 0;
  if (startNode !== null && startNode.kind !== STATIC) {
    // Resume at a capture (compiled code hands over captures it does not compile).
    directNode = null;
    pushCapture(startNode as Node<unknown>, startPos, startDepth, 0);
    top = 1;
  } else if (startNode !== null) {
    // Resume at a static node whose text starts at `startPos` (a subtree not compiled yet).
    directNode = startNode;
    directPos = startPos;
    directDepth = startDepth;
  }

  for (;;) {
    let node: Node<T>;
    let depth: number;
    let kind: number;
    let start: number;
    if (directNode !== null) {
      node = directNode;
      depth = directDepth;
      start = directPos;
      kind = FRAME_STATIC;
      directNode = null;
    } else {
      if (top === 0) break;
      top--;
      node = frameNode[top] as Node<T>;
      depth = frameDepth[top]!;
      start = framePos[top]!;
      kind = frameKind[top]!;
    }
    let at: number;

    if (kind === FRAME_TRAILING) {
      const terminal = node.routes === null ? null : pickForMethod(node.routes, method);
      if (terminal !== null) {
        findState.depth = depth;
        return terminal;
      }
      continue;
    }
    if (kind === FRAME_STATIC) {
      const text = node.text;
      at = start + text.length;
      if (at > length) continue;
      if (!textMatches(text, caseSensitive, path, start)) continue;
    } else {
      // A capture: produce its next candidate end, keep the frame for the ones after it.
      const branches = node.branches;
      const isParam = node.kind === PARAM;
      let branchIndex = frameBranch[top]!;
      let next = frameNext[top]!;
      let low = frameLow[top]!;
      let tried = frameTried[top]!;
      let end = -1;
      while (branchIndex < branches.length) {
        const branch = branches[branchIndex]!;
        if (branch.literal !== null) {
          branchIndex++;
          const candidate = start + branch.literal.length;
          if (
            candidate > tried &&
            candidate <= length &&
            !(isParam && branch.literal.length > maxParamLength) &&
            textMatches(branch.literal, caseSensitive, path, start)
          ) {
            end = candidate;
            break;
          }
          continue;
        }
        if (next === -1) {
          let runEnd = runLimit(path, start, branch, caseSensitive);
          if (isParam && runEnd - start > maxParamLength) runEnd = start + maxParamLength;
          low = tried;
          next = runEnd;
          if (runEnd > tried) tried = runEnd;
        }
        next = lastContinuation(node, path, next, low, trailing, caseSensitive, maxParamLength);
        if (next > low) {
          end = next;
          next--;
          break;
        }
        branchIndex++;
        next = -1;
      }
      if (end === -1) continue;
      frameBranch[top] = branchIndex;
      frameNext[top] = next;
      frameLow[top] = low;
      frameTried[top] = tried;
      top++;
      captures[2 * depth] = start;
      captures[2 * depth + 1] = end;
      depth++;
      at = end;
    }

    // Visit `node` with the path consumed up to `at`.
    const routes = node.routes;
    if (mode === MODE_FIND) {
      if (routes !== null) {
        if (at === length) {
          const terminal = pickForMethod(routes, method);
          if (terminal !== null) {
            findState.depth = depth;
            return terminal;
          }
        } else if (trailing && at === length - 1 && path.charCodeAt(at) === 47) {
          // The path with its last '/' dropped ends here: a static child that takes the
          // '/' is more specific, so this waits until the children are tried.
          frameKind[top] = FRAME_TRAILING;
          frameNode[top] = node as Node<unknown>;
          frameDepth[top] = depth;
          top++;
        }
      }
    } else if (
      routes !== null &&
      (at === length || (trailing && at === length - 1 && path.charCodeAt(at) === 47))
    ) {
      {
        const list = routes.list;
        for (let i = 0; i < list.length; i++) {
          const terminal = list[i]!;
          const entryMethod = terminal.entry.method;
          if (
            (entryMethod === method || entryMethod === '*' || method === ANY_METHOD) &&
            (only === null || terminal.entry === only)
          ) {
            record(terminal, path, depth, length);
          }
        }
      }
    }
    if (mode === MODE_ALL && node.mounts !== null && (at === length || path.charCodeAt(at) === 47)) {
      const mounts = node.mounts;
      // With the optional trailing '/', a mount's match takes a final '/' too.
      const prefixEnd = at === length - 1 ? length : at;
      for (let i = 0; i < mounts.length; i++) {
        if (only === null || mounts[i]!.entry === only) record(mounts[i]!, path, depth, prefixEnd);
      }
    }

    // Children, pushed in reverse so the stack pops static text first, then captures in order.
    const capturesOfNode = node.captures;
    for (let i = capturesOfNode.length - 1; i >= 0; i--) {
      pushCapture(capturesOfNode[i] as Node<unknown>, at, depth, top);
      top++;
    }
    if (at < length && node.kids.length > 0) {
      const code = path.charCodeAt(at);
      const kid = node.kid(caseSensitive ? code : foldCode(code));
      if (kid !== undefined) {
        directNode = kid;
        directPos = at;
        directDepth = depth;
      }
    }
  }
  return null;
}

/** A capture frame at `top`, before its first candidate. */
function pushCapture(node: Node<unknown>, at: number, depth: number, top: number): void {
  frameKind[top] = FRAME_CAPTURE;
  frameNode[top] = node;
  framePos[top] = at;
  frameDepth[top] = depth;
  frameBranch[top] = 0;
  frameNext[top] = -1;
  frameLow[top] = at;
  frameTried[top] = at;
}

/** Depth of the captures of the terminal `walk` (or `staticTerminal`) returned in find mode. */
const findState = { depth: 0 };

/** Captures of the current match, shared with compiled find: start and end of capture i at 2i, 2i+1. */
export { captures };

/** Compiled find's way back into the interpreter: match from `node` (a capture, or a static node whose text starts there) at `at`. */
export function resumeFind<T>(context: MatchContext<T>, path: string, method: string, node: Node<T>, at: number, depth: number): Terminal<T> | null {
  return walk(context, path, method, MODE_FIND, null, node, at, depth);
}

export { pickForMethod };

/** Compiled matchAll's way back into the interpreter, in all-matches mode. */
export function resumeAll<T>(context: MatchContext<T>, path: string, method: string, node: Node<T>, at: number, depth: number): void {
  walk(context, path, method, MODE_ALL, null, node, at, depth);
}

/** Compiled matchAll: record the routes of `routes` for `method` that end here. */
export function recordRoutes<T>(routes: RouteTerminals<T>, path: string, method: string, depth: number): void {
  const list = routes.list;
  for (let i = 0; i < list.length; i++) {
    const terminal = list[i]!;
    const entryMethod = terminal.entry.method;
    if (entryMethod === method || entryMethod === '*' || method === ANY_METHOD) record(terminal, path, depth, path.length);
  }
}

/** Compiled matchAll: record `mounts`, matched up to `prefixEnd`. */
export function recordMounts<T>(mounts: Terminal<T>[], path: string, depth: number, prefixEnd: number): void {
  for (let i = 0; i < mounts.length; i++) record(mounts[i]!, path, depth, prefixEnd);
}

function pickForMethod<T>(routes: RouteTerminals<T>, method: string): Terminal<T> | null {
  const methods = routes.methods;
  let exact: Terminal<T> | null = null;
  for (let i = 0; i < methods.length; i++) {
    if (methods[i] === method) {
      exact = routes.firsts[i]!;
      break;
    }
  }
  const any = routes.any;
  if (exact === null) return any;
  if (any === null) return exact;
  return compareOrder(exact.entry, any.entry) <= 0 ? exact : any;
}

/** Where a run of characters allowed by `branch` and starting at `start` must end. */
function runLimit(path: string, start: number, branch: CompiledBranch, caseSensitive: boolean): number {
  const length = path.length;
  if (branch.slashOnly) {
    const slash = path.indexOf('/', start);
    return slash === -1 ? length : slash;
  }
  const stopMask = branch.stopMask;
  const otherStops = branch.otherStops;
  for (let i = start; i < length; i++) {
    const code = path.charCodeAt(i);
    if (code < 128 && stopMask[code] === 1) return i;
    for (let s = 0; s < otherStops.length; s++) {
      if (textMatches(otherStops[s]!, caseSensitive, path, i)) return i;
    }
  }
  return length;
}

/**
 * The highest end in (low, next] after which anything below capture `node` could match:
 * its routes or mounts end there, or a static child can be entered there; low if there is
 * none. (Captures never follow a capture directly.) Skipping the other ends is what keeps
 * captures cheap: most positions are ruled out by one array read, and a position where a
 * child's first character stands is ruled out here too when that child cannot be entered
 * (see `kidViable`) instead of by a round of frames per candidate.
 */
function lastContinuation<T>(
  node: Node<T>,
  path: string,
  next: number,
  low: number,
  trailing: boolean,
  caseSensitive: boolean,
  maxParamLength: number,
): number {
  const length = path.length;
  const routes = node.routes !== null;
  const mounts = node.mounts !== null;
  if (next === length) {
    if (routes || mounts) return next;
    next--;
  }
  const mask = node.kidStartMask;
  const nonAscii = node.kidStartNonAscii;
  for (; next > low; next--) {
    const code = path.charCodeAt(next);
    if (code < 128) {
      if (code === 47 && (mounts || (routes && trailing && next === length - 1))) return next;
      if (mask[code] === 1 && kidViable(node, code, path, next, trailing, caseSensitive, maxParamLength)) return next;
    } else if (nonAscii && kidViable(node, code, path, next, trailing, caseSensitive, maxParamLength)) {
      return next;
    }
  }
  return low;
}

/**
 * Whether the walk could get anywhere through the static child of `node` starting with
 * `code` at `at`. Conservative: false only when that child's text is not there, or when
 * all that hangs off it is captures that end in routes and none of them can reach the end
 * of the path from there. That last case is the one that made a 16 KB URL of separators
 * slow against `/:from-:to`: every '-' was a candidate for `from`, each found dead a
 * few frames later.
 */
function kidViable<T>(
  node: Node<T>,
  code: number,
  path: string,
  at: number,
  trailing: boolean,
  caseSensitive: boolean,
  maxParamLength: number,
): boolean {
  const kid = node.kid(caseSensitive ? code : foldCode(code));
  if (kid === undefined || !textMatches(kid.text, caseSensitive, path, at)) return false;
  if (kid.routes !== null || kid.mounts !== null || kid.kids.length > 0) return true;
  const after = at + kid.text.length;
  const captures = kid.captures;
  for (let i = 0; i < captures.length; i++) {
    const capture = captures[i]!;
    const final = capture.kids.length === 0 && capture.mounts === null;
    if (!final || finalCaptureCanEnd(capture, path, after, trailing, caseSensitive, maxParamLength)) return true;
  }
  return false;
}

/**
 * Whether final capture `node` (routes only below it) starting at `start` can end where a
 * route may end: at the end of the path, or before a trailing '/'.
 */
function finalCaptureCanEnd<T>(
  node: Node<T>,
  path: string,
  start: number,
  trailing: boolean,
  caseSensitive: boolean,
  maxParamLength: number,
): boolean {
  if (node.routes === null) return false;
  const length = path.length;
  const beforeSlash = trailing && length - 1 > start && path.charCodeAt(length - 1) === 47;
  const limit = node.kind === PARAM ? maxParamLength : Infinity;
  const branches = node.branches;
  for (let b = 0; b < branches.length; b++) {
    const branch = branches[b]!;
    if (branch.literal !== null) {
      const end = start + branch.literal.length;
      if (
        (end === length || (beforeSlash && end === length - 1)) &&
        branch.literal.length <= limit &&
        textMatches(branch.literal, caseSensitive, path, start)
      ) {
        return true;
      }
      continue;
    }
    if (length - start > limit && !(beforeSlash && length - 1 - start <= limit)) continue;
    if (branch.epoch !== lookupEpoch) lastStops(branch, path, caseSensitive);
    // The run from `start` reaches the end when no stop begins at or after `start`.
    if (length > start && start > branch.lastStop && length - start <= limit) return true;
    if (beforeSlash && start > branch.lastStopBeforeLast && length - 1 - start <= limit) return true;
  }
  return false;
}

/** Counts walks: cached per-lookup facts (see `lastStops`) are valid for one value of it. */
let lookupEpoch = 0;

/** Fill `branch`'s last stop positions for `path` (scanning back from the end, once). */
function lastStops(branch: CompiledBranch, path: string, caseSensitive: boolean): void {
  const length = path.length;
  let last = -1;
  let beforeLast = -1;
  for (let i = length - 1; i >= 0; i--) {
    if (!stopsAt(branch, path, i, caseSensitive)) continue;
    if (last === -1) last = i;
    if (i < length - 1) {
      beforeLast = i;
      break;
    }
  }
  branch.epoch = lookupEpoch;
  branch.lastStop = last;
  branch.lastStopBeforeLast = beforeLast;
}

/** Whether a stop of `branch` begins at `i` (a run may not take the character at `i`). */
function stopsAt(branch: CompiledBranch, path: string, i: number, caseSensitive: boolean): boolean {
  const code = path.charCodeAt(i);
  if (code < 128 && branch.stopMask[code] === 1) return true;
  const otherStops = branch.otherStops;
  for (let s = 0; s < otherStops.length; s++) {
    if (textMatches(otherStops[s]!, caseSensitive, path, i)) return true;
  }
  return false;
}

function record<T>(terminal: Terminal<T>, path: string, depth: number, matchedEnd: number): void {
  const entry = terminal.entry;
  const index = terminal.alternative.index;
  const slot = hitSlot(entry);
  // The first time an alternative is reached is the RegExp's answer for it; a lower
  // alternative of the same entry wins over a higher one, whatever the walk's order.
  if (slot !== -1 && hitAlternatives[slot]! <= index) return;
  storeHit(slot, entry, index, makeResult(entry, terminal.alternative, path, depth, path.slice(0, matchedEnd)));
}

/** Where `entry` already is among the hits, or -1. */
function hitSlot<T>(entry: Entry<T>): number {
  for (let i = 0; i < hitCount; i++) if (hitEntries[i] === entry) return i;
  return -1;
}

/** Keep `result` as `entry`'s hit, in its slot (-1: a new one). */
function storeHit<T>(slot: number, entry: Entry<T>, alternative: number, result: MatchResult<T>): void {
  if (slot === -1) slot = hitCount++;
  hitEntries[slot] = entry as Entry<unknown>;
  hitAlternatives[slot] = alternative;
  hitResults[slot] = result as MatchResult<unknown>;
}

function makeResult<T>(
  entry: Entry<T>,
  alternative: EntryAlternative,
  path: string,
  depth: number,
  matched: string,
): MatchResult<T> {
  const params: Params = new ParamsObject();
  let error: BadParamError | undefined;
  try {
    fillParams(params, alternative, path, depth);
  } catch (caught) {
    if (!(caught instanceof BadParamError)) throw caught;
    error = caught;
  }
  return matchResult(entry, alternative.pattern, params, matched, error);
}

function fillParams(params: Params, alternative: EntryAlternative, path: string, depth: number): void {
  const names = alternative.names as string[];
  const wildcards = alternative.wildcards;
  for (let i = 0; i < depth; i++) {
    const start = captures[2 * i]!;
    const end = captures[2 * i + 1]!;
    const name = names[i]!;
    params[name] = wildcards[i] ? wildcardValue(path, start, end, name) : paramValue(path, start, end, name);
  }
}

/** `decodeURIComponent`, skipped when there is nothing to decode; 400 on bad escapes. */
function decodeParam(name: string | number, raw: string): string {
  if (raw.indexOf('%') === -1) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadParamError(name, raw);
  }
}

/**
 * The best route for `method` and `path`, or null, while the tree is not compiled (Router's
 * `find` calls `context.compiled` itself once it is, which asks `findOutsideTree` on a miss).
 * Throws BadParamError on bad escapes.
 */
export function findRoute<T>(context: MatchContext<T>, method: string, path: string): MatchResult<T> | null {
  // Every lookup counts, static ones too: a tree that only ever serves static paths is
  // compiled as well. A tree compileFind declines stays here until it changes.
  if (context.lookupsBeforeCompile > 0 && --context.lookupsBeforeCompile === 0) {
    context.compiled = compileFind(context);
  }
  // The static-route Map first: an exact static route is the first the walk would reach.
  const exact = staticTerminal(context, path, method);
  if (exact !== null) return staticResult(context, exact, method, path);
  const terminal = walk(context, path, method, MODE_FIND, null);
  if (terminal === null) return findOutsideTree(context, method, path);
  return finishFind(context, terminal, method, path);
}

/**
 * The params of every exact static match: frozen, so that no caller can put a value in
 * what all of them share. Its prototype is ParamsObject's, as every other result's params.
 */
const NO_PARAMS: Params = Object.freeze(new ParamsObject());

/**
 * `find`'s result when `path` is exactly the text of `terminal`'s static route: one frozen
 * object per route, made once and handed out on every such lookup, as rou3's compiled
 * lookups and hono's RegExpRouter do for static routes. Allocating a result and a params
 * object was most of a static lookup: measured on '/user' (fresh strings, compiled find),
 * 15.5 ns fresh against 9-10 ns shared, where rou3's compileRouter took 10-11 ns in the same runs.
 *
 * `path` is the route's text itself (the Map and the compiled prelude are keyed by it,
 * folded when the router is case-insensitive), so the shared result's `path` is right for
 * every lookup that gets it. Frozen: a caller writing to it or to its params gets a
 * TypeError (strict code) or a write that does nothing, never a value leaked to the next
 * request. A path that reaches the same route otherwise (a trailing '/', other letter
 * case) gets a fresh result, with that path in it.
 */
export function exactResult<T>(terminal: Terminal<T>, path: string): MatchResult<T> {
  let result = terminal.exact;
  if (result === null) {
    result = Object.freeze(matchResult(terminal.entry, terminal.alternative.pattern, NO_PARAMS, path, undefined));
    terminal.exact = result;
  }
  return result;
}

/** The result for a static route found by its exact text: shared, unless a lower alternative may win. */
function staticResult<T>(context: MatchContext<T>, terminal: Terminal<T>, method: string, path: string): MatchResult<T> {
  return needsCollect(terminal) ? findAlternative(context, terminal, method, path) : exactResult(terminal, path);
}

/** The result for the terminal `walk` found, its captures in `captures` up to `findState.depth`. */
export function finishFind<T>(context: MatchContext<T>, terminal: Terminal<T>, method: string, path: string): MatchResult<T> {
  if (needsCollect(terminal)) return findAlternative(context, terminal, method, path);
  const params: Params = new ParamsObject();
  if (findState.depth > 0) fillParams(params, terminal.alternative, path, findState.depth);
  return routeResult(terminal, params, path);
}

/**
 * A lower alternative of the same entry may match too, and the RegExp would take it: so a
 * terminal of any but an entry's first alternative is answered by matching that entry alone.
 */
export function needsCollect<T>(terminal: Terminal<T>): boolean {
  return terminal.alternative.index !== 0 && terminal.entry.alternatives.length > 1;
}

export function findAlternative<T>(context: MatchContext<T>, terminal: Terminal<T>, method: string, path: string): MatchResult<T> {
  const best = collect(context, method, path, terminal.entry)[0]!;
  if (best.error) throw best.error;
  return best;
}

/**
 * True if, for every method, the tree's only matches of the path `text` are `routes` (the
 * routes whose text `text` is), all of entries with one alternative: then compiled
 * `matchAll` may answer `text` from them alone. Walks the tree once; for compiling only.
 */
export function onlyStaticMatch<T>(context: MatchContext<T>, text: string, routes: RouteTerminals<T>): boolean {
  hitCount = 0;
  walk(context, text, ANY_METHOD, MODE_ALL, null);
  let only = hitCount === routes.list.length;
  for (let i = 0; i < hitCount; i++) {
    const entry = hitEntries[i]!;
    if (entry.alternatives.length > 1 || !routes.list.some((terminal) => terminal.entry === entry)) only = false;
    hitResults[i] = undefined as never;
    hitEntries[i] = undefined as never;
  }
  hitCount = 0;
  return only;
}

/** The first malformed param of the result being built by compiled `matchAll`, or undefined. */
let pendingError: BadParamError | undefined;

/** `paramValue` for `matchAll`, which reports a malformed value in its result instead of throwing. */
export function laxParamValue(path: string, start: number, end: number, name: string | number): string {
  try {
    return paramValue(path, start, end, name);
  } catch (caught) {
    pendingError ??= caught as BadParamError;
    return '';
  }
}

/** `wildcardValue` for `matchAll`, as `laxParamValue`. */
export function laxWildcardValue(path: string, start: number, end: number, name: string | number): string[] {
  try {
    return wildcardValue(path, start, end, name);
  } catch (caught) {
    pendingError ??= caught as BadParamError;
    return [];
  }
}

/**
 * Compiled `matchAll`: keep the route of `terminal`, its params built with the lax readers.
 * Only for entries of one alternative, which the compiled walk reaches at most once.
 */
export function putRoute<T>(terminal: Terminal<T>, params: Params, path: string): void {
  storeHit(-1, terminal.entry, 0, takeRoute(terminal, params, path));
}

/** `putRoute`'s result, returned instead of kept: compiled `matchAll`'s whole answer. */
export function takeRoute<T>(terminal: Terminal<T>, params: Params, path: string): MatchResult<T> {
  const error = pendingError;
  pendingError = undefined;
  return matchResult(terminal.entry, terminal.alternative.pattern, params, path, error);
}

/** `find`'s result for a route. */
function routeResult<T>(terminal: Terminal<T>, params: Params, path: string): MatchResult<T> {
  return matchResult(terminal.entry, terminal.alternative.pattern, params, path, undefined);
}

/**
 * Every lookup result is made here, so all have one shape (one hidden class for V8). A
 * malformed param value leaves no params: none of them is the path's answer.
 */
function matchResult<T>(
  entry: Entry<T>,
  pattern: string | RegExp,
  params: Params,
  path: string,
  error: BadParamError | undefined,
): MatchResult<T> {
  return {
    data: entry.data,
    params: error === undefined ? params : new ParamsObject(),
    pattern,
    kind: entry.kind,
    method: entry.method,
    path,
    error,
  };
}

/** A param's value: `path` from `start` to `end`, decoded (BadParamError on bad escapes). */
export function paramValue(path: string, start: number, end: number, name: string | number): string {
  return decodeParam(name, path.slice(start, end));
}

/** A wildcard's value: its segments, each decoded. */
export function wildcardValue(path: string, start: number, end: number, name: string | number): string[] {
  const raw = path.slice(start, end);
  // One segment is the common case: skip split's scan and its intermediate array.
  if (raw.indexOf('/') === -1) return [decodeParam(name, raw)];
  const parts = raw.split('/');
  for (let p = 0; p < parts.length; p++) parts[p] = decodeParam(name, parts[p]!);
  return parts;
}

/**
 * Compiled `find`'s answer for static routes its generated code does not hold: the
 * static-route Map, as the interpreter looks first (an exact static route is the first
 * the walk would reach), with the same shared results.
 */
export function findStatic<T>(context: MatchContext<T>, path: string, method: string): MatchResult<T> | null {
  const terminal = staticTerminal(context, path, method);
  return terminal === null ? null : staticResult(context, terminal, method, path);
}

/** The static route whose text is `path`, for `method`, or null (it has no captures). */
function staticTerminal<T>(context: MatchContext<T>, path: string, method: string): Terminal<T> | null {
  const routes = context.staticRoutes.get(path);
  return routes === undefined ? null : pickForMethod(routes, method);
}

/** The best of the routes kept outside the tree (`context.linear`), or null. */
export function findOutsideTree<T>(context: MatchContext<T>, method: string, path: string): MatchResult<T> | null {
  for (const entry of context.linear) {
    if (entry.kind !== 'route' || (entry.method !== method && entry.method !== '*')) continue;
    const all = collect(context, method, path, entry);
    if (all.length > 0) {
      if (all[0]!.error) throw all[0]!.error;
      return all[0]!;
    }
  }
  return null;
}

/** Every route for `method` and every mount matching `path`, in registration order. */
export function matchAllRoutes<T>(context: MatchContext<T>, method: string, path: string): MatchResult<T>[] {
  return collect(context, method, path, null);
}

function collect<T>(context: MatchContext<T>, method: string, path: string, only: Entry<T> | null): MatchResult<T>[] {
  // Compile first: compiling walks the tree too (see `onlyStaticMatch`), which uses the hits.
  if (only === null && context.allLookupsBeforeCompile > 0 && --context.allLookupsBeforeCompile === 0) {
    context.compiledAll = compileMatchAll(context);
  }
  hitCount = 0;
  const compiled = context.compiledAll;
  if (only !== null) {
    walk(context, path, method, MODE_ALL, only);
  } else if (compiled !== null) {
    const answer = compiled(path, method);
    // The generated code ends in `return null`, and returns from the middle of the walk with nothing.
    if (answer !== null && answer !== undefined) return answer as MatchResult<T>[];
  } else {
    walk(context, path, method, MODE_ALL, null);
  }
  const linear = context.linear;
  for (let i = 0; i < linear.length; i++) {
    const entry = linear[i]!;
    if (only !== null && entry !== only) continue;
    if (entry.kind === 'route' && entry.method !== method && entry.method !== '*' && method !== ANY_METHOD) continue;
    matchOutsideTree(entry, path);
  }
  // Insertion sort into registration order: hits are few.
  for (let i = 1; i < hitCount; i++) {
    const entry = hitEntries[i]!;
    const alternative = hitAlternatives[i]!;
    const result = hitResults[i]!;
    let j = i - 1;
    while (j >= 0 && compareOrder(hitEntries[j]!, entry) > 0) {
      hitEntries[j + 1] = hitEntries[j]!;
      hitAlternatives[j + 1] = hitAlternatives[j]!;
      hitResults[j + 1] = hitResults[j]!;
      j--;
    }
    hitEntries[j + 1] = entry;
    hitAlternatives[j + 1] = alternative;
    hitResults[j + 1] = result;
  }
  if (hitCount === 1) {
    // The common answer, as a literal: a packed array of exactly one element.
    const only = hitResults[0] as MatchResult<T>;
    hitResults[0] = undefined as never; // do not keep the caller's data alive
    hitEntries[0] = undefined as never;
    return [only];
  }
  const results = new Array<MatchResult<T>>(hitCount);
  for (let i = 0; i < hitCount; i++) {
    results[i] = hitResults[i] as MatchResult<T>;
    hitResults[i] = undefined as never; // do not keep the caller's data alive
    hitEntries[i] = undefined as never;
  }
  return results;
}

/** RegExp alternatives and `mount('/')`: tested one by one, as Express tests every layer. */
function matchOutsideTree<T>(entry: Entry<T>, path: string): void {
  if (entry.everywhere) {
    record({ entry, alternative: entry.alternatives[0]!, exact: null }, path, 0, 0);
    return;
  }
  const slot = hitSlot(entry);
  const found = slot === -1 ? -1 : hitAlternatives[slot]!;
  for (const alternative of entry.alternatives) {
    if (alternative.regexp === null) continue;
    if (found !== -1 && found <= alternative.index) return;
    const m = alternative.regexp.exec(path);
    if (m === null) continue;
    const params: Params = new ParamsObject();
    let error: BadParamError | undefined;
    for (let g = 1; g < m.length; g++) {
      const value = m[g];
      if (value === undefined) continue;
      const name = alternative.names[g - 1] ?? g - 1;
      try {
        params[name] = value.length === 0 ? value : decodeParam(name, value);
      } catch (caught) {
        error = caught as BadParamError;
        break;
      }
    }
    storeHit(slot, entry, alternative.index, matchResult(entry, alternative.pattern, params, m[0], error));
    return;
  }
}
