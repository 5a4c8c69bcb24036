/**
 * Static text comparison for the tree's nodes: a loop over the text's code units, read
 * from a typed array made once per node.
 *
 * Why not `path.startsWith(text, at)`: on the lookup bench (bench/suites/lookup-worker.mjs,
 * fresh URL strings) it was 63% of a long static lookup, and the same comparison over a
 * Uint16Array of the text's codes costs a third less (scratch measurement: 95 ns against
 * 140 ns for 36 characters). Compiling one function per node (as find-my-way does) was
 * tried and dropped: a `new Function` per node made registering 10,000 routes take seconds.
 */
import { foldCode } from './case-fold.js';

export type TextMatcher = (path: string, at: number) => boolean;

/** A function telling whether `text` (folded unless case-sensitive) is in `path` at `at`. */
export function compileTextMatcher(text: string, caseSensitive: boolean): TextMatcher {
  const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
  const length = codes.length;
  if (length === 0) return matchEmpty;
  if (caseSensitive) {
    return (path, at) => {
      if (at + length > path.length) return false;
      for (let i = 0; i < length; i++) if (path.charCodeAt(at + i) !== codes[i]) return false;
      return true;
    };
  }
  return (path, at) => {
    if (at + length > path.length) return false;
    for (let i = 0; i < length; i++) {
      const code = path.charCodeAt(at + i);
      if (code !== codes[i] && foldCode(code) !== codes[i]) return false;
    }
    return true;
  };
}

function matchEmpty(): boolean {
  return true;
}
