/**
 * Case folding exactly as a JavaScript RegExp with the `i` flag and without `u` does it
 * (ECMAScript's Canonicalize): path-to-regexp matches case-insensitively with such a RegExp,
 * and the tree must agree with it character for character.
 *
 * Canonicalize maps a UTF-16 code unit to its upper case, unless that is not a single code
 * unit, or would map a non-ASCII unit to ASCII (so 'ſ' does not match 's', nor 'K' 'k').
 * We fold ASCII to lower case instead of upper case; equality of folded units is the same,
 * and lower case reads better in shapes and `print()`.
 */

/** Lazily filled: 0 means "not computed yet" (code unit 0 is ASCII and never looked up). */
const nonAsciiFold = new Uint16Array(0x10000);

/** The folded form of one UTF-16 code unit. */
export function foldCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  let folded = nonAsciiFold[code]!;
  if (folded === 0) {
    const upper = String.fromCharCode(code).toUpperCase();
    folded = upper.length === 1 && upper.charCodeAt(0) >= 128 ? upper.charCodeAt(0) : code;
    nonAsciiFold[code] = folded;
  }
  return folded;
}

/** The folded form of a string, one code unit at a time. */
export function foldText(text: string): string {
  let out = '';
  // fromCharCode takes its codes as arguments: stay far below engines' argument limits.
  for (let start = 0; start < text.length; start += 8192) {
    const end = Math.min(text.length, start + 8192);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) codes[i - start] = foldCode(text.charCodeAt(i));
    out += String.fromCharCode(...codes);
  }
  return out;
}
