/**
 * One adapter per router under test. Each turns the shared route list (lib/route-set.mjs)
 * into that router's own registrations and exposes:
 *
 * - `lookup(method, url)`: the call that is timed, as thin as the router allows;
 * - `read(result)`: what the lookup found, as `{ route, values }` (the index of the
 *   matched route and its param values in order, arrays joined by '/'), or null. Used to
 *   check every router once before timing it: a router that finds nothing is an error,
 *   never a fast result.
 *
 * Case sensitivity differs by default (Express and Switchyard: insensitive; the others:
 * sensitive), so Switchyard and find-my-way run both ways and the tables say which is which.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A route's handler: a function that knows its route index (some routers want functions). */
function handlerFor(index) {
  const handler = function routeHandler() {};
  handler.routeIndex = index;
  return handler;
}

/** A param value as text: Express-style wildcards give arrays of segments, httprouter-style a leading '/'. */
function valueText(value) {
  const text = Array.isArray(value) ? value.join('/') : String(value);
  return text.startsWith('/') ? text.slice(1) : text;
}

const valuesOf = (params) => (params ? Object.values(params).map(valueText) : []);

/** `/static/*` (router-benchmark's wildcard) in each router's own spelling. */
const wildcardAs = (spelling) => (path) => (path.endsWith('/*') ? path.slice(0, -1) + spelling : path);
const expressWildcard = wildcardAs('*path');
const rou3Wildcard = wildcardAs('**:path');
const plainWildcard = (path) => path;

async function switchyard({ caseSensitive, matchAll }) {
  const { Router } = await import('@switchyard/router');
  return (routes) => {
    const router = new Router(caseSensitive ? { caseSensitive: true } : {});
    routes.forEach((r, i) => router.add(r.method, expressWildcard(r.path), i));
    if (matchAll) {
      return {
        router,
        lookup: (method, url) => router.matchAll(method, url),
        read: (hits) => (hits.length === 1 ? { route: hits[0].data, values: valuesOf(hits[0].params) } : null),
      };
    }
    return {
      router,
      lookup: (method, url) => router.find(method, url),
      read: (hit) => hit && { route: hit.data, values: valuesOf(hit.params) },
    };
  };
}

async function findMyWay({ caseSensitive = true, compiled = false }) {
  const FindMyWay = require('find-my-way');
  return (routes) => {
    const router = FindMyWay({ caseSensitive });
    routes.forEach((r, i) => router.on(r.method, plainWildcard(r.path), handlerFor(i)));
    if (compiled) router.compile();
    return {
      router,
      lookup: (method, url) => router.find(method, url),
      read: (hit) => hit && { route: hit.handler.routeIndex, values: valuesOf(hit.params) },
    };
  };
}

async function rou3({ compiled }) {
  const { createRouter, addRoute, findRoute } = await import('rou3');
  const { compileRouter } = await import('rou3/compiler');
  return (routes) => {
    const router = createRouter();
    routes.forEach((r, i) => addRoute(router, r.method, rou3Wildcard(r.path), i));
    const read = (hit) => hit && { route: hit.data, values: valuesOf(hit.params) };
    if (compiled) {
      const find = compileRouter(router);
      return { router: find, lookup: (method, url) => find(method, url), read };
    }
    return { router, lookup: (method, url) => findRoute(router, method, url), read };
  };
}

async function memoirist() {
  const { Memoirist } = await import('memoirist');
  return (routes) => {
    const router = new Memoirist();
    routes.forEach((r, i) => router.add(r.method, plainWildcard(r.path), i));
    return {
      router,
      lookup: (method, url) => router.find(method, url),
      read: (hit) => hit && { route: hit.store, values: valuesOf(hit.params) },
    };
  };
}

async function honoRegExp() {
  const { RegExpRouter } = await import('hono/router/reg-exp-router');
  return (routes) => {
    const router = new RegExpRouter();
    routes.forEach((r, i) => router.add(r.method, plainWildcard(r.path), i));
    return {
      router,
      lookup: (method, url) => router.match(method, url),
      // Hono's RegExpRouter returns [[data, {name: index into stash}], ...] and a stash of
      // captures: it leaves building the params object to the caller (hono's Context), lazily.
      read: ([matches, stash]) => {
        if (matches.length === 0) return null;
        const [data, indexes] = matches[0];
        return { route: data, values: Object.values(indexes).map((k) => valueText(stash[k])) };
      },
    };
  };
}

async function honoTrie() {
  const { TrieRouter } = await import('hono/router/trie-router');
  return (routes) => {
    const router = new TrieRouter();
    routes.forEach((r, i) => router.add(r.method, plainWildcard(r.path), i));
    return {
      router,
      lookup: (method, url) => router.match(method, url),
      read: ([matches]) => (matches.length === 0 ? null : { route: matches[0][0], values: valuesOf(matches[0][1]) }),
    };
  };
}

async function koaTree() {
  const KoaTreeRouter = require('koa-tree-router');
  return (routes) => {
    const router = new KoaTreeRouter();
    routes.forEach((r, i) => router.on(r.method, expressWildcard(r.path), handlerFor(i)));
    return {
      router,
      lookup: (method, url) => router.find(method, url),
      read: (hit) =>
        hit.handle && {
          route: hit.handle[0].routeIndex,
          values: hit.params.map((p) => valueText(p.value)),
        },
    };
  };
}

/**
 * Express 5's router (`router@2`) has no lookup call: routing is `handle(req, res, done)`,
 * which walks the layer stack and calls the matching handler. The handler records which
 * route it is; each lookup gets a fresh minimal `req` (as each request does), so nothing
 * is cached on it between lookups (router@2 caches the parsed URL on `req`).
 */
async function expressRouter({ caseSensitive = false } = {}) {
  const Router = require('router');
  return (routes) => {
    const router = Router({ caseSensitive });
    const res = { found: -1, params: null };
    const notFound = () => {
      res.found = -2;
    };
    routes.forEach((r, i) => {
      router[r.method.toLowerCase()](expressWildcard(r.path), (req, res) => {
        res.found = i;
        res.params = req.params;
      });
    });
    return {
      router,
      lookup(method, url) {
        res.found = -1;
        router.handle({ method, url }, res, notFound);
        return res.found;
      },
      read: (found) => (found >= 0 ? { route: found, values: valuesOf(res.params) } : null),
    };
  };
}

/**
 * Every router, by the name the workers take on their command line. `caseSensitive` is
 * what the row compares: Switchyard's default (insensitive, as Express) or `true` (as
 * find-my-way and the others by default).
 */
export const ROUTERS = {
  'switchyard-find': { label: 'Switchyard find', pkg: '@switchyard/router', caseSensitive: false, make: () => switchyard({ caseSensitive: false }) },
  'switchyard-find-cs': { label: 'Switchyard find (caseSensitive)', pkg: '@switchyard/router', caseSensitive: true, make: () => switchyard({ caseSensitive: true }) },
  'switchyard-matchAll': { label: 'Switchyard matchAll', pkg: '@switchyard/router', caseSensitive: false, make: () => switchyard({ caseSensitive: false, matchAll: true }) },
  'switchyard-matchAll-cs': { label: 'Switchyard matchAll (caseSensitive)', pkg: '@switchyard/router', caseSensitive: true, make: () => switchyard({ caseSensitive: true, matchAll: true }) },
  'find-my-way': { label: 'find-my-way', pkg: 'find-my-way', caseSensitive: true, make: () => findMyWay({}) },
  'find-my-way-compiled': { label: 'find-my-way compile()', pkg: 'find-my-way', caseSensitive: true, make: () => findMyWay({ compiled: true }) },
  'find-my-way-ci': { label: 'find-my-way (caseSensitive: false)', pkg: 'find-my-way', caseSensitive: false, make: () => findMyWay({ caseSensitive: false }) },
  rou3: { label: 'rou3 findRoute', pkg: 'rou3', caseSensitive: true, make: () => rou3({ compiled: false }) },
  'rou3-compiled': { label: 'rou3 compileRouter', pkg: 'rou3', caseSensitive: true, make: () => rou3({ compiled: true }) },
  memoirist: { label: 'memoirist', pkg: 'memoirist', caseSensitive: true, make: () => memoirist() },
  // Hono's `/static/*` matches without capturing: only the route is checked for it.
  'hono-regexp': { label: 'hono RegExpRouter', pkg: 'hono', caseSensitive: true, anonymousWildcard: true, make: () => honoRegExp() },
  'hono-trie': { label: 'hono TrieRouter', pkg: 'hono', caseSensitive: true, anonymousWildcard: true, make: () => honoTrie() },
  'koa-tree-router': { label: 'koa-tree-router', pkg: 'koa-tree-router', caseSensitive: true, make: () => koaTree() },
  'express-router': { label: 'Express 5 router (router@2 handle)', pkg: 'router', caseSensitive: false, make: () => expressRouter() },
};

/** The installed version of a package (read from its package.json: some exports maps hide it). */
export function versionOf(pkg) {
  if (pkg.startsWith('@switchyard/')) {
    const dir = pkg.slice('@switchyard/'.length);
    return JSON.parse(readFileSync(new URL(`../../packages/${dir}/package.json`, import.meta.url))).version;
  }
  return JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url))).version;
}

/** Build `routes` into router `name` and check it answers every lookup as expected. */
export async function buildChecked(name, routes, lookups) {
  const spec = ROUTERS[name];
  if (!spec) throw new Error(`unknown router "${name}"; known: ${Object.keys(ROUTERS).join(', ')}`);
  const built = (await spec.make())(routes);
  for (const l of lookups) {
    const values = spec.anonymousWildcard && routes[l.route].path.endsWith('/*') ? [] : l.values;
    const found = built.read(built.lookup(l.method, l.url));
    const ok =
      found !== null &&
      found !== undefined &&
      found.route === l.route &&
      values.every((v) => found.values.includes(v));
    if (!ok) {
      throw new Error(
        `${name}: ${l.method} ${l.url} should match route #${l.route} (${routes[l.route].path}) ` +
          `with values ${JSON.stringify(l.values)}; got ${JSON.stringify(found)}`,
      );
    }
  }
  return built;
}
