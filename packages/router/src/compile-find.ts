/**
 * Compiled `find`: the tree turned into one JavaScript function of nested blocks, as
 * find-my-way's `compile()` and rou3's `compileRouter` do for theirs.
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
 * milliseconds, too much to redo on every registration), and only for trees within
 * `MAX_NODES`, `MAX_DEPTH` and `MAX_SOURCE` (larger ones run slower compiled, see below). Where code generation is disallowed,
 * `new Function` throws and the interpreter stays. Built without recursion.
 */
import { foldCode } from './case-fold.js';
import type { Terminal } from './entry.js';
import { ParamsObject } from './entry.js';
import {
  captures,
  findAlternative,
  finishFind,
  needsCollect,
  paramValue,
  pickForMethod,
  recordMounts,
  laxParamValue,
  laxWildcardValue,
  onlyStaticMatch,
  putRoute,
  recordRoutes,
  resumeAll,
  resumeFind,
  routeResult,
  wildcardValue,
  type MatchContext,
  type MatchResult,
} from './match.js';
import { textMatches } from './text-matcher.js';
import { PARAM, WILDCARD, type Node, type RouteTerminals } from './tree.js';

export type CompiledFind<T> = (path: string, method: string) => MatchResult<T> | null;

/** Lookups on an unchanged tree before it is compiled. */
export const COMPILE_AFTER = 32;
/**
 * Larger trees stay interpreted. V8 does not optimize a function whose bytecode passes
 * about 60 KB, and an unoptimized compiled find is slower than the interpreter: measured
 * with `/r<i>/:id` routes, compiled find took 115 ns at 150 routes (69,000 characters of
 * source) but 467 ns at 200 (93,000) and 1,656 ns at 1,000, against 160-400 ns interpreted. So the source is capped well below
 * that size, and the node count caps the work of generating it.
 */
const MAX_NODES = 600;
/** Measured: 69,000 characters (316 nodes) still ran optimized, 93,000 (421 nodes) did not. */
const MAX_SOURCE = 60_000;
/** Deeper trees stay interpreted: each level is a nested block for the JS parser. */
const MAX_DEPTH = 48;
/**
 * A param's end is found by a loop over at most this many characters, then by indexOf.
 * The loop also notes a '%', sparing the value a second scan before decoding; indexOf has
 * a fixed cost that only pays off on longer segments. Measured on '/user/lookup/username/john':
 * 16.8 ns with the loop against 21.4 ns with indexOf and a '%' scan.
 */
const SCAN_LOOP = 16;
/** Static texts of one length answered by `===` before the tree, at most. */
const STATIC_BUCKET = 8;
/** Longer texts are compared by the node's own matcher instead of inline code. */
const INLINE_TEXT = 48;

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
  /** Nesting depth, for the limit. */
  level: number;
  id: number;
  /** What to close when leaving. */
  close: string;
  /** The captures on the way, as expressions of the generated code. */
  caps: Capture[];
}

interface Capture {
  start: string;
  end: string;
  /** True when the value has no '%' and needs no decoding; 'false' when unknown. */
  plain: string;
}

export function compileFind<T>(context: MatchContext<T>): CompiledFind<T> | null {
  return compileTree(context, false) as CompiledFind<T> | null;
}

/**
 * `matchAll`'s walk compiled the same way: it records every route and mount it reaches
 * (through match.ts's `recordRoutes` and `recordMounts`) instead of returning the first,
 * and hands the same captures to the interpreter, in its all-matches mode.
 */
export function compileMatchAll<T>(context: MatchContext<T>): CompiledMatchAll | null {
  return compileTree(context, true) as CompiledMatchAll | null;
}

export type CompiledMatchAll = (path: string, method: string) => void;

function compileTree<T>(context: MatchContext<T>, all: boolean): CompiledFind<T> | CompiledMatchAll | null {
  const routes: RouteTerminals<T>[] = [];
  const mounts: Array<Terminal<T>[]> = [];
  const texts: string[] = [];
  const resumes: Node<T>[] = [];
  const out: string[] = [];
  const fold = !context.caseSensitive;
  let nextId = 0;
  const terminals: Terminal<T>[] = [];
  const stack: Item<T>[] = [{ phase: ENTER, node: context.root, parent: -1, depth: 0, level: 0, id: -1, close: '', caps: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.phase === LEAVE) {
      // find: a route ending here through the optional trailing '/', after the children, as
      // the interpreter does, since a child that takes the '/' is more specific.
      if (!all && context.trailing && item.node.routes !== null) {
        out.push(
          `if (i${item.id} === l - 1 && p.charCodeAt(i${item.id}) === 47) {`,
          ...returnRoute(item.node.routes, item.caps, terminals),
          '}',
        );
      }
      out.push(item.close);
      continue;
    }
    if (item.phase === CLOSE_KIDS) {
      out.push('}');
      continue;
    }
    const node = item.node;
    if (nextId >= MAX_NODES || item.level > MAX_DEPTH) return null;
    const id = nextId++;
    const s = item.parent === -1 ? '0' : `i${item.parent}`;
    let depth = item.depth;
    let caps = item.caps;
    if (node.parent === null) {
      out.push(`{ const i${id} = 0;`);
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
        // The end of the segment: a loop over the first SCAN_LOOP characters, which notes
        // any '%' on the way, then indexOf (see SCAN_LOOP).
        out.push(
          `{ let e${id} = ${s}, d${id} = false; const x${id} = ${s} + ${SCAN_LOOP} < l ? ${s} + ${SCAN_LOOP} : l;`,
          `for (; e${id} < x${id}; e${id}++) { const c = p.charCodeAt(e${id}); if (c === 47) break; if (c === 37) d${id} = true; }`,
          `if (e${id} === x${id} && x${id} < l) { e${id} = p.indexOf('/', x${id}); if (e${id} === -1) e${id} = l; d${id} = true; }`,
          `if (e${id} > ${s} && e${id} - ${s} <= ${context.maxParamLength === Infinity ? 'Infinity' : context.maxParamLength}) {`,
          `const i${id} = e${id};`,
        );
        item.close = '} }';
        caps = [...caps, { start: s, end: `e${id}`, plain: `!d${id}` }];
      } else if (simpleWildcard) {
        out.push(`if (l > ${s}) { const i${id} = l;`);
        item.close = '}';
        caps = [...caps, { start: s, end: 'l', plain: 'false' }];
      } else {
        // Anything else: the interpreter matches this capture and everything below it,
        // from the captures so far, which it reads from `cap`.
        resumes.push(node);
        const stores = storeCaptures(caps);
        out.push(
          all
            ? `{ ${stores} resumeAll(ctx, p, m, C[${resumes.length - 1}], ${s}, ${depth}); }`
            : `{ ${stores} const t = resume(ctx, p, m, C[${resumes.length - 1}], ${s}, ${depth}); if (t !== null) return finish(ctx, t, m, p); }`,
        );
        continue;
      }
      depth++;
    } else {
      out.push(`if (${textCondition(node, s, `c${item.parent}`, fold, texts)}) { const i${id} = ${s} + ${node.text.length};`);
      item.close = '}';
    }
    if (node.routes !== null) {
      routes.push(node.routes);
      const r = `R[${routes.length - 1}]`;
      if (!all) {
        out.push(`if (i${id} === l) {`, ...returnRoute(node.routes, caps, terminals), '}');
      } else {
        const end = context.trailing ? `i${id} === l || (i${id} === l - 1 && p.charCodeAt(i${id}) === 47)` : `i${id} === l`;
        out.push(`if (${end}) {`, ...recordRoute(node.routes, r, caps, depth, terminals), '}');
      }
    }
    if (all && node.mounts !== null) {
      mounts.push(node.mounts);
      // With the optional trailing '/', a mount's match takes a final '/' too.
      const stores = storeCaptures(caps);
      out.push(
        `if (i${id} === l || p.charCodeAt(i${id}) === 47) { ${stores} recordMounts(Mo[${mounts.length - 1}], p, ${depth}, i${id} === l - 1 ? l : i${id}); }`,
      );
    }
    stack.push({ ...item, phase: LEAVE, id, depth, caps });
    for (let i = node.captures.length - 1; i >= 0; i--) {
      stack.push({ phase: ENTER, node: node.captures[i]!, parent: id, depth, level: item.level + 1, id: -1, close: '', caps });
    }
    if (node.kids.length > 0) {
      out.push(`if (i${id} < l) { const c${id} = p.charCodeAt(i${id});`);
      stack.push({ phase: CLOSE_KIDS, node, parent: id, depth, level: item.level, id, close: '', caps });
      for (let i = node.kids.length - 1; i >= 0; i--) {
        stack.push({ phase: ENTER, node: node.kids[i]!, parent: id, depth, level: item.level + 1, id: -1, close: '', caps });
      }
    }
  }
  const prelude = staticPrelude(context, all, terminals);
  const body = `return function ${all ? 'matchAll' : 'find'}(p, m) { const l = p.length;\n${prelude}${out.join('\n')}\nreturn null; };`;
  if (body.length > MAX_SOURCE) return null;
  try {
    const factory = new Function(
      'ctx', 'R', 'Mo', 'M', 'C', 'T', 'resume', 'resumeAll', 'recordRoutes', 'recordMounts', 'cap', 'fold', 'text',
      'finish', 'other', 'hit', 'value', 'wild', 'PO', 'put', 'laxValue', 'laxWild',
      body,
    );
    return factory(
      context, routes, mounts, texts, resumes, terminals, resumeFind, resumeAll, recordRoutes, recordMounts,
      captures, foldCode, textMatches, finishFind, findAlternative, routeResult, paramValue, wildcardValue, ParamsObject,
      putRoute, laxParamValue, laxWildcardValue,
    ) as CompiledFind<T> | CompiledMatchAll;
  } catch {
    return null;
  }
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
function staticPrelude<T>(context: MatchContext<T>, all: boolean, terminals: Terminal<T>[]): string {
  const byLength = new Map<number, Array<[string, RouteTerminals<T>]>>();
  for (const [text, routes] of context.staticRoutes.entries()) {
    const bucket = byLength.get(text.length);
    if (bucket === undefined) byLength.set(text.length, [[text, routes]]);
    else bucket.push([text, routes]);
  }
  const cases: string[] = [];
  for (const [length, bucket] of byLength) {
    if (bucket.length > STATIC_BUCKET) continue;
    const tests: string[] = [];
    for (const [text, routes] of bucket) {
      if (!all) {
        tests.push(`if (p === ${JSON.stringify(text)}) {\n${returnRoute(routes, [], terminals).join('\n')}\n}`);
      } else if (onlyStaticMatch(context, text, routes)) {
        tests.push(`if (p === ${JSON.stringify(text)}) {\n${recordRoute(routes, '', [], 0, terminals).join('\n')}\nreturn;\n}`);
      }
    }
    if (tests.length > 0) cases.push(`case ${length}:\n${tests.join(' else ')}\nbreak;`);
  }
  return cases.length === 0 ? '' : `switch (l) {\n${cases.join('\n')}\n}\n`;
}

/**
 * Statements returning `find`'s result when `routes` has a route for the method `m`,
 * falling through when it has none. Which route answers which method is decided now, as
 * `pickForMethod` decides it; the tree cannot change under compiled code. The params
 * object is built with literal keys from the capture positions in local variables.
 */
function returnRoute<T>(routes: RouteTerminals<T>, caps: Capture[], terminals: Terminal<T>[]): string[] {
  const lines: string[] = [];
  for (const method of routes.methods) {
    lines.push(`if (m === ${JSON.stringify(method)}) { ${returnTerminal(pickForMethod(routes, method)!, caps, terminals)} }`);
  }
  if (routes.any !== null) lines.push(returnTerminal(routes.any, caps, terminals));
  return lines;
}

function returnTerminal<T>(terminal: Terminal<T>, caps: Capture[], terminals: Terminal<T>[]): string {
  terminals.push(terminal);
  const t = `T[${terminals.length - 1}]`;
  if (needsCollect(terminal)) return `return other(ctx, ${t}, m, p);`;
  return `const o = new PO(); ${fillParams(terminal, caps, 'value', 'wild')} return hit(${t}, o, p);`;
}

/**
 * Statements keeping, for compiled `matchAll`, each route of `routes` registered for the
 * method `m` (or for every method, or when `m` is ANY_METHOD, ''). An entry with several
 * alternatives goes through `recordRoutes`' bookkeeping (a lower alternative may turn up
 * later in the walk); one with a single alternative is built and kept directly.
 */
function recordRoute<T>(routes: RouteTerminals<T>, r: string, caps: Capture[], depth: number, terminals: Terminal<T>[]): string[] {
  if (routes.list.some((terminal) => terminal.entry.alternatives.length > 1)) {
    return [`${storeCaptures(caps)} recordRoutes(${r}, p, m, ${depth});`];
  }
  return routes.list.map((terminal) => {
    terminals.push(terminal);
    const method = terminal.entry.method;
    const test = method === '*' ? 'true' : `m === ${JSON.stringify(method)} || m === ""`;
    return `if (${test}) { const o = new PO(); ${fillParams(terminal, caps, 'laxValue', 'laxWild')} put(T[${terminals.length - 1}], o, p); }`;
  });
}

/** Statements filling the params object `o` from the capture positions in `caps`. */
function fillParams<T>(terminal: Terminal<T>, caps: Capture[], read: string, readWildcard: string): string {
  const { names, wildcards } = terminal.alternative;
  return names
    .map((name, i) => {
      const key = JSON.stringify(name);
      const { start, end, plain } = caps[i]!;
      const decoded = `${wildcards[i] ? readWildcard : read}(p, ${start}, ${end}, ${key})`;
      return `o[${key}] = ${plain === 'false' ? decoded : `${plain} ? p.slice(${start}, ${end}) : ${decoded}`};`;
    })
    .join(' ');
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
