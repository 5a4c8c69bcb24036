/**
 * Checks what kind of heap string a URL is, with V8 intrinsics: load only in a process
 * started with --allow-natives-syntax (the workers are). Used once before timing, never
 * inside a timed loop.
 */
import { freshUrlMaker } from './url-strings.mjs';

const FLAT_REFERENCE = freshUrlMaker('/reference/flat/one-byte/string')();
const INTERNALIZED_REFERENCE = '/reference/internalized/source/literal';

/** Throws unless `strings` are flat non-internalized one-byte strings, no two the same object. */
export function assertFresh(strings) {
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (!%HaveSameMap(s, FLAT_REFERENCE)) throw new Error(`URL #${i} "${s}" is not a flat, non-internalized heap string`);
    if (i > 0 && %IsSameHeapObject(s, strings[i - 1])) throw new Error(`URLs #${i - 1} and #${i} are the same heap object`);
  }
}

/** Throws unless `strings` are all the one internalized literal. */
export function assertLiteral(strings) {
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (!%HaveSameMap(s, INTERNALIZED_REFERENCE)) throw new Error(`URL #${i} "${s}" is not an internalized literal`);
    if (i > 0 && !%IsSameHeapObject(s, strings[i - 1])) throw new Error(`literal URLs #${i - 1} and #${i} differ`);
  }
}
