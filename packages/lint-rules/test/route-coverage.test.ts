/**
 * RouteCoverage: given an earlier and a later route on one router, does the earlier one
 * match every path the later one matches? Checked against the engine's answers on paths
 * picked by hand, including ones the samples must find to avoid a false "yes".
 */
import { Router } from '@switchyard/router';
import { describe, expect, it } from 'vitest';
import { RouteCoverage, type CoverageOptions } from '../src/route-coverage.js';

const EXPRESS: CoverageOptions = { caseSensitive: false, strict: false };

describe('RouteCoverage#matchesEveryPath', () => {
  it.each([
    // earlier, later, options, answer
    [['/users/:id'], '/users/me', EXPRESS, true],
    [['/users/:id'], '/users/:id.json', EXPRESS, true],
    [['/files/*path'], '/files/:dir/:name', EXPRESS, true],
    [['/a{/:b}'], '/a/x', EXPRESS, true],
    [['/x', '/users/:id'], '/users/me', EXPRESS, true],
    [['/Users/:id'], '/users/me/', EXPRESS, true],
    [['/users/me'], '/users/:id', EXPRESS, false],
    [['/users/:id.json'], '/users/:id', EXPRESS, false],
    [['/files/:name'], '/files/*path', EXPRESS, false],
    [['/Users/:id'], '/users/me', { caseSensitive: true, strict: false }, false],
    [['/a/:x'], '/a/b/', { caseSensitive: false, strict: true }, false],
    // '/x-x-' is matched by the later route but not by the earlier one (its second param may
    // not contain '-' unless it is exactly '-'): only a sample built from the earlier
    // route's text '-' finds it.
    [['/:a-:b'], '/x-:c', EXPRESS, false],
    [['/:a-:b'], '/x-y', EXPRESS, true],
    // Too many combinations to sample: unsure, so no.
    [['/*all'], '/:a/:b/:c/:d', EXPRESS, false],
    // A pattern the engine refuses: no.
    [['/users/:'], '/users/me', EXPRESS, false],
  ] as const)('%j covers %j (%j): %s', (earlier, later, options, expected) => {
    expect(new RouteCoverage(options).matchesEveryPath(earlier, later)).toBe(expected);
  });

  it('says no for the case where the earlier route misses a path the later one matches', () => {
    // The witness for the '/:a-:b' versus '/x-:c' row above, straight from the engine.
    const earlier = new Router({ duplicates: 'allow' }).add('GET', '/:a-:b', 'a');
    const later = new Router({ duplicates: 'allow' }).add('GET', '/x-:c', 'b');
    expect(later.find('GET', '/x-x-')).not.toBeNull();
    expect(earlier.find('GET', '/x-x-')).toBeNull();
  });
});
