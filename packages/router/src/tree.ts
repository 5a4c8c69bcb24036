/**
 * The radix tree: how entries are stored, added, removed and printed. Matching lives in
 * `match.ts`; this file owns the shape of the data it walks.
 *
 * A node is reached by static text (compressed: one node holds a whole run of text shared
 * by its routes) or by a capture. A node's static children are found by the first code
 * unit of their text, captures are kept apart from them, params before wildcards. All
 * text is stored folded when the router is case-insensitive. Nothing here recurses: the
 * tree is as deep as the longest route, and a 20,000-segment route must not overflow.
 */
import { BoundedCache } from './bounded-cache.js';
import { foldText } from './case-fold.js';
import type { Entry, EntryAlternative, Terminal } from './entry.js';
import { compareOrder } from './entry.js';
import type { CaptureBranch, FlatToken } from './pattern.js';

export const STATIC = 0;
export const PARAM = 1;
export const WILDCARD = 2;

/** A capture's branch, ready for the hot path. */
export interface CompiledBranch {
  /** Exact text to match (folded), or null for a run of characters. */
  literal: string | null;
  /** Texts (folded) at whose first position a run stops. */
  stops: string[];
  /** True when the only stop is '/': the run ends at the next '/', found with indexOf. */
  slashOnly: boolean;
  /** ASCII code units that are a one-character stop (both cases when case-insensitive). */
  stopMask: Uint8Array;
  /** Folded non-ASCII one-character stops, and stops longer than one character. */
  otherStops: string[];
  /**
   * Per lookup (`epoch`), where the last stop begins in the path, and the last one before
   * the path's last character: a run from a start after it reaches the end. Filled by
   * match.ts on first use in a lookup.
   */
  epoch: number;
  lastStop: number;
  lastStopBeforeLast: number;
}

const EMPTY_MASK = new Uint8Array(128);

/**
 * Mark a folded ASCII code unit and every ASCII unit folding to it. (Marking both cases is
 * right for case-sensitive nodes too: their codes are not folded, and the walk compares the
 * exact text right after, so the mask only has to never miss.)
 */
function markBothCases(mask: Uint8Array, code: number): void {
  mask[code] = 1;
  if (code >= 97 && code <= 122) mask[code - 32] = 1;
  else if (code >= 65 && code <= 90) mask[code + 32] = 1;
}

/** Above this many static children a node also keeps a table indexed by code unit. */
const KID_TABLE_THRESHOLD = 8;

/** The routes ending at a node, with the first one per method ready for `find`. */
export class RouteTerminals<T> {
  list: Terminal<T>[] = [];
  /**
   * First route per method, as parallel arrays scanned with `===`: a node has a handful of
   * methods, and the scan beat a dictionary object's hashed lookup on the lookup bench.
   */
  methods: string[] = [];
  firsts: Terminal<T>[] = [];
  any: Terminal<T> | null = null;

  add(terminal: Terminal<T>): void {
    // A literal holds exactly one element; a pushed-to array reserves 17.
    if (this.list.length === 0) this.list = [terminal];
    else insertSorted(this.list, terminal);
    this.index();
  }

  delete(terminal: Terminal<T>): void {
    const at = this.list.indexOf(terminal);
    if (at !== -1) this.list.splice(at, 1);
    this.index();
  }

  /** `delete(old)` then `add(terminal)`, indexing once. */
  replace(old: Terminal<T>, terminal: Terminal<T>): void {
    const at = this.list.indexOf(old);
    if (at !== -1) this.list.splice(at, 1);
    insertSorted(this.list, terminal);
    this.index();
  }

  private index(): void {
    const methods: string[] = [];
    const firsts: Terminal<T>[] = [];
    this.any = null;
    for (const terminal of this.list) {
      const method = terminal.entry.method;
      if (method === '*') this.any ??= terminal;
      else if (!methods.includes(method)) {
        methods.push(method);
        firsts.push(terminal);
      }
    }
    // Copies of exactly their length (see Node.kids).
    this.methods = methods.slice();
    this.firsts = firsts.slice();
  }
}

const NO_CODES: number[] = [];
const NO_NODES: Node<unknown>[] = [];
const NO_BRANCHES: CompiledBranch[] = [];

export class Node<T> {
  kind: number;
  /** Static text into this node (folded if case-insensitive); '' for the root and captures. */
  text: string;
  parent: Node<T> | null;
  // Empty until the first child: the shared empty arrays below (never written: setKid and
  // insertCapture replace them), since most nodes are leaves and an array that is pushed to
  // reserves room for 17 elements. Measured: a third of the heap of 10,000 routes.
  kidCodes: number[] = NO_CODES;
  kids: Node<T>[] = NO_NODES as Node<T>[];
  kidTable: Array<Node<T> | undefined> | null = null;
  /**
   * ASCII code units a static child can start with, both cases when case-insensitive: lets
   * a capture skip ends where nothing could follow with one array read per character.
   */
  kidStartMask: Uint8Array = EMPTY_MASK;
  /** How many static children mark each unit of `kidStartMask`: removing one is O(1). */
  kidStartCount: Uint16Array | null = null;
  /** True when some static child starts with a non-ASCII unit (then `kid()` decides). */
  kidStartNonAscii = false;
  /** Capture children: params first, then wildcards, each in the order first added. */
  captures: Node<T>[] = NO_NODES as Node<T>[];
  /** For a capture node: how it matches, and a key that tells two specs apart. */
  branches: CompiledBranch[] = NO_BRANCHES;
  captureKey = '';
  routes: RouteTerminals<T> | null = null;
  mounts: Terminal<T>[] | null = null;

  constructor(kind: number, text: string, parent: Node<T> | null) {
    this.kind = kind;
    this.text = text;
    this.parent = parent;
  }

  kid(code: number): Node<T> | undefined {
    if (this.kidTable !== null && code < 128) return this.kidTable[code];
    const codes = this.kidCodes;
    for (let i = 0; i < codes.length; i++) if (codes[i] === code) return this.kids[i];
    return undefined;
  }

  setKid(code: number, node: Node<T>): void {
    node.parent = this;
    const at = this.kidCodes.indexOf(code);
    if (at !== -1) {
      // Same first character: the indexes stay as they are.
      this.kids[at] = node;
      if (this.kidTable !== null && code < 128) this.kidTable[code] = node;
      return;
    }
    if (this.kids.length === 0) {
      this.kidCodes = [code];
      this.kids = [node];
    } else {
      this.kidCodes.push(code);
      this.kids.push(node);
    }
    // Update the indexes in place: rebuilding them per child made 20,000 siblings quadratic.
    if (code >= 128) this.kidStartNonAscii = true;
    else this.countKidStart(code, 1);
    if (this.kidTable !== null) {
      if (code < 128) this.kidTable[code] = node;
      else this.kidTable = null; // a non-ASCII first character: `kid` scans instead
    } else if (this.kids.length === KID_TABLE_THRESHOLD + 1 && !this.kidStartNonAscii) {
      const table: Array<Node<T> | undefined> = new Array(128).fill(undefined);
      for (let i = 0; i < this.kids.length; i++) table[this.kidCodes[i]!] = this.kids[i];
      this.kidTable = table;
    }
  }

  deleteKid(code: number): void {
    const at = this.kidCodes.indexOf(code);
    if (at === -1) return;
    this.kidCodes.splice(at, 1);
    this.kids.splice(at, 1);
    if (code >= 128) this.kidStartNonAscii = this.kidCodes.some((c) => c >= 128);
    else this.countKidStart(code, -1);
    if (this.kidTable !== null) this.kidTable[code] = undefined;
  }

  /** Mark (or unmark) the units a child starting with folded `code` can start with. */
  private countKidStart(code: number, delta: number): void {
    if (this.kidStartCount === null) {
      this.kidStartCount = new Uint16Array(128);
      this.kidStartMask = new Uint8Array(128);
    }
    const counts = this.kidStartCount;
    const mask = this.kidStartMask;
    const other = code >= 97 && code <= 122 ? code - 32 : code >= 65 && code <= 90 ? code + 32 : -1;
    counts[code]! += delta;
    mask[code] = counts[code]! > 0 ? 1 : 0;
    if (other !== -1) {
      counts[other]! += delta;
      mask[other] = counts[other]! > 0 ? 1 : 0;
    }
  }

  isEmpty(): boolean {
    return (
      this.kids.length === 0 &&
      this.captures.length === 0 &&
      (this.routes === null || this.routes.list.length === 0) &&
      (this.mounts === null || this.mounts.length === 0)
    );
  }
}

export interface TreeOptions {
  caseSensitive: boolean;
}

/** Where an alternative ended up, so it can be removed again without a search. */
export interface Placement<T> {
  node: Node<T>;
  terminal: Terminal<T>;
}

/** Add one alternative of `entry` to the tree rooted at `root`. Never throws. */
export function insertAlternative<T>(
  root: Node<T>,
  entry: Entry<T>,
  alternative: EntryAlternative,
  options: TreeOptions,
): Placement<T> {
  let node = root;
  for (const token of alternative.tokens as FlatToken[]) {
    if (token.type === 'text') {
      node = insertText(node, options.caseSensitive ? token.value : foldText(token.value));
    } else {
      node = insertCapture(node, token.type === 'param' ? PARAM : WILDCARD, token.branches, options);
    }
  }
  const terminal: Terminal<T> = { entry, alternative, exact: null };
  if (entry.kind === 'mount') {
    node.mounts ??= [];
    insertSorted(node.mounts, terminal);
  } else {
    node.routes ??= new RouteTerminals<T>();
    node.routes.add(terminal);
  }
  return { node, terminal };
}

function insertText<T>(node: Node<T>, text: string): Node<T> {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const child = node.kid(code);
    if (child === undefined) {
      const created = new Node<T>(STATIC, text.slice(i), node);
      node.setKid(code, created);
      return created;
    }
    const edge = child.text;
    let common = 1;
    while (
      common < edge.length &&
      i + common < text.length &&
      edge.charCodeAt(common) === text.charCodeAt(i + common)
    ) {
      common++;
    }
    if (common < edge.length) {
      // Split the edge: a new node holds the shared part, the old one keeps the rest.
      const middle = new Node<T>(STATIC, edge.slice(0, common), node);
      node.setKid(code, middle);
      child.text = edge.slice(common);
      middle.setKid(child.text.charCodeAt(0), child);
      node = middle;
    } else {
      node = child;
    }
    i += common;
  }
  return node;
}

function insertCapture<T>(
  node: Node<T>,
  kind: number,
  branches: CaptureBranch[],
  options: TreeOptions,
): Node<T> {
  const fold = (text: string) => (options.caseSensitive ? text : foldText(text));
  // The key is built from the raw branches: compiling them (a 128-byte mask each) only to
  // find the capture already exists was most of the garbage of registering 10,000 routes.
  const key = `${kind}:${JSON.stringify(branches.map((b) => [b.literal === null ? null : fold(b.literal), b.stops.map(fold)]))}`;
  for (const capture of node.captures) if (capture.captureKey === key) return capture;
  const capture = new Node<T>(kind, '', node);
  capture.branches = sharedBranches(key, branches, options);
  capture.captureKey = key;
  // Params before wildcards: `find` tries captures in this order.
  let at = node.captures.length;
  if (kind === PARAM) {
    at = node.captures.findIndex((c) => c.kind === WILDCARD);
    if (at === -1) at = node.captures.length;
  }
  if (node.captures.length === 0) node.captures = [capture];
  else node.captures.splice(at, 0, capture);
  return capture;
}

/**
 * Compiled branches, shared by every capture node of the same spec (nearly all params are
 * "up to '/'"): they are read-only but for the per-lookup cache of `lastStops`, which
 * depends only on the branch and the path. Saves four objects per param node.
 */
const branchesByKey = new BoundedCache<string, CompiledBranch[]>(10_000);

function sharedBranches(key: string, branches: CaptureBranch[], options: TreeOptions): CompiledBranch[] {
  const sharedKey = `${options.caseSensitive ? 's' : 'i'}${key}`;
  return branchesByKey.get(sharedKey, () => branches.map((branch) => compileBranch(branch, options)));
}

/** Stop masks are read-only: routes with the same stops share one (nearly all: '/'). */
const stopMasks = new Map<string, Uint8Array>();

function sharedStopMask(codes: number[], caseSensitive: boolean): Uint8Array {
  const key = `${caseSensitive ? 's' : 'i'}${codes.join(',')}`;
  let mask = stopMasks.get(key);
  if (mask === undefined) {
    mask = new Uint8Array(128);
    for (const code of codes) {
      if (caseSensitive) mask[code] = 1;
      else markBothCases(mask, code);
    }
    stopMasks.set(key, mask);
  }
  return mask;
}

function compileBranch(branch: CaptureBranch, options: TreeOptions): CompiledBranch {
  const fold = (text: string) => (options.caseSensitive ? text : foldText(text));
  const stops = branch.stops.map(fold);
  const otherStops: string[] = [];
  const singles: number[] = [];
  for (const stop of stops) {
    const code = stop.charCodeAt(0);
    if (stop.length === 1 && code < 128) singles.push(code);
    else otherStops.push(stop);
  }
  const stopMask = sharedStopMask(singles, options.caseSensitive);
  return {
    literal: branch.literal === null ? null : fold(branch.literal),
    stops,
    slashOnly: stops.length === 1 && stops[0] === '/',
    stopMask,
    otherStops,
    epoch: -1,
    lastStop: -1,
    lastStopBeforeLast: -1,
  };
}

/**
 * Take an alternative out again, then tidy up: drop nodes left empty, and merge a static
 * node with its only child when nothing else hangs off it, so that the tree after any
 * sequence of adds and removes is the tree those routes would have built from scratch.
 */
export function removeAlternative<T>(placement: Placement<T>): void {
  const { node, terminal } = placement;
  if (terminal.entry.kind === 'mount') {
    const at = node.mounts?.indexOf(terminal) ?? -1;
    if (at !== -1) node.mounts!.splice(at, 1);
    if (node.mounts?.length === 0) node.mounts = null;
  } else {
    node.routes?.delete(terminal);
    if (node.routes?.list.length === 0) node.routes = null;
  }
  let current: Node<T> | null = node;
  while (current !== null && current.parent !== null && current.isEmpty()) {
    const parent: Node<T> = current.parent;
    if (current.kind === STATIC) {
      parent.deleteKid(current.text.charCodeAt(0));
    } else {
      parent.captures.splice(parent.captures.indexOf(current), 1);
    }
    current.parent = null;
    current = parent;
  }
  if (current !== null) mergeSingleChild(current);
}

/**
 * Put `terminal` where `placement`'s terminal was (same node: the same tokens end there),
 * in its sorted place. For a route set reloading an unchanged route: the tree keeps its
 * shape, where removing and adding again would take nodes apart and build them anew.
 */
export function replaceTerminal<T>(placement: Placement<T>, terminal: Terminal<T>): Placement<T> {
  const node = placement.node;
  if (terminal.entry.kind === 'mount') {
    const mounts = node.mounts!;
    mounts.splice(mounts.indexOf(placement.terminal), 1);
    insertSorted(mounts, terminal);
  } else {
    node.routes!.replace(placement.terminal, terminal);
  }
  return { node, terminal };
}

function mergeSingleChild<T>(node: Node<T>): void {
  // The root and captures have no text of their own to merge into.
  if (node.kind !== STATIC || node.parent === null) return;
  if (node.kids.length === 1 && node.captures.length === 0 && node.routes === null && node.mounts === null) {
    const only = node.kids[0]!;
    node.text += only.text;
    node.kidCodes = only.kidCodes;
    node.kids = only.kids;
    node.kidTable = only.kidTable;
    node.kidStartMask = only.kidStartMask;
    node.kidStartCount = only.kidStartCount;
    node.kidStartNonAscii = only.kidStartNonAscii;
    node.captures = only.captures;
    node.routes = only.routes;
    node.mounts = only.mounts;
    for (const kid of node.kids) kid.parent = node;
    for (const capture of node.captures) capture.parent = node;
    only.parent = null;
  }
}

function insertSorted<T>(list: Terminal<T>[], terminal: Terminal<T>): void {
  let at = list.length;
  while (at > 0 && compareTerminals(list[at - 1]!, terminal) > 0) at--;
  list.splice(at, 0, terminal);
}

function compareTerminals<T>(a: Terminal<T>, b: Terminal<T>): number {
  return compareOrder(a.entry, b.entry) || a.alternative.index - b.alternative.index;
}

/** The tree as indented text, for people. */
export function printTree<T>(root: Node<T>): string {
  const lines: string[] = [];
  const stack: Array<{ node: Node<T>; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    let label: string;
    if (node.kind === PARAM) label = `:param ${describeBranches(node.branches)}`;
    else if (node.kind === WILDCARD) label = `*wildcard ${describeBranches(node.branches)}`;
    else label = node.parent === null ? '(root)' : JSON.stringify(node.text);
    const ends: string[] = [];
    for (const t of node.routes?.list ?? []) ends.push(`${t.entry.method} ${t.entry.display}`);
    for (const t of node.mounts ?? []) ends.push(`USE ${t.entry.display}`);
    lines.push('  '.repeat(depth) + label + (ends.length > 0 ? `  => ${ends.join(', ')}` : ''));
    const children = [...node.kids].sort((a, b) => (a.text < b.text ? -1 : 1)).concat(node.captures);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
  }
  return lines.join('\n');
}

function describeBranches(branches: CompiledBranch[]): string {
  return branches
    .map((b) => (b.literal !== null ? JSON.stringify(b.literal) : b.stops.length === 0 ? '(any)' : `(until ${b.stops.map((s) => JSON.stringify(s)).join(' or ')})`))
    .join(' | ');
}
