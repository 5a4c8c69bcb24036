/**
 * Static text comparison for the tree's nodes: whether a node's text is in the path at a
 * position. One function for every node, reading the node's text: a closure and a code
 * array per node made registering and reloading thousands of routes allocation-bound
 * (garbage collection was a third of a 1,000-route reload). Compiled find
 * (compile-find.ts) inlines the comparison instead, where lookups are hottest.
 */
import { foldCode } from './case-fold.js';

/** Whether `text` (folded unless case-sensitive) is in `path` at `at`. */
export function textMatches(text: string, caseSensitive: boolean, path: string, at: number): boolean {
  const length = text.length;
  if (at + length > path.length) return false;
  if (caseSensitive) {
    for (let i = 0; i < length; i++) if (path.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
    return true;
  }
  for (let i = 0; i < length; i++) {
    const code = path.charCodeAt(at + i);
    const expected = text.charCodeAt(i);
    if (code !== expected && foldCode(code) !== expected) return false;
  }
  return true;
}
