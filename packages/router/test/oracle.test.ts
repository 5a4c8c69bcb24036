/**
 * The tree against the oracle: for random routes and random paths, `matchAll` must give
 * exactly the routes path-to-regexp's `match()` matches (with the options Express passes),
 * in registration order, with the same params; `find` must give one of them, or null
 * exactly when there is none. Mounts likewise against `match(…, { end: false })`.
 */
import fc from 'fast-check';
import { match } from 'path-to-regexp';
import { describe, expect, it } from 'vitest';
import { BadParamError, PatternError, Router } from '../src/index.js';
import { COMPILE_AFTER } from '../src/match.js';

/** Express's loosen(): drop trailing slashes unless the pattern is '/'. */
const loosen = (p: string) => (p === '/' ? p : p.replace(/\/+$/, ''));

const text = fc.constantFrom('a', 'b', 'ab', 'A', 'x', '-', '.', 'v', 'é');
const name = fc.constantFrom('p', 'q', 'id', 'r');
const piece = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: name.map((n) => `:${n}`) },
  { weight: 1, arbitrary: name.map((n) => `*${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('\\:', '\\*', '\\{') },
);
const segment = fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => '/' + parts.join(''));
const groupOrSegment = fc.oneof(
  { weight: 5, arbitrary: segment },
  { weight: 1, arbitrary: segment.map((s) => `{${s}}`) },
  { weight: 1, arbitrary: fc.tuple(segment, segment).map(([a, b]) => `{${a}{${b}}}`) },
  { weight: 1, arbitrary: fc.tuple(text, name).map(([t, n]) => `{${t}:${n}}`) },
);
const pattern = fc.oneof(
  { weight: 10, arbitrary: fc.array(groupOrSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('')) },
  { weight: 1, arbitrary: fc.array(groupOrSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('') + '/') },
  { weight: 1, arbitrary: fc.constantFrom('/', '', '//') },
);
const pathChar = fc.constantFrom('a', 'b', 'A', 'B', 'x', 'v', '-', '.', '%41', '%2F', '%', '%E0%A4%A', 'é', ':', '*', '{');
const pathSegment = fc.array(pathChar, { minLength: 0, maxLength: 4 }).map((c) => '/' + c.join(''));
const path = fc.oneof(
  { weight: 8, arbitrary: fc.array(pathSegment, { minLength: 1, maxLength: 5 }).map((s) => s.join('')) },
  { weight: 1, arbitrary: fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('') + '/') },
  { weight: 1, arbitrary: fc.constantFrom('/', '', '//') },
);

/** Build a path that some route should match, by filling its captures. */
function pathFor(p: string, fill: string): string {
  return p
    .replace(/\\(.)/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/[:*][a-z]+/g, fill);
}

interface OracleHit {
  index: number;
  params: Record<string, unknown> | 'bad';
  path: string;
}

function oracle(
  patterns: string[],
  input: string,
  options: { caseSensitive: boolean; strict: boolean; end: boolean },
): OracleHit[] {
  const hits: OracleHit[] = [];
  patterns.forEach((p, index) => {
    const trailing = options.end ? !options.strict : true;
    const source = options.end && options.strict ? p : loosen(p);
    const matcher = (decode: false | typeof decodeURIComponent) =>
      match(source, { sensitive: options.caseSensitive, end: options.end, trailing, decode });
    try {
      matcher(false);
    } catch {
      return; // refused pattern: checked separately
    }
    try {
      const m = matcher(decodeURIComponent)(input);
      if (m) hits.push({ index, params: { ...m.params }, path: m.path });
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      const m = matcher(false)(input) as { path: string };
      hits.push({ index, params: 'bad', path: m.path });
    }
  });
  return hits;
}

function accepts(p: string, strict: boolean): boolean {
  try {
    match(strict ? p : loosen(p));
    return true;
  } catch {
    return false;
  }
}

const options = fc.record({ caseSensitive: fc.boolean(), strict: fc.boolean() });
const runs = { numRuns: Number(process.env.ORACLE_RUNS ?? 1500) };

describe('the tree agrees with path-to-regexp', () => {
  it('refuses exactly the patterns match() refuses, with PatternError', () => {
    fc.assert(
      fc.property(pattern, fc.boolean(), (p, strict) => {
        const router = new Router({ strict });
        let ours: unknown = null;
        try {
          router.add('GET', p, 0);
        } catch (error) {
          ours = error;
        }
        if (accepts(p, strict)) expect(ours).toBeNull();
        else expect(ours).toBeInstanceOf(PatternError);
      }),
      runs,
    );
  });

  it('matchAll gives the same routes, order and params; find gives one of them', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 8 }),
        fc.array(fc.oneof(path, fc.constant(null)), { minLength: 1, maxLength: 6 }),
        options,
        fc.constantFrom('x', 'a-b', 'é.v', 'a%41', 'A'),
        fc.boolean(),
        (patterns, paths, opts, fill, compiled) => {
          const usable = patterns.filter((p) => accepts(p, opts.strict));
          const router = new Router<number>({ ...opts, duplicates: 'allow', maxParamLength: Infinity });
          usable.forEach((p, i) => router.add('GET', p, i));
          // find and matchAll are compiled after a number of lookups on an unchanged tree:
          // test both forms.
          if (compiled) {
            for (let i = 0; i <= COMPILE_AFTER; i++) {
              router.find('GET', '/warm-up');
              router.matchAll('GET', '/warm-up');
            }
          }
          // Half the paths are built from the routes themselves, so matches are common.
          const inputs = paths.map((p, i) => p ?? pathFor(usable[i % usable.length] ?? '/', fill));
          for (const input of inputs) {
            const expected = oracle(usable, input, { ...opts, end: true });
            const actual = router.matchAll('GET', input);
            expect(
              actual.map((h) => ({ index: h.data, params: h.error ? 'bad' : { ...h.params }, path: h.path })),
              `${JSON.stringify(usable)} on ${JSON.stringify(input)} ${JSON.stringify(opts)}`,
            ).toEqual(expected);
            for (const h of actual) if (h.error) expect(h.error).toBeInstanceOf(BadParamError);
            let found;
            try {
              found = router.find('GET', input);
            } catch (error) {
              expect(error).toBeInstanceOf(BadParamError);
              expect(expected.some((e) => e.params === 'bad')).toBe(true);
              continue;
            }
            if (expected.length === 0) expect(found).toBeNull();
            else {
              const hit = expected.find((e) => e.index === found!.data);
              expect(hit, `find gave ${found?.data} for ${input}`).toBeDefined();
              expect({ ...found!.params }).toEqual(hit!.params);
            }
          }
        },
      ),
      runs,
    );
  });

  it('agrees on long runs of separators, where candidate ends are pruned', () => {
    const multi = fc.constantFrom(
      '/:from-:to', '/:file.:ext', '/:a-:b-:c', '/:a.:b-:c', '/*path/edit', '/*a.json', '/x/*a/:b',
      '/*p-:q', '/:p{-:q}', '/a/:x-:y/z', '/*a/*b', '/:p', '/*p',
    );
    const long = fc
      .array(fc.constantFrom('a', '-', '.', '/', '-a', 'edit', 'json', 'x'), { minLength: 1, maxLength: 40 })
      .map((parts) => '/' + parts.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(multi, { minLength: 1, maxLength: 5 }), fc.array(long, { minLength: 1, maxLength: 4 }), options, (patterns, paths, opts) => {
        const router = new Router<number>({ ...opts, duplicates: 'allow', maxParamLength: Infinity });
        patterns.forEach((p, i) => router.add('GET', p, i));
        for (const input of paths) {
          const expected = oracle(patterns, input, { ...opts, end: true });
          const actual = router.matchAll('GET', input);
          expect(
            actual.map((h) => ({ index: h.data, params: h.error ? 'bad' : { ...h.params }, path: h.path })),
            `${JSON.stringify(patterns)} on ${JSON.stringify(input)}`,
          ).toEqual(expected);
          const found = router.find('GET', input);
          if (expected.length === 0) expect(found).toBeNull();
          else expect(expected.map((e) => e.index)).toContain(found!.data);
        }
      }),
      runs,
    );
  });

  const compiledAgrees = (minLength: number, maxLength: number, numRuns: number, repeat: number) => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength, maxLength }),
        fc.array(fc.oneof(path, fc.constant(null)), { minLength: 1, maxLength: 6 }),
        options,
        // '/' and 'a/b' fill wildcards with slashes, which a route's trailing '/' may take too.
        fc.constantFrom('x', 'a-b', 'a%41', '/', 'a/b'),
        (patterns, paths, opts, fill) => {
          // First, a family of GET routes that share paths through a trailing '/' (which a
          // wildcard can take too), and a path of each of them below.
          const family = [patterns[0]!, `${patterns[0]}*w`].filter((p) => accepts(p, opts.strict));
          const usable = [...family, ...patterns.slice(1).filter((p) => accepts(p, opts.strict))];
          const make = () => {
            const router = new Router<number>({ ...opts, duplicates: 'allow', maxParamLength: Infinity });
            usable.forEach((p, i) =>
              i < family.length ? router.add('GET', p, i) : i % 4 === 3 ? router.mount(p, i) : router.add(i % 3 === 2 ? 'POST' : 'GET', p, i),
            );
            return router;
          };
          const interpreted = make();
          const compiled = make();
          for (let i = 0; i <= COMPILE_AFTER; i++) compiled.find('GET', '/warm-up');
          // Every other generated path with a trailing '/': the optional one of non-strict routes.
          const generated = paths.map((p, i) => p ?? pathFor(usable[(i * 37) % usable.length] ?? '/', fill) + (i % 2 === 1 ? '/' : ''));
          const inputs = [...generated, ...family.map((p) => pathFor(p, fill))];
          const outcome = (router: Router<number>, input: string) => {
            try {
              const found = router.find('GET', input);
              return found === null ? null : { data: found.data, params: { ...found.params }, pattern: found.pattern };
            } catch (error) {
              return (error as Error).name;
            }
          };
          for (let i = 0; i <= COMPILE_AFTER; i++) compiled.matchAll('GET', '/warm-up');
          const all = (router: Router<number>, input: string) =>
            router.matchAll('GET', input).map((h) => ({ data: h.data, params: { ...h.params }, path: h.path, error: h.error?.code }));
          for (const input of inputs) {
            const found = outcome(interpreted, input);
            const every = all(interpreted, input);
            // Repeated: a large tree's parts are interpreted for their first visits (256, see
            // SUBTREE_COMPILE_AFTER), then compiled.
            for (let visit = 0; visit < repeat; visit++) {
              expect(outcome(compiled, input), input).toEqual(found);
              expect(all(compiled, input), input).toEqual(every);
            }
          }
        },
      ),
      { numRuns },
    );
  };

  it('compiled find and matchAll give exactly what the interpreter gives', () => compiledAgrees(1, 10, runs.numRuns, 3));

  // Trees this large are split into several generated functions (compile-find.ts, splitPoints).
  it('agrees on large trees too, compiled into several functions', () =>
    compiledAgrees(60, 200, Math.max(20, Math.ceil(runs.numRuns / 20)), 260));


  it('mounts match as match(path, { end: false }) does, with the same prefix', () => {
    fc.assert(
      fc.property(
        fc.array(pattern.filter((p) => p !== '/'), { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(path, fc.constant(null)), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom('x', 'a-b', 'a/b'),
        fc.boolean(),
        (patterns, paths, caseSensitive, fill, compiled) => {
          const usable = patterns.filter((p) => accepts(p, false));
          const router = new Router<number>({ caseSensitive, maxParamLength: Infinity });
          usable.forEach((p, i) => router.mount(p, i));
          if (compiled) for (let i = 0; i <= COMPILE_AFTER; i++) router.matchAll('GET', '/warm-up');
          const inputs = paths.map((p, i) => p ?? pathFor(usable[i % usable.length] ?? '/', fill) + '/more');
          for (const input of inputs) {
            const expected = oracle(usable, input, { caseSensitive, strict: false, end: false });
            const actual = router.matchAll('GET', input);
            expect(
              actual.map((h) => ({ index: h.data, params: h.error ? 'bad' : { ...h.params }, path: h.path })),
              `${JSON.stringify(usable)} on ${JSON.stringify(input)}`,
            ).toEqual(expected);
          }
        },
      ),
      runs,
    );
  });
});
