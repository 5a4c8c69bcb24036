/**
 * The URL strings lookups are timed on.
 *
 * Fresh: every lookup gets its own newly allocated string, as every request's `req.url`
 * is. Node's HTTP parser builds `req.url` in C++ from the bytes it read, which gives a
 * flat, sequential, one-byte heap string that is not internalized and has no cached hash.
 * `Buffer#latin1Slice` makes exactly that kind of string (a new SeqOneByteString per
 * call), so that is how fresh URLs are made. Not `prefix + i` (a ConsString that the
 * router would have to flatten, and a different URL each time) nor `long.slice(...)`
 * (a SlicedString pointing into its parent once 13 characters or longer).
 *
 * The strings are made in batches before each timed loop, outside the timed region, and
 * each is used for one lookup only: a router that caches something on the string object
 * (its hash, an internalized copy, a String#split cache entry) gets no second use of it.
 * lib/string-kind.mjs checks, in each worker before timing, that the strings really are
 * distinct flat non-internalized heap strings (with V8's own %HaveSameMap and
 * %IsSameHeapObject), and that the literal mode's strings really are internalized.
 *
 * Literal: the same internalized source literal for every lookup, as most published
 * router benchmarks do. It lets V8 reuse work keyed on the string (its cached hash, a
 * Map/property lookup that needs no internalization, the split cache), which flatters
 * map- and regex-based routers. Reported separately; rankings use the fresh mode.
 */

/** A function returning a new flat heap string equal to `url` on every call. */
export function freshUrlMaker(url) {
  const bytes = Buffer.from(url, 'latin1');
  const length = bytes.length;
  return () => bytes.latin1Slice(0, length);
}

/**
 * Input arrays for `lookups` (one array per lookup of an operation), refilled before each
 * timed batch: fresh strings in mode 'fresh', the literal itself in mode 'literal'.
 */
export function urlBatches(lookups, mode, capacity) {
  const arrays = lookups.map(() => new Array(capacity).fill(''));
  const makers = lookups.map((l) => freshUrlMaker(l.url));
  const literals = lookups.map((l) => l.url);
  const fill =
    mode === 'fresh'
      ? (n) => {
          for (let j = 0; j < arrays.length; j++) {
            const array = arrays[j];
            const make = makers[j];
            for (let i = 0; i < n; i++) array[i] = make();
          }
        }
      : (n) => {
          for (let j = 0; j < arrays.length; j++) {
            const array = arrays[j];
            const literal = literals[j];
            for (let i = 0; i < n; i++) array[i] = literal;
          }
        };
  return { arrays, fill };
}
