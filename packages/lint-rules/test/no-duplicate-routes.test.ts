/**
 * no-duplicate-routes: given a file of registrations, which later ones are reported, where,
 * and which stay silent.
 */
import rule from '../src/rules/no-duplicate-routes.js';
import { commonjsTester, expressApp, lines, moduleTester, typescriptTester } from './rule-tester.js';

const duplicate = (line: number) => ({ messageId: 'duplicate', line });
const duplicateMount = (line: number) => ({ messageId: 'duplicateMount', line });

moduleTester.run('no-duplicate-routes', rule, {
  valid: [
    // Different shapes, different methods.
    expressApp("app.get('/users', list);", "app.get('/users/:id', show);", "app.post('/users', create);"),
    // Mutually exclusive branches, and registrations not run every time.
    expressApp("if (admin) app.get('/users', a);", "else app.get('/users', b);"),
    expressApp("if (admin) { app.get('/users', a); app.get('/users', b); }"),
    expressApp("admin ? app.get('/users', a) : app.get('/users', b);"),
    expressApp("admin && app.get('/users', a);", "app.get('/users', b);"),
    expressApp("switch (mode) {", "  case 1: app.get('/users', a); break;", "  default: app.get('/users', b);", "}"),
    expressApp("for (const h of handlers) { app.get('/users', h); app.get('/users', h); }"),
    expressApp("try { app.get('/users', a); } catch { app.get('/users', b); }"),
    // Different function bodies of the same app.
    expressApp("app.get('/users', a);", "function later() { app.get('/users', b); }"),
    // Dynamic paths are skipped.
    expressApp("app.get(prefix + '/users', a);", "app.get(prefix + '/users', b);"),
    expressApp('app.get(`/${version}/users`, a);', 'app.get(`/${version}/users`, b);'),
    expressApp("let path = '/users';", 'app.get(path, a);', 'app.get(path, b);'),
    expressApp('app.get(...args);', 'app.get(...args);'),
    // Not routers: HTTP clients, Maps, and a one-argument app.get that reads a setting.
    lines("import axios from 'axios';", "axios.post('/users', data);", "axios.post('/users', data);"),
    lines("import axios from 'axios';", 'const api = axios.create();', "api.get('/users', config);", "api.get('/users', config);"),
    lines('const routes = new Map();', "routes.get('/users', fallback);", "routes.get('/users', fallback);"),
    lines("const cache = new Map();", "cache.get('/users');", "cache.get('/users');"),
    expressApp("app.get('title');", "app.get('title');"),
    // A binding named like a router but shadowed by something else.
    expressApp('function f() {', '  const app = new Map();', "  app.get('/users', 1);", "  app.get('/users', 1);", '}'),
    // Reassigned: the object may differ between the two calls.
    lines("import express from 'express';", 'let r = express.Router();', "r.get('/a', a);", 'r = express.Router();', "r.get('/a', b);"),
    // A name outside routerNames, and not created here.
    lines('export function setup(server) {', "  server.get('/a', a);", "  server.get('/a', b);", '}'),
    // Router() from a package that is not a router.
    lines("import { Router } from 'some-framework';", 'const r = Router();', "r.get('/a', a);", "r.get('/a', b);"),
    // Options visible at creation.
    lines("import express from 'express';", 'const r = express.Router({ caseSensitive: true });', "r.get('/Users', a);", "r.get('/users', b);"),
    lines("import express from 'express';", 'const r = express.Router({ strict: true });', "r.get('/users/', a);", "r.get('/users', b);"),
    // Options that are not visible count as the strictest ones.
    lines("import express from 'express';", 'const r = express.Router(options);', "r.get('/Users', a);", "r.get('/users', b);"),
    lines("import express from 'express';", 'const r = express.Router({ ...options });', "r.get('/users/', a);", "r.get('/users', b);"),
    expressApp("app.enable('case sensitive routing');", "app.get('/Users', a);", "app.get('/users', b);"),
    expressApp("app.set('strict routing', true);", "app.get('/users/', a);", "app.get('/users', b);"),
    // Optional groups that do not overlap.
    expressApp("app.get('/a{/b}', a);", "app.get('/a/c', b);"),
    // route() chains on different paths, and different methods on one.
    expressApp("app.route('/x').get(a).post(b);", "app.route('/y').get(c);", "app.route('/x').put(d);"),
    // Handlers chained on one route() are one route, as get('/x', a, b) would be.
    expressApp("app.route('/x').get(a).get(b);"),
    // A router from the project's own code, named router, with options in its call.
    lines("import { Router } from '../src/index.js';", 'const router = Router({ caseSensitive: true, strict: true });', "router.get('/a', a);", "router.get('/A', b);", "router.get('/a/', c);"),
    lines("import { createApp } from './app.js';", 'const app = createApp(config);', "app.get('/a', a);", "app.get('/A', b);"),
    // `all` is not the same method as `get`.
    expressApp("app.all('/x', a);", "app.get('/x', b);"),
    // Paths of one array are one route.
    expressApp("app.get(['/a', '/A'], a);"),
    // Mounts: other prefixes, other routers, other parents, middleware that is not a router.
    expressApp('const api = express.Router();', "app.use('/api', api);", "app.use('/v2', api);"),
    expressApp('const api = express.Router();', 'const v2 = express.Router();', "app.use('/api', api);", "app.use('/api', v2);"),
    expressApp('const api = express.Router();', 'const outer = express.Router();', "app.use('/api', api);", "outer.use('/api', api);"),
    expressApp("app.use('/api', auth);", "app.use('/api', auth);"),
    expressApp('app.use(prefix, api);', 'app.use(prefix, api);'),
    // A pattern Express refuses is not a duplicate finding.
    expressApp("app.get('/a/:', a);", "app.get('/a/:', b);"),
  ],
  invalid: [
    {
      code: expressApp("app.get('/users/:id', show);", "app.get('/users/:userId', other);"),
      errors: [
        {
          messageId: 'duplicate',
          line: 4,
          column: 9,
          data: { method: 'GET', path: '/users/:userId', firstMethod: 'GET', firstPath: '/users/:id', line: '3' },
        },
      ],
    },
    // The message as a person reads it.
    {
      code: expressApp("app.get('/users/:id', show);", "app.get('/USERS/:name', other);"),
      errors: [
        {
          message:
            'GET /USERS/:name duplicates GET /users/:id (line 3); the second handler only runs if the first calls next()',
        },
      ],
    },
    // Express defaults: case-insensitive, trailing slash ignored.
    { code: expressApp("app.get('/Users', a);", "app.get('/users/', b);"), errors: [duplicate(4)] },
    // Options visible at creation that do not separate these.
    {
      code: lines("import express from 'express';", 'const r = express.Router({ caseSensitive: false, strict: false });', "r.get('/A/', a);", "r.get('/a', b);"),
      errors: [duplicate(4)],
    },
    // Unknown options still find exact duplicates.
    { code: lines("import express from 'express';", 'const r = express.Router(opts);', "r.get('/a', a);", "r.get('/a', b);"), errors: [duplicate(4)] },
    // Optional groups expand.
    { code: expressApp("app.get('/users{/:id}', a);", "app.get('/users/:uid', b);"), errors: [duplicate(4)] },
    { code: expressApp("app.get('/users', a);", "app.get('/users{/:id}', b);"), errors: [duplicate(4)] },
    // Every HTTP method name, all, and del as delete.
    { code: expressApp("app.patch('/a', a);", "app.patch('/a', b);"), errors: [duplicate(4)] },
    {
      code: expressApp("app.all('/a', a);", "app.all('/a', b);"),
      errors: [{ messageId: 'duplicate', line: 4, data: { method: 'ALL', path: '/a', firstMethod: 'ALL', firstPath: '/a', line: '3' } }],
    },
    {
      code: expressApp("app.del('/a', a);", "app.delete('/a', b);"),
      errors: [{ messageId: 'duplicate', data: { method: 'DELETE', path: '/a', firstMethod: 'DELETE', firstPath: '/a', line: '3' } }],
    },
    // Template literals, const bindings, + concatenation, arrays.
    { code: expressApp('app.get(`/a`, a);', "app.get('/a', b);"), errors: [duplicate(4)] },
    { code: expressApp("const USERS = '/users';", 'app.get(USERS, a);', "app.get('/users', b);"), errors: [duplicate(5)] },
    { code: expressApp("const A = '/users';", 'const B = A;', "app.get(B, a);", "app.get(A, b);"), errors: [duplicate(6)] },
    {
      code: expressApp("const base = '/api';", "app.get(base + '/users', a);", 'app.get(`/api` + "/" + `users`, b);'),
      errors: [{ messageId: 'duplicate', line: 5, data: { method: 'GET', path: '/api/users', firstMethod: 'GET', firstPath: '/api/users', line: '4' } }],
    },
    { code: expressApp("app.get(['/a', '/b'], a);", "app.get('/b', b);"), errors: [duplicate(4)] },
    {
      code: expressApp("app.get('/b', a);", "app.get(['/a', '/b', '/c'], b);"),
      errors: [{ messageId: 'duplicate', line: 4, column: 16 }],
    },
    { code: expressApp("const PATHS = ['/a', '/b'];", 'app.get(PATHS, a);', "app.get('/a', b);"), errors: [duplicate(5)] },
    { code: expressApp("app.get(/^\\/a$/, a);", "app.get(/^\\/a$/, b);"), errors: [duplicate(4)] },
    // route() chains collide with each other and with direct registrations.
    { code: expressApp("app.route('/x').get(a).post(b);", "app.get('/x', c);"), errors: [duplicate(4)] },
    {
      code: expressApp("app.get('/x', c);", "app.route('/x')", '  .post(a)', '  .get(b);'),
      errors: [{ messageId: 'duplicate', line: 6, column: 4 }],
    },
    // Two route() chains for one path are two routes.
    { code: expressApp("app.route('/x').get(a);", "app.route('/x').get(b);"), errors: [duplicate(4)] },
    // A factory this file cannot identify: its object literal gives the options.
    { code: lines("import { Router } from '../src/index.js';", 'const router = Router();', "router.get('/a', a);", "router.get('/A', b);"), errors: [duplicate(4)] },
    { code: lines("import { createApp } from './app.js';", 'const app = createApp(config);', "app.get('/a', a);", "app.get('/a', b);"), errors: [duplicate(4)] },
    { code: lines("const app = require('./app');", "app.get('/a', a);", "app.get('/A/', b);"), errors: [duplicate(3)] },
    // Calls chained on the app stay on the app.
    { code: expressApp("app.get('/a', a).use(m).get('/a', b);"), errors: [{ messageId: 'duplicate', line: 3, column: 29 }] },
    // Mounted twice at the same prefix, or none ('/').
    {
      code: expressApp('const api = express.Router();', "app.use('/api', api);", "app.use('/API/', api);"),
      errors: [{ messageId: 'duplicateMount', line: 5, data: { mounted: 'api', path: '/API/', router: 'app', line: '4' } }],
    },
    { code: expressApp('const api = express.Router();', 'app.use(api);', "app.use('/', api);"), errors: [duplicateMount(5)] },
    { code: expressApp('const api = express.Router();', "app.use('/api', auth, api);", "app.use('/api', api);"), errors: [duplicateMount(5)] },
    // Function parameters named app or router; arrow bodies.
    {
      code: lines('export default (app) => {', "  app.get('/users', a);", "  app.get('/users', b);", '};'),
      errors: [duplicate(3)],
    },
    {
      code: lines('export function mount(router) {', "  router.post('/login', a);", "  router.post('/login', b);", '}'),
      errors: [duplicate(3)],
    },
    // routerNames option.
    {
      code: lines('export function setup(server) {', "  server.get('/a', a);", "  server.get('/a', b);", '}'),
      options: [{ routerNames: ['server'] }],
      errors: [duplicate(3)],
    },
    // Imported routers by their binding, whatever their local name.
    { code: lines("import { Router as makeRouter } from 'express';", 'const r = makeRouter();', "r.get('/a', a);", "r.get('/a', b);"), errors: [duplicate(4)] },
    { code: lines("import Router from 'router';", 'const r = Router();', "r.get('/a', a);", "r.get('/a', b);"), errors: [duplicate(4)] },
    {
      code: lines("import { Router } from '@switchyard/express-adapter';", 'const r = Router({ duplicates: "warn" });', "r.get('/a', a);", "r.get('/a', b);"),
      errors: [duplicate(4)],
    },
    {
      code: lines("import express from 'express';", "import { switchyard } from '@switchyard/express-adapter';", 'const server = switchyard(express());', "server.get('/a', a);", "server.get('/a', b);"),
      errors: [duplicate(5)],
    },
    // A name in routerNames imported from the project's own code.
    { code: lines("import app from './app.js';", "app.get('/a', a);", "app.get('/a', b);"), errors: [duplicate(3)] },
  ],
});

commonjsTester.run('no-duplicate-routes (CommonJS)', rule, {
  valid: [lines("const got = require('got');", 'const api = got.extend({});', "api.get('/a', o);", "api.get('/a', o);")],
  invalid: [
    {
      code: lines("const express = require('express');", 'const r = express.Router();', "r.get('/a', a);", "r.get('/a', b);"),
      errors: [duplicate(4)],
    },
    {
      code: lines("const { Router } = require('express');", 'const r = Router();', "r.get('/a', a);", "r.get('/a', b);"),
      errors: [duplicate(4)],
    },
    { code: lines("const r = require('router')();", "r.get('/a', a);", "r.get('/a', b);"), errors: [duplicate(3)] },
    { code: lines("const r = require('express').Router();", "r.put('/a', a);", "r.put('/a', b);"), errors: [duplicate(3)] },
    {
      code: lines('module.exports = (app) => {', "  app.get('/users/:id', a);", "  app.get('/users/:name', b);", '};'),
      errors: [duplicate(3)],
    },
  ],
});

typescriptTester.run('no-duplicate-routes (TypeScript)', rule, {
  valid: [
    {
      filename: 'routes.ts',
      code: lines("import express, { type Request, type Response } from 'express';", 'const app = express();', "if (flag) app.get('/a', (req: Request, res: Response) => res.end());", "app.get('/a', b);"),
    },
  ],
  invalid: [
    {
      filename: 'routes.ts',
      code: lines(
        "import express, { type Request, type Response } from 'express';",
        'const app: express.Express = express();',
        "const USERS = '/users' as const;",
        'app.get(USERS, (req: Request, res: Response) => res.end());',
        "app.get('/users' satisfies string, (req: Request, res: Response): void => { res.end(); });",
      ),
      errors: [duplicate(5)],
    },
    {
      filename: 'routes.tsx',
      code: lines("import { Router } from 'express';", 'const router = Router();', "router!.get('/a', () => <div />);", "router.get('/a', b);"),
      errors: [duplicate(4)],
    },
    {
      // TypeScript's CommonJS import; this crashed the rule before it was understood.
      filename: 'app.cts',
      code: lines(
        "import express = require('express');",
        "import adapter = require('@switchyard/express-adapter');",
        'const server = express();',
        'const r = adapter.Router();',
        "server.get('/x/:id', h);",
        "server.get('/x/:other', h);",
        "r.get('/y', h);",
        "r.get('/y/', h);",
      ),
      errors: [duplicate(6), duplicate(8)],
    },
  ],
});
