/**
 * The route set and lookup cases of router-benchmark (delvedor/router-benchmark), which
 * find-my-way, hono and others publish figures for, written once here and translated
 * into each router's wildcard syntax by its adapter (lib/routers.mjs).
 *
 * `/static/*` is router-benchmark's spelling of "anything below /static/": every router
 * gets its own multi-segment wildcard for it.
 */

export const ROUTES = [
  { method: 'GET', path: '/user' },
  { method: 'GET', path: '/user/comments' },
  { method: 'GET', path: '/user/avatar' },
  { method: 'GET', path: '/user/lookup/username/:username' },
  { method: 'GET', path: '/user/lookup/email/:address' },
  { method: 'GET', path: '/event/:id' },
  { method: 'GET', path: '/event/:id/comments' },
  { method: 'POST', path: '/event/:id/comment' },
  { method: 'GET', path: '/map/:location/events' },
  { method: 'GET', path: '/status' },
  { method: 'GET', path: '/very/deeply/nested/route/hello/there' },
  { method: 'GET', path: '/static/*' },
];

/**
 * One lookup: the request, the index in ROUTES of the route that must answer it, and the
 * param values it must yield (by value: routers name a wildcard's param differently).
 */
const lookup = (method, url, route, values = []) => ({ method, url, route, values });

const SHORT_STATIC = lookup('GET', '/user', 0);
const SAME_RADIX = lookup('GET', '/user/comments', 1);
const DYNAMIC = lookup('GET', '/user/lookup/username/john', 3, ['john']);
const MIXED = lookup('GET', '/event/abcd1234/comments', 6, ['abcd1234']);
const LONG_STATIC = lookup('GET', '/very/deeply/nested/route/hello/there', 10);
const WILDCARD = lookup('GET', '/static/index.html', 11, ['index.html']);

/** router-benchmark's cases; "all together" is one operation of all six lookups. */
export const CASES = {
  'short-static': { title: 'short static', lookups: [SHORT_STATIC] },
  'same-radix': { title: 'static with same radix', lookups: [SAME_RADIX] },
  dynamic: { title: 'dynamic route', lookups: [DYNAMIC] },
  mixed: { title: 'mixed static dynamic', lookups: [MIXED] },
  'long-static': { title: 'long static', lookups: [LONG_STATIC] },
  wildcard: { title: 'wildcard', lookups: [WILDCARD] },
  all: {
    title: 'all together (6 lookups per op)',
    lookups: [SHORT_STATIC, SAME_RADIX, DYNAMIC, MIXED, LONG_STATIC, WILDCARD],
  },
};

/**
 * The scaling suite's route sets: `count` routes, all static or all with one param, and
 * the lookup that hits the last one registered (the worst case for a router that scans).
 */
export function scalingRoutes(kind, count) {
  const routes = [];
  for (let i = 0; i < count; i++) {
    routes.push({ method: 'GET', path: kind === 'static' ? `/route${i}/items` : `/route${i}/:id` });
  }
  const last = count - 1;
  const hit =
    kind === 'static'
      ? lookup('GET', `/route${last}/items`, last)
      : lookup('GET', `/route${last}/42`, last, ['42']);
  return { routes, lookups: [hit] };
}
