/**
 * The two things dispatch reads from `req.url`: its pathname (what layers match against)
 * and, for a fully-qualified URL, its `protocol://host` part (kept when a mount strips
 * its prefix). Both agree with what Express's router computes with `parseurl`.
 */
import { parse as legacyParse } from 'node:url';

/**
 * The pathname of `url`, or undefined when there is none (no `req.url`, or one that cannot
 * be parsed): then Express's router hands the request straight to `done`.
 */
export function pathnameOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  if (url.charCodeAt(0) === 0x2f /* / */) {
    // parseurl's fast path: a path with none of the characters the full parser treats
    // specially is cut at its first '?'.
    let end = url.length;
    for (let i = 1; i < url.length; i++) {
      switch (url.charCodeAt(i)) {
        case 0x3f /* ? */:
          if (end === url.length) end = i;
          break;
        case 0x09:
        case 0x0a:
        case 0x0c:
        case 0x0d:
        case 0x20:
        case 0x23 /* # */:
        case 0xa0:
        case 0xfeff:
          return slowPathname(url);
      }
    }
    return end === url.length ? url : url.slice(0, end);
  }
  return slowPathname(url);
}

/** Anything else goes through Node's legacy parser, exactly as parseurl does. */
function slowPathname(url: string): string | undefined {
  try {
    return legacyParse(url).pathname ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * `protocol://host` of a fully-qualified `url` such as `http://example.com/a?b`, or '' for
 * an ordinary path: a mount strips its prefix from what follows it.
 */
export function protohostOf(url: unknown): string {
  if (typeof url !== 'string' || url.length === 0 || url.charCodeAt(0) === 0x2f) return '';
  const search = url.indexOf('?');
  const pathLength = search === -1 ? url.length : search;
  const scheme = url.slice(0, pathLength).indexOf('://');
  if (scheme === -1) return '';
  // As Express: up to the first '/' after the scheme (which may be -1, giving all but one char).
  return url.slice(0, url.indexOf('/', 3 + scheme));
}
