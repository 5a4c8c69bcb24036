/**
 * Route sets: a named group that keeps its slot in the order and is replaced atomically.
 * A refused replace leaves routing exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { DuplicateRouteError, PatternError, Router, type RouteSetBuilder } from '../src/index.js';

function order(router: Router<string>, path: string): string[] {
  return router.matchAll('GET', path).map((h) => h.data);
}

describe('route sets', () => {
  it('hold their slot in registration order across replaces', () => {
    const router = new Router<string>();
    router.mount('/', 'before');
    const partners = router.routeSet('partners');
    router.mount('/', 'after');
    partners.replace((r) => r.add('GET', '/p/:id', 'v1').mount('/p', 'v1-mw'));
    expect(order(router, '/p/1')).toEqual(['before', 'v1', 'v1-mw', 'after']);
    partners.replace((r) => r.add('GET', '/p/:id', 'v2'));
    expect(order(router, '/p/1')).toEqual(['before', 'v2', 'after']);
    expect(router.routeSet('partners')).toBe(partners);
  });

  it('keep their place in routes() as they grow, shrink and empty', () => {
    const router = new Router<string>();
    router.add('GET', '/before', 'b');
    const set = router.routeSet('s');
    router.add('GET', '/after', 'a');
    const listed = () => router.routes().map((i) => i.pattern);
    set.replace((r) => r.add('GET', '/one', '1'));
    expect(listed()).toEqual(['/before', '/one', '/after']);
    set.replace((r) => r.add('GET', '/two', '2').add('GET', '/one', '1').add('GET', '/three', '3'));
    expect(listed()).toEqual(['/before', '/two', '/one', '/three', '/after']);
    set.replace((r) => r.add('GET', '/three', '3'));
    expect(listed()).toEqual(['/before', '/three', '/after']);
    set.clear();
    expect(listed()).toEqual(['/before', '/after']);
    set.replace((r) => r.add('GET', '/four', '4'));
    expect(listed()).toEqual(['/before', '/four', '/after']);
  });

  it('report what changed, and count versions', () => {
    const router = new Router<string>();
    const set = router.routeSet('s');
    expect(set.version).toBe(0);
    set.replace((r) => r.add('GET', '/a', 'a').add('GET', '/b', 'b'));
    const diff = set.replace((r) => r.add('GET', '/b', 'b2').add('POST', '/c', 'c'));
    expect(diff.added.map((i) => `${i.method} ${i.pattern}`)).toEqual(['POST /c']);
    expect(diff.removed.map((i) => `${i.method} ${i.pattern}`)).toEqual(['GET /a']);
    expect(diff.unchanged.map((i) => `${i.method} ${i.pattern}`)).toEqual(['GET /b']);
    expect(set.version).toBe(2);
    expect(set.routes().map((i) => [i.method, i.pattern, i.set])).toEqual([
      ['GET', '/b', 's'],
      ['POST', '/c', 's'],
    ]);
    expect(router.find('GET', '/b')?.data).toBe('b2');
    expect(router.find('GET', '/a')).toBeNull();
  });

  const refused: Array<[string, (router: Router<string>) => void, new (...args: never[]) => Error]> = [
    ['a bad pattern', (r) => r.routeSet('s').replace((b) => b.add('GET', '/new', 'n').add('GET', '/bad/:', 'x')), PatternError],
    ['a duplicate inside the set', (r) => r.routeSet('s').replace((b) => b.add('GET', '/d/:a', '1').add('GET', '/d/:b', '2')), DuplicateRouteError],
    ['a duplicate of a route outside', (r) => r.routeSet('s').replace((b) => b.add('GET', '/outside', 'x')), DuplicateRouteError],
    ['a define that throws halfway', (r) => r.routeSet('s').replace((b) => { b.add('GET', '/new', 'n'); throw new RangeError('boom'); }), RangeError],
    ['a define that returns a promise', (r) => r.routeSet('s').replace((async () => {}) as never), TypeError],
    ['a define that is not a function', (r) => r.routeSet('s').replace('nope' as never), TypeError],
  ];
  it.each(refused)('refuse %s and leave the old set serving', (_name, replace, errorType) => {
    const router = new Router<string>();
    router.add('GET', '/outside', 'outside');
    const set = router.routeSet('s');
    set.replace((r) => r.add('GET', '/old/:id', 'old'));
    const before = { routes: router.routes(), tree: router.print(), version: set.version };
    expect(() => replace(router)).toThrow(errorType);
    expect({ routes: router.routes(), tree: router.print(), version: set.version }).toEqual(before);
    expect(router.find('GET', '/old/1')?.data).toBe('old');
    expect(router.find('GET', '/new')).toBeNull();
  });

  it('may replace a route with one of the same shape (its own old one is not a duplicate)', () => {
    const router = new Router<string>();
    const set = router.routeSet('s');
    set.replace((r) => r.add('GET', '/u/:id', 'one'));
    expect(() => set.replace((r) => r.add('GET', '/u/:userId', 'two'))).not.toThrow();
    expect(router.find('GET', '/u/1')).toMatchObject({ data: 'two', params: { userId: '1' } });
  });

  it('make the rest of the router refuse duplicates of their routes', () => {
    const router = new Router<string>();
    router.routeSet('s').replace((r) => r.add('GET', '/in-set', 'x'));
    expect(() => router.add('GET', '/in-set', 'y')).toThrow(/route set "s"/);
  });

  it('clear, keeping the slot', () => {
    const router = new Router<string>();
    const set = router.routeSet('s');
    router.mount('/', 'after');
    set.replace((r) => r.add('GET', '/x', 'x'));
    expect(set.clear().removed).toHaveLength(1);
    expect(order(router, '/x')).toEqual(['after']);
    set.replace((r) => r.add('GET', '/x', 'x2'));
    expect(order(router, '/x')).toEqual(['x2', 'after']);
  });

  it('close the builder once define returns', () => {
    const router = new Router<string>();
    let kept: { add(m: string, p: string, d: string): unknown } | undefined;
    router.routeSet('s').replace((r) => {
      kept = r;
    });
    expect(() => kept!.add('GET', '/late', 'late')).toThrow(/after its define function returned/);
  });

  it('refuse a replace from inside its own define', () => {
    const router = new Router<string>();
    const set = router.routeSet('s');
    expect(() => set.replace(() => set.replace(() => {}))).toThrow(/inside its own define/);
  });

  it('reload routes they had before (kept in place in the tree) with new data, order and neighbours', () => {
    const router = new Router<string>({ duplicates: 'allow' });
    router.add('GET', '/x/:id', 'outside, first');
    const set = router.routeSet('s');
    router.add('GET', '/x/:id', 'outside, last');
    router.add('GET', '/w/:id', 'w outside, last');
    const first = (r: RouteSetBuilder<string>) =>
      r.add('GET', '/x/:id', 'a1').add('GET', '/x/:id', 'b1').mount('/x', 'm1').add('POST', '/y', 'y1').add('GET', '/w/:id', 'w-a1').add('GET', '/w/:id', 'w-b1');
    set.replace(first);
    expect(router.find('GET', '/w/1')?.data).toBe('w-a1');
    const tree = router.print();
    expect(order(router, '/x/7')).toEqual(['outside, first', 'a1', 'b1', 'm1', 'outside, last']);
    // Same routes, other order and data; one dropped, one new; lookups compiled in between.
    for (let i = 0; i < 40; i++) router.find('GET', '/x/7');
    set.replace((r) =>
      r.mount('/x', 'm2').add('GET', '/x/:id', 'b2').add('GET', '/x/:id', 'a2').add('GET', '/z', 'z2').add('GET', '/w/:id', 'w-b2').add('GET', '/w/:id', 'w-a2'),
    );
    expect(order(router, '/x/7')).toEqual(['outside, first', 'm2', 'b2', 'a2', 'outside, last']);
    expect(router.find('GET', '/w/1')?.data).toBe('w-b2');
    expect(router.find('GET', '/x/7')).toMatchObject({ data: 'outside, first', params: { id: '7' } });
    expect(router.find('POST', '/y')).toBeNull();
    expect(router.find('GET', '/z')?.data).toBe('z2');
    expect(set.routes().map((route) => route.pattern)).toEqual(['/x', '/x/:id', '/x/:id', '/z', '/w/:id', '/w/:id']);
    // Back to the first define: the tree is the one that define built.
    set.replace(first);
    expect(router.print()).toBe(tree);
    expect(router.find('GET', '/w/1')?.data).toBe('w-a1');
    expect(order(router, '/x/7')).toEqual(['outside, first', 'a1', 'b1', 'm1', 'outside, last']);
    expect(router.remove('GET', '/x/:id')).toBe(true);
    expect(order(router, '/x/7')).toEqual(['a1', 'b1', 'm1']);
  });

  it('leave no trace in the tree after 1,000 reloads', () => {
    const router = new Router<string>();
    for (let i = 0; i < 50; i++) router.add('GET', `/fixed/${i}`, 'f');
    const set = router.routeSet('reloaded');
    set.replace((r) => r.add('GET', '/p/:id', 'p0'));
    const tree = router.print();
    for (let i = 1; i <= 1000; i++) {
      set.replace((r) => {
        r.add('GET', `/p/:id`, `p${i}`);
        r.add('GET', `/tmp${i}/x`, 't');
      });
    }
    set.replace((r) => r.add('GET', '/p/:id', 'last'));
    expect(router.print()).toBe(tree.replace('p0', 'last'));
    expect(router.routes()).toHaveLength(51);
    expect(order(router, '/p/1')).toEqual(['last']);
  });
});
