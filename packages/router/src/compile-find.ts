/**
 * Compiled `find` and `matchAll`: the tree turned into JavaScript functions of nested
 * blocks, as find-my-way's `compile()` and rou3's `compileRouter` do for theirs.
 *
 * Why: the interpreter in `match.ts` pays for its generality on every lookup (frames,
 * per-node dispatch, loops over a node's text). On the router-benchmark lookups it ran
 * at about half of find-my-way's speed; the compiled function compares text with inlined
 * char-code constants and keeps positions in local variables.
 *
 * What is compiled: static text, params that run to the next '/' and are followed only by
 * '/' or the end, and trailing wildcards: the shapes nearly every route has. Any other
 * capture (several captures in a segment, mid-path wildcards) is handed to the interpreter
 * at that node, so the two always agree; the generated code visits nodes in the
 * interpreter's order (the route ending here, static text, then captures in order).
 *
 * When: after `COMPILE_AFTER` lookups on an unchanged tree (building the code costs a few
 * milliseconds, too much to redo on every registration). A large tree becomes several
 * functions, each compiled once it is used (see `TreeCompiler`). Where code generation is
 * disallowed, `new Function` throws and the interpreter stays. Built without recursion.
 */
import { foldCode } from './case-fold.js';
import type { Terminal } from './entry.js';
import { ParamsObject } from './entry.js';
import {
  captures,
  findAlternative,
  exactResult,
  findOutsideTree,
  findStatic,
  finishFind,
  needsCollect,
  paramValue,
  pickForMethod,
  recordMounts,
  laxParamValue,
  laxWildcardValue,
  onlyStaticMatch,
  putRoute,
  takeRoute,
  recordRoutes,
  resumeAll,
  resumeFind,
  wildcardValue,
  type MatchContext,
  type MatchResult,
} from './match.js';
import { lookupMethod, lookupPath } from './lookup-input.js';
import { textMatches } from './text-matcher.js';
import { PARAM, STATIC, WILDCARD, type Node, type RouteTerminals } from './tree.js';

/**
 * Takes `Router#find`'s arguments as they came (see `FIND_PROLOGUE`) and gives its whole
 * answer: on a miss in the tree it asks the routes kept outside it (`findOutsideTree`) itself,
 * with the method its prologue normalized, so `Router#find` returns what it gets.
 */
export type CompiledFind<T> = (path: string, method: string) => MatchResult<T> | null;

/** Lookups on an unchanged tree before it is compiled. */
export const COMPILE_AFTER = 32;
/**
 * Visits of a split-off subtree, interpreted, before it is compiled. Measured in a
 * 10,000-route tree: generating one subtree's function takes 0.5-1 ms, and a warm
 * interpreted lookup costs about 0.1 µs more than a compiled one (163 against 48 ns), so
 * compiling pays for its CPU after some 5,000-10,000 visits. 256 compiles a part of the
 * tree once traffic shows it is hot, and leaves the parts hit now and then interpreted (no
 * generated code kept for them) instead of spending a millisecond on each of them.
 */
const SUBTREE_COMPILE_AFTER = 256;
/**
 * Weight (see nodeWeight) of the code one generated function may hold. V8 does not
 * optimize a function whose bytecode passes about 60 KB, and an unoptimized compiled find
 * is slower than the interpreter (measured with `/r<i>/:id` routes in one function: 115 ns
 * at 150 routes, 69,000 characters of source; 467 ns at 200, 93,000 characters; against
 * 160-400 ns interpreted). So large trees are split into functions well below that size.
 * Measured on the last of 10,000 `/route<i>/:id` routes: 65 ns with a budget of 40 (more
 * calls), 43 ns at 120, 51 ns at 400, 164 ns at 1,200 (functions too large to optimize).
 */
const FUNCTION_BUDGET = 120;
/** A generated function longer than this is not used (the interpreter answers instead). */
const MAX_SOURCE = 60_000;
/** Compiled functions calling one another, at most; deeper subtrees stay interpreted. */
const MAX_NESTING = 64;
/** Deeper chains are split into functions too: each level is a nested block for the JS parser. */
const MAX_DEPTH = 48;
/**
 * A param's end is found by a loop over at most this many characters, then by indexOf.
 * The loop also notes a '%', sparing the value a second scan before decoding; indexOf has
 * a fixed cost that only pays off on longer segments. Measured on '/user/lookup/username/john':
 * 16.8 ns with the loop against 21.4 ns with indexOf and a '%' scan.
 */
const SCAN_LOOP = 16;
/**
 * Static texts of one length answered by `===` before the tree, at most. Measured: a hit
 * saves 20-40 ns of walking ('/very/deeply/nested/route/hello/there': 62 -> 25 ns), and
 * each text of the same length that a path is not costs it about 2.5 ns (8 failed `===`:
 * 20 ns). At 8 a path that misses all of its bucket loses what a hit gains.
 */
const STATIC_BUCKET = 8;
/**
 * Static texts in the prelude, at most (about 120 characters of code each): the rest are
 * found by the tree, compiled too. Keeps the root function within `MAX_SOURCE`.
 */
const STATIC_PRELUDE_LIMIT = 128;
/** Longer texts are compared by the node's own matcher instead of inline code. */
const INLINE_TEXT = 48;
/**
 * The compiled find's first statements: `Router#find` calls it with the arguments it was
 * given, and it checks them itself (lookup-input.ts). V8 does not inline the generated
 * function, so a check made in `Router#find` was made again in here, where the generated
 * code first reads `p.length` and compares `m`.
 * Callgrind, per function, the instructions suite's worker: the loop that calls `find` went
 * from 104-106 to 82-87 instructions a lookup on every case; the generated function gained 5
 * on '/user' and on the param cases, not counting alignment no-ops, whose number changes with
 * any edit of the code's layout ('/user/lookup/username/john': 90 -> 117 no-ops; mixed: 93 -> 101).
 */
const FIND_PROLOGUE =
  'if (typeof p !== "string") lookupPath(p); ' +
  'if (m !== "GET" && m !== "POST") m = lookupMethod(m); ';

const ENTER = 0;
const CLOSE_KIDS = 1;
const LEAVE = 2;

interface Item<T> {
  phase: number;
  node: Node<T>;
  /** Id of the parent's position variable (`i<id>`) and character variable (`c<id>`). */
  parent: number;
  /** Captures on the way to this node. */
  depth: number;
  /** Nesting depth within its function, for the limit. */
  level: number;
  id: number;
  /** What to close when leaving. */
  close: string;
  /** The captures on the way, as expressions of the generated code. */
  caps: Capture[];
  /**
   * matchAll, root function: no path that reaches this node can match anything outside its
   * subtree (see `soleChild`), so a route here that matches is the whole answer.
   */
  sole: boolean;
}

interface Capture {
  start: string;
  end: string;
  /** True when the value has no '%' and needs no decoding; 'false' when unknown. */
  plain: string;
}

export function compileFind<T>(context: MatchContext<T>): CompiledFind<T> | null {
  return new TreeCompiler(context, false).compileRoot() as CompiledFind<T> | null;
}

/**
 * `matchAll`'s walk compiled the same way: it records every route and mount it reaches
 * (through match.ts's `recordRoutes` and `recordMounts`) instead of returning the first,
 * and hands the same captures to the interpreter, in its all-matches mode.
 */
export function compileMatchAll<T>(context: MatchContext<T>): CompiledMatchAll | null {
  return new TreeCompiler(context, true).compileRoot() as CompiledMatchAll | null;
}

/** Keeps its matches as hits for `collect`, or returns the whole answer when it knows it. */
export type CompiledMatchAll = (path: string, method: string) => MatchResult<unknown>[] | null | undefined;

/** A subtree split off into a function of its own, compiled once it has been used. */
interface Subtree<T> {
  node: Node<T>;
  /** Variables of the calling code the subtree's code reads, passed as arguments. */
  params: string[];
  parent: number;
  caps: Capture[];
  depth: number;
  /** Calls so far, interpreted; compiled at `SUBTREE_COMPILE_AFTER`. */
  calls: number;
  /** Generated functions on the stack when this one would run (the root's is 0). */
  nesting: number;
}

/**
 * Generates the code. A large tree is split into functions of about `FUNCTION_BUDGET` each
 * (depth-first: the nodes past the budget become calls), each generated lazily: the root
 * function at once, a subtree after its first `SUBTREE_COMPILE_AFTER` visits, interpreted
 * until then. So the first compile of a 10,000-route tree costs what a small tree's does,
 * and a part of the tree few requests reach is never generated (measured: generating all
 * of 10,000 param routes at once took 680 ms).
 */
class TreeCompiler<T> {
  readonly #context: MatchContext<T>;
  readonly #all: boolean;
  readonly #fold: boolean;
  /** Shared by every generated function, which index into them. */
  readonly #routes: RouteTerminals<T>[] = [];
  readonly #mounts: Array<Terminal<T>[]> = [];
  readonly #texts: string[] = [];
  readonly #resumes: Node<T>[] = [];
  readonly #terminals: Terminal<T>[] = [];
  /** Compiled subtrees by index, null until compiled. */
  readonly #functions: Array<((...args: unknown[]) => unknown) | null> = [];
  readonly #subtrees: Subtree<T>[] = [];
  /** Constants of the function being generated: routes' data and patterns, shared static results. */
  #constants: string[] = [];
  #nextId = 0;

  constructor(context: MatchContext<T>, all: boolean) {
    this.#context = context;
    this.#all = all;
    this.#fold = !context.caseSensitive;
  }

  compileRoot(): CompiledFind<T> | CompiledMatchAll | null {
    const context = this.#context;
    // Nothing is matched outside the tree, and the root function's return is matchAll's.
    const sole = this.#all && context.linear.length === 0;
    this.#constants = [];
    const code = this.#emit({ phase: ENTER, node: context.root, parent: -1, depth: 0, level: 0, id: -1, close: '', caps: [], sole }, 0);
    const prelude = staticPrelude(context, this.#all, this.#terminals, this.#routes, this.#constants);
    // find: a miss in the tree is not the answer while routes are kept outside it. The list
    // cannot change under this function: every registration drops the compiled code.
    const miss = !this.#all && context.linear.length > 0 ? 'return outside(ctx, m, p);' : 'return null;';
    const body = `${this.#declarations()}return function ${this.#all ? 'matchAll' : 'find'}(p, m) { ${this.#all ? '' : FIND_PROLOGUE}const l = p.length;\n${prelude}${code.join('\n')}\n${miss} };`;
    return this.#build(body) as CompiledFind<T> | CompiledMatchAll | null;
  }

  /** A subtree's visit, interpreted until it has been visited often enough to compile. */
  readonly #visit = (k: number, path: string, method: string, at: number): Terminal<T> | null | undefined => {
    const subtree = this.#subtrees[k]!;
    // Each compiled subtree is a call deeper: past MAX_NESTING the interpreter, which keeps
    // its own stack, goes on alone (a path of tens of thousands of segments).
    if (++subtree.calls === SUBTREE_COMPILE_AFTER && subtree.nesting < MAX_NESTING) {
      this.#constants = [];
      const code = this.#emit(
        // A subtree function's return is not matchAll's: it only ever keeps hits.
        { phase: ENTER, node: subtree.node, parent: subtree.parent, depth: subtree.depth, level: 0, id: -1, close: '', caps: subtree.caps, sole: false },
        subtree.nesting,
      );
      const body = `${this.#declarations()}return function f${k}(p, m, l, ${subtree.params.join(', ')}) {\n${code.join('\n')}\nreturn null; };`;
      this.#functions[k] = this.#build(body) as ((...args: unknown[]) => unknown) | null;
    }
    if (this.#all) {
      resumeAll(this.#context, path, method, subtree.node, at, subtree.depth);
      return undefined;
    }
    return resumeFind(this.#context, path, method, subtree.node, at, subtree.depth);
  };

  /**
   * The generated function's constants, declared in its factory: the function is made once
   * for its tree, so V8 reads them as constants of its optimized code, where `T[k].entry.data`
   * was four dependent loads, each with a check of the object's shape.
   */
  #declarations(): string {
    return this.#constants.length === 0 ? '' : `const ${this.#constants.join(', ')};\n`;
  }

  #build(body: string): unknown {
    if (body.length > MAX_SOURCE) return null;
    try {
      const factory = new Function(
        'ctx', 'R', 'Mo', 'M', 'C', 'T', 'F', 'visit', 'resume', 'resumeAll', 'recordRoutes', 'recordMounts', 'cap', 'fold',
        'text', 'finish', 'other', 'value', 'wild', 'PO', 'put', 'laxValue', 'laxWild', 'seg', 'statics', 'take',
        'lookupPath', 'lookupMethod', 'outside', body,
      );
      return factory(
        this.#context, this.#routes, this.#mounts, this.#texts, this.#resumes, this.#terminals, this.#functions, this.#visit,
        resumeFind, resumeAll, recordRoutes, recordMounts, captures, foldCode, textMatches, finishFind, findAlternative,
        paramValue, wildcardValue, ParamsObject, putRoute, laxParamValue, laxWildcardValue, segmentEnd,
        findStatic, takeRoute, lookupPath, lookupMethod, findOutsideTree,
      );
    } catch {
      return null;
    }
  }

  /**
   * The code of the function rooted at `first`'s node, up to the subtrees split off;
   * `nesting` is how many generated functions are on the stack when this one runs.
   */
  #emit(first: Item<T>, nesting: number): string[] {
    const context = this.#context;
    const all = this.#all;
    const terminals = this.#terminals;
    const code: string[] = [];
    const stack: Item<T>[] = [first];
    let atRoot = true;
    // Once the function holds FUNCTION_BUDGET of code, every node still to come is split off.
    let weight = 0;
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (item.phase === LEAVE) {
        // find: a route ending here through the optional trailing '/', after the children, as
        // the interpreter does, since a child that takes the '/' is more specific.
        if (!all && context.trailing && item.node.routes !== null && !isLeaf(item.node)) {
          code.push(
            `if (i${item.id} === l - 1 && p.charCodeAt(i${item.id}) === 47) {`,
            ...returnRoute(item.node.routes, (t) => returnTerminal(t, item.caps, terminals, this.#constants)),
            '}',
          );
        }
        code.push(item.close);
        continue;
      }
      if (item.phase === CLOSE_KIDS) {
        code.push('}');
        continue;
      }
      const node = item.node;
      const s = item.parent === -1 ? '0' : `i${item.parent}`;
      if (!atRoot && (weight >= FUNCTION_BUDGET || item.level > MAX_DEPTH)) {
        code.push(this.#callSubtree(item, s, nesting + 1));
        continue;
      }
      atRoot = false;
      weight += nodeWeight(node);
      const id = this.#nextId++;
      let depth = item.depth;
      let caps = item.caps;
      if (node.parent === null) {
        code.push(`{ const i${id} = 0;`);
        item.close = '}';
      } else if (node.kind === PARAM || node.kind === WILDCARD) {
        const branch = node.branches[0]!;
        const simpleParam =
          node.kind === PARAM && node.branches.length === 1 && branch.literal === null && branch.slashOnly &&
          node.kidCodes.every((code) => code === 47);
        // A mount below a wildcard could end at any '/': not a single candidate.
        const simpleWildcard =
          node.kind === WILDCARD && node.branches.length === 1 && branch.literal === null &&
          branch.stops.length === 0 && node.kids.length === 0 && node.mounts === null;
        if (simpleParam) {
          // segmentEnd gives the end of the segment, complemented (~) if it saw a '%'.
          const limit = context.maxParamLength === Infinity ? 'Infinity' : context.maxParamLength;
          code.push(
            `{ const r${id} = seg(p, ${s}, l), e${id} = r${id} < 0 ? ~r${id} : r${id};`,
            `if (e${id} > ${s} && e${id} - ${s} <= ${limit}) { const i${id} = e${id};`,
          );
          item.close = '} }';
          caps = [...caps, { start: s, end: `e${id}`, plain: `r${id} >= 0` }];
        } else if (simpleWildcard) {
          code.push(`if (l > ${s}) { const i${id} = l;`);
          item.close = '}';
          caps = [...caps, { start: s, end: 'l', plain: 'false' }];
        } else {
          // Anything else: the interpreter matches this capture and everything below it,
          // from the captures so far, which it reads from `cap`.
          this.#resumes.push(node);
          const stores = storeCaptures(caps);
          const c = `C[${this.#resumes.length - 1}]`;
          code.push(
            all
              ? `{ ${stores} resumeAll(ctx, p, m, ${c}, ${s}, ${depth}); }`
              : `{ ${stores} const t = resume(ctx, p, m, ${c}, ${s}, ${depth}); if (t !== null) return finish(ctx, t, m, p); }`,
          );
          continue;
        }
        depth++;
      } else {
        code.push(`if (${textCondition(node, s, `c${item.parent}`, this.#fold, this.#texts)}) { const i${id} = ${s} + ${node.text.length};`);
        item.close = '}';
      }
      if (node.routes !== null) {
        // A leaf has no child to try between the two: its trailing '/' is tested here too.
        const end =
          context.trailing && (all || isLeaf(node))
            ? `i${id} === l || (i${id} === l - 1 && p.charCodeAt(i${id}) === 47)`
            : `i${id} === l`;
        code.push(
          `if (${end}) {`,
          ...(all
            ? recordRoute(node.routes, caps, depth, terminals, this.#routes, item.sole && endsAlone(node))
            : returnRoute(node.routes, (t) => returnTerminal(t, caps, terminals, this.#constants))),
          '}',
        );
      }
      if (all && node.mounts !== null) {
        this.#mounts.push(node.mounts);
        // With the optional trailing '/', a mount's match takes a final '/' too.
        const stores = storeCaptures(caps);
        code.push(
          `if (i${id} === l || p.charCodeAt(i${id}) === 47) { ${stores} recordMounts(Mo[${this.#mounts.length - 1}], p, ${depth}, i${id} === l - 1 ? l : i${id}); }`,
        );
      }
      const base = { parent: id, depth, id: -1, close: '', caps };
      stack.push({ ...item, phase: LEAVE, id, depth, caps });
      for (let i = node.captures.length - 1; i >= 0; i--) {
        const child = node.captures[i]!;
        stack.push({ ...base, phase: ENTER, node: child, level: item.level + 1, sole: item.sole && soleChild(node, child) });
      }
      if (node.kids.length > 0) {
        code.push(`if (i${id} < l) { const c${id} = p.charCodeAt(i${id});`);
        stack.push({ ...base, phase: CLOSE_KIDS, node, level: item.level, id, sole: false });
        for (let i = node.kids.length - 1; i >= 0; i--) {
          const child = node.kids[i]!;
          stack.push({ ...base, phase: ENTER, node: child, level: item.level + 1, sole: item.sole && soleChild(node, child) });
        }
      }
    }
    return code;
  }

  /** The call of a split-off subtree: compiled, or `visit` (the interpreter) until it is. */
  #callSubtree(item: Item<T>, s: string, nesting: number): string {
    const node = item.node;
    const params = [s];
    if (node.kind !== PARAM && node.kind !== WILDCARD) params.push(`c${item.parent}`);
    for (const capture of item.caps) {
      for (const name of `${capture.start} ${capture.end} ${capture.plain}`.match(/\b[a-z]\d+\b/g) ?? []) {
        if (!params.includes(name)) params.push(name);
      }
    }
    const k = this.#subtrees.length;
    this.#subtrees.push({ node, params, parent: item.parent, caps: item.caps, depth: item.depth, calls: 0, nesting });
    this.#functions.push(null);
    const compiled = `F[${k}](p, m, l, ${params.join(', ')})`;
    const stores = storeCaptures(item.caps);
    // A static subtree is only entered when its first character matches: one call, not one per child.
    const guard = node.kind === STATIC ? `if (${charCondition(`c${item.parent}`, node.text.charCodeAt(0), this.#fold)}) ` : '';
    if (this.#all) return `${guard}{ if (F[${k}] !== null) ${compiled}; else { ${stores} visit(${k}, p, m, ${s}); } }`;
    return (
      `${guard}{ let r; if (F[${k}] !== null) r = ${compiled}; ` +
      `else { ${stores} const t = visit(${k}, p, m, ${s}); r = t === null ? null : finish(ctx, t, m, p); } ` +
      'if (r !== null) return r; }'
    );
  }
}

/**
 * Whether a path that reaches `child` can match nothing of `node`'s but through `child`:
 * `node` has no mount; a static child has no capture beside it (static children begin
 * with different characters, so one at most is entered), a capture has no sibling at all.
 * A route of `node` cannot match a path that goes on past `child` either: it matches the
 * path ending at `node` or one '/' past it, and only a lone '/' child (`endsAlone` checks
 * its own routes) or a wildcard ends there too. Checked down from the root.
 */
function soleChild<T>(node: Node<T>, child: Node<T>): boolean {
  if (node.mounts !== null) return false;
  if (child.kind === STATIC) return node.captures.length === 0;
  // A wildcard may take just a '/', which a route of `node` takes as its trailing slash.
  return node.kids.length === 0 && node.captures.length === 1 && !(child.kind === WILDCARD && node.routes !== null);
}

/**
 * Whether a path that ends at `node` (or one '/' past it) can match nothing else: no
 * mount here; not a lone '/' under a route (which takes that '/' as its optional trailing
 * slash); no child that is a lone '/', and no wildcard child (either could take the '/');
 * a param never takes a '/'.
 */
function endsAlone<T>(node: Node<T>): boolean {
  if (node.mounts !== null) return false;
  if (node.kind === STATIC && node.text === '/' && node.parent !== null && node.parent.routes !== null) return false;
  return node.kids.every((kid) => kid.text !== '/') && node.captures.every((capture) => capture.kind === PARAM);
}

/** A node with neither static children nor captures. */
function isLeaf<T>(node: Node<T>): boolean {
  return node.kids.length === 0 && node.captures.length === 0;
}

/**
 * The end of the segment starting at `start` (the next '/' or the end of the path), or its
 * complement (`~end`, negative) when the segment holds a '%' and its value needs decoding.
 * A loop over the first `SCAN_LOOP` characters, then indexOf (see SCAN_LOOP).
 */
function segmentEnd(path: string, start: number, length: number): number {
  const limit = start + SCAN_LOOP < length ? start + SCAN_LOOP : length;
  let plain = true;
  let i = start;
  for (; i < limit; i++) {
    const code = path.charCodeAt(i);
    // '/' (47) and '%' (37) both sort below '0' (48), as do few other URL characters: one
    // compare for most. Callgrind: the compiled find on '/event/abcd1234/comments' went from
    // 735 to 702 instructions, on '/user/lookup/username/john' from 678 to 662.
    if (code < 48) {
      if (code === 47) return plain ? i : ~i;
      if (code === 37) plain = false;
    }
  }
  if (i === length) return plain ? i : ~i;
  const slash = path.indexOf('/', i);
  // Past the loop a '%' may hide anywhere: let the value be scanned for one.
  return ~(slash === -1 ? length : slash);
}

/** Roughly how much code a node becomes, in units of a short static node's. */
function nodeWeight<T>(node: Node<T>): number {
  let weight = node.kind === PARAM || node.kind === WILDCARD ? 4 : 1 + Math.ceil(node.text.length / 8);
  if (node.routes !== null) weight += 2 * (node.routes.methods.length + (node.routes.any === null ? 0 : 1));
  if (node.mounts !== null) weight += 1;
  return weight;
}

/**
 * Static routes whose text is the whole path are answered before the tree: a `switch` on
 * the length, then `===` against each text of that length. V8 compares a fresh string with
 * a constant in a few nanoseconds, where walking the tree compares one character at a time
 * (measured for '/very/deeply/nested/route/hello/there': 3.5 ns against about 40 ns). The
 * tree would give the same answer: its walk tries static text first and a route ending at
 * the end of the path before anything else, so the exact static route is the first it
 * reaches. A path that differs only in case (when the router is case-insensitive) or by a
 * trailing '/' is left to the tree. Lengths with more than `STATIC_BUCKET` texts are left
 * to the tree too: a failed `===` costs about as much as a tree step.
 *
 * `matchAll` must return every match, so it answers a text here only if nothing but its
 * static routes matches it (no param, wildcard or mount route), which is found by walking
 * the tree once for that text now.
 */
function staticPrelude<T>(context: MatchContext<T>, all: boolean, terminals: Terminal<T>[], shared: RouteTerminals<T>[], constants: string[]): string {
  const byLength = new Map<number, Array<[string, RouteTerminals<T>]>>();
  for (const [text, routes] of context.staticRoutes.entries()) {
    const bucket = byLength.get(text.length);
    if (bucket === undefined) byLength.set(text.length, [[text, routes]]);
    else bucket.push([text, routes]);
  }
  const cases: string[] = [];
  let texts = 0;
  let left = 0;
  for (const [length, bucket] of byLength) {
    // The prelude is part of the root function, which must stay small enough to optimize.
    if (bucket.length > STATIC_BUCKET || texts + bucket.length > STATIC_PRELUDE_LIMIT) {
      left += bucket.length;
      continue;
    }
    texts += bucket.length;
    const tests: string[] = [];
    for (const [text, routes] of bucket) {
      if (!all) {
        tests.push(`if (p === ${JSON.stringify(text)}) {\n${returnRoute(routes, (t) => returnExact(t, text, terminals, constants)).join('\n')}\n}`);
      } else if (onlyStaticMatch(context, text, routes)) {
        // Only these routes match the text; nothing outside the tree does when `linear` is empty.
        const alone = context.linear.length === 0;
        const statements = recordRoute(routes, [], 0, terminals, shared, alone);
        tests.push(`if (p === ${JSON.stringify(text)}) {\n${statements.join('\n')}${alone ? '' : '\nreturn;'}\n}`);
      }
    }
    if (tests.length > 0) cases.push(`case ${length}:\n${tests.join(' else ')}\nbreak;`);
  }
  const prelude = cases.length === 0 ? '' : `switch (l) {\n${cases.join('\n')}\n}\n`;
  // find: the static routes left out, through the Map (its filter on length and last
  // character spares most other paths the hashing). Measured for 3,000 static routes of
  // 1,000 lengths, a path 503 characters long: 2,357 ns walking the tree.
  if (!all && left > 0) return `${prelude}{ const r = statics(ctx, p, m); if (r !== null) return r; }\n`;
  return prelude;
}

/**
 * Statements returning `find`'s result when `routes` has a route for the method `m`,
 * falling through when it has none: `answer`'s statements for the route of each method.
 * Which route answers which method is decided now, as `pickForMethod` decides it; the tree
 * cannot change under compiled code.
 */
function returnRoute<T>(routes: RouteTerminals<T>, answer: (terminal: Terminal<T>) => string): string[] {
  const lines = routes.methods.map((method) => `if (m === ${JSON.stringify(method)}) { ${answer(pickForMethod(routes, method)!)} }`);
  if (routes.any !== null) lines.push(answer(routes.any));
  return lines;
}

/**
 * One route's answer, for `returnRoute`: its params built with literal keys from the capture
 * positions in local variables (`buildParams`), and the result written out as the object
 * literal match.ts's `matchResult` makes (the same keys in the same order, so the same
 * hidden class), its data and pattern read from constants of the generated function
 * (`constants`, declared in its factory) and its kind and method inline.
 * Measured with `buildParams`' order (callgrind, `node --predictable`, instructions a lookup
 * net of the loop, fresh strings; bench/suites/instructions.mjs): '/user/lookup/username/john'
 * 893 -> 839, '/event/abcd1234/comments' 989 -> 929, '/static/index.html' 780 -> 722, where
 * calling `routeResult` (match.ts) read the route through `T[k]` and wrote the params object
 * it was handed through write barriers.
 */
function returnTerminal<T>(terminal: Terminal<T>, caps: Capture[], terminals: Terminal<T>[], constants: string[]): string {
  terminals.push(terminal);
  const k = terminals.length - 1;
  if (needsCollect(terminal)) return `return other(ctx, T[${k}], m, p);`;
  constants.push(`D${k} = T[${k}].entry.data`, `P${k} = T[${k}].alternative.pattern`);
  const { kind, method } = terminal.entry;
  return (
    `${buildParams(terminal, caps, 'value', 'wild')} ` +
    `return { data: D${k}, params: o, pattern: P${k}, kind: ${JSON.stringify(kind)}, method: ${JSON.stringify(method)}, path: p, error: undefined };`
  );
}

/**
 * Statements keeping, for compiled `matchAll`, each route of `routes` registered for the
 * method `m` (or for every method, or when `m` is ANY_METHOD, ''). An entry with several
 * alternatives goes through `recordRoutes`' bookkeeping (a lower alternative may turn up
 * later in the walk); one with a single alternative is built and kept directly.
 *
 * `alone`: these routes are the whole answer for a path that gets here (see `soleChild`,
 * `endsAlone`, and the static prelude's `onlyStaticMatch`). Then the walk ends here, and
 * a single route of a single alternative is returned as the array `matchAll` gives,
 * without the bookkeeping of hits, sorting and copying that several matches need.
 * Measured (in-process, fresh strings, medians): '/user' 37 -> 28 ns, and 11-15% off the
 * dynamic, mixed and wildcard lookups of the router-benchmark set.
 */
function recordRoute<T>(
  routes: RouteTerminals<T>,
  caps: Capture[],
  depth: number,
  terminals: Terminal<T>[],
  shared: RouteTerminals<T>[],
  alone = false,
): string[] {
  const only = routes.list[0]!;
  if (alone && routes.list.length === 1 && only.entry.alternatives.length === 1) {
    terminals.push(only);
    const method = only.entry.method;
    const build = `${buildParams(only, caps, 'laxValue', 'laxWild')} return [take(T[${terminals.length - 1}], o, p)];`;
    return method === '*' ? [build] : [`if (m === ${JSON.stringify(method)} || m === "") { ${build} }`, 'return [];'];
  }
  if (alone) return [...recordRoute(routes, caps, depth, terminals, shared), 'return;'];
  if (routes.list.some((terminal) => terminal.entry.alternatives.length > 1)) {
    shared.push(routes);
    return [`${storeCaptures(caps)} recordRoutes(R[${shared.length - 1}], p, m, ${depth});`];
  }
  return routes.list.map((terminal) => {
    terminals.push(terminal);
    const method = terminal.entry.method;
    const test = method === '*' ? 'true' : `m === ${JSON.stringify(method)} || m === ""`;
    return `if (${test}) { ${buildParams(terminal, caps, 'laxValue', 'laxWild')} put(T[${terminals.length - 1}], o, p); }`;
  });
}

/**
 * `returnTerminal` for a path that is exactly `text`, the static route's text: the route's
 * one shared result (match.ts `exactResult`), made now and returned as it is, a constant of
 * the generated function, with no allocation (measured on '/user': 15.5 -> 9-10 ns).
 */
function returnExact<T>(terminal: Terminal<T>, text: string, terminals: Terminal<T>[], constants: string[]): string {
  if (needsCollect(terminal)) return returnTerminal(terminal, [], terminals, constants);
  exactResult(terminal, text);
  terminals.push(terminal);
  const k = terminals.length - 1;
  constants.push(`E${k} = T[${k}].exact`);
  return `return E${k};`;
}

/**
 * Statements making the params object `o` from the capture positions in `caps`: the values
 * first, then the object. With no call between them, V8 makes the params object and the
 * result in one allocation, and stores into them without write barriers; made before the
 * `slice` calls, the params object had to be treated as possibly old (measured together
 * with `returnTerminal`'s constants: see there).
 */
function buildParams<T>(terminal: Terminal<T>, caps: Capture[], read: string, readWildcard: string): string {
  const { names, wildcards } = terminal.alternative;
  const values = names.map((name, i) => {
    const { start, end, plain } = caps[i]!;
    const decoded = `${wildcards[i] ? readWildcard : read}(p, ${start}, ${end}, ${JSON.stringify(name)})`;
    return `const v${i} = ${plain === 'false' ? decoded : `${plain} ? p.slice(${start}, ${end}) : ${decoded}`};`;
  });
  const stores = names.map((name, i) => `o[${JSON.stringify(name)}] = v${i};`);
  return [...values, 'const o = new PO();', ...stores].join(' ');
}

/** Statements storing `caps` where the interpreter reads them, before handing over to it. */
function storeCaptures(caps: Capture[]): string {
  return caps.map(({ start, end }, i) => `cap[${2 * i}] = ${start}; cap[${2 * i + 1}] = ${end};`).join(' ');
}

/** The condition for entering static `node` at position `s`, its first character in `c`. */
function textCondition<T>(node: Node<T>, s: string, c: string, fold: boolean, texts: string[]): string {
  const text = node.text;
  const parts: string[] = [charCondition(c, text.charCodeAt(0), fold)];
  if (text.length > INLINE_TEXT) {
    texts.push(text);
    parts.push(`text(M[${texts.length - 1}], ${!fold}, p, ${s})`);
    return parts.join(' && ');
  }
  if (text.length > 1) parts.push(`${s} + ${text.length} <= l`);
  for (let i = 1; i < text.length; i++) parts.push(charCondition(`p.charCodeAt(${s} + ${i})`, text.charCodeAt(i), fold));
  return parts.join(' && ');
}

/** `expression` (a char code) equals folded `code`: `| 32` folds exactly the letter's two cases. */
function charCondition(expression: string, code: number, fold: boolean): string {
  if (!fold || code < 97 || (code > 122 && code < 128)) return `${expression} === ${code}`;
  if (code <= 122) return `(${expression} | 32) === ${code}`;
  return `fold(${expression}) === ${code}`;
}
