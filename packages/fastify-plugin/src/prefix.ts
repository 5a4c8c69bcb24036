/**
 * The prefix a route set claims in Fastify: checking it when the plugin is registered,
 * telling whether two claims overlap, and finding where it ends in a request's URL so the
 * set matches the rest (`/partners/42` under `/partners` looks up `/42`).
 *
 * `innerPath` runs on every request: a `startsWith` in the common case, a walk over the
 * prefix's characters only when the URL spells it differently (case, escapes, slashes).
 */

/**
 * Prefix segments are limited to characters Fastify's router (find-my-way) reads as plain
 * text: no `:` (a param), `*` (a wildcard) or `(` (a regexp), and ASCII only, so that a
 * URL's spelling of the prefix can be compared byte by byte.
 */
const SEGMENT = /^[A-Za-z0-9._~!$&'+,;=@-]+$/;

/** The prefix in canonical form: '' for the root, else '/a/b' without a trailing '/'. */
export function normalizePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string') {
    throw new TypeError(`@switchyard/fastify needs a string "prefix" option such as '/partners', got ${typeof prefix}`);
  }
  if (!prefix.startsWith('/')) {
    throw new TypeError(`the prefix ${JSON.stringify(prefix)} must start with '/'`);
  }
  const trimmed = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (trimmed === '/') return '';
  for (const segment of trimmed.slice(1).split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new TypeError(
        `the prefix ${JSON.stringify(prefix)} must be plain path text (letters, digits and . _ ~ - and the like, ` +
          `no params, wildcards or empty segments); put params in the set's routes instead`,
      );
    }
  }
  return trimmed;
}

/** Whether one prefix equals the other or lies under it ('' lies over everything). */
export function prefixesOverlap(a: string, b: string, caseSensitive: boolean): boolean {
  const x = caseSensitive ? a : a.toLowerCase();
  const y = caseSensitive ? b : b.toLowerCase();
  return x === y || x.startsWith(y + '/') || y.startsWith(x + '/') || x === '' || y === '';
}

export interface PathOptions {
  caseSensitive: boolean;
  /** Fastify's `ignoreDuplicateSlashes`: '//a///b' routes as '/a/b'. */
  collapseSlashes: boolean;
  /** Fastify's `useSemicolonDelimiter`: ';' starts the query as '?' does. */
  semicolonQuery: boolean;
}

/**
 * The path under `prefix` for `url` (`request.url`, query included), beginning with '/'
 * ('/' for the prefix itself), or null when the URL does not start with the prefix, which
 * Fastify's routing to the claimed routes rules out.
 */
export function innerPath(url: string, prefix: string, options: PathOptions): string | null {
  let end = url.indexOf('?');
  if (options.semicolonQuery) {
    const semicolon = url.indexOf(';');
    if (semicolon !== -1 && (end === -1 || semicolon < end)) end = semicolon;
  }
  let path = end === -1 ? url : url.slice(0, end);
  if (options.collapseSlashes && path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  let at: number;
  if (path.startsWith(prefix)) {
    at = prefix.length;
  } else {
    at = spelledPrefixEnd(path, prefix, options.caseSensitive);
    if (at === -1) return null;
  }
  if (at === path.length) return '/';
  return path.charCodeAt(at) === 47 /* / */ ? path.slice(at) : null;
}

/**
 * Where `prefix` ends in `path` when the URL spells it otherwise: in another case (for a
 * case-insensitive app) or with percent-escapes, which find-my-way decodes before matching
 * (`/p%61rtners` reaches `/partners`). -1 if it is not there.
 */
function spelledPrefixEnd(path: string, prefix: string, caseSensitive: boolean): number {
  let at = 0;
  for (let i = 0; i < prefix.length; i++) {
    let code = path.charCodeAt(at);
    let width = 1;
    if (code === 37 /* % */ && at + 2 < path.length) {
      const hex = path.slice(at + 1, at + 3);
      const decoded = HEX_PAIR.test(hex) ? Number.parseInt(hex, 16) : -1;
      // '%2F' is not a '/' to find-my-way either: it stays inside its segment.
      if (decoded !== -1 && decoded !== 47) {
        code = decoded;
        width = 3;
      }
    }
    const expected = prefix.charCodeAt(i);
    if (code !== expected && (caseSensitive || lower(code) !== lower(expected))) return -1;
    at += width;
  }
  return at;
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
