/**
 * no-shadowed-routes: given routes in order, which later ones an earlier route of the same
 * method always matches first, as the engine decides; and the cases where it stays silent.
 */
import rule from '../src/rules/no-shadowed-routes.js';
import { expressApp, lines, moduleTester, typescriptTester } from './rule-tester.js';

const shadowed = (line: number) => ({ messageId: 'shadowed', line });

moduleTester.run('no-shadowed-routes', rule, {
  valid: [
    // The specific route first: both are reachable.
    expressApp("app.get('/users/me', me);", "app.get('/users/:id', show);"),
    expressApp("app.get('/files/readme', a);", "app.get('/files/*path', b);"),
    // Overlapping but not covering.
    expressApp("app.get('/users/:id', a);", "app.get('/users/:id/posts', b);"),
    expressApp("app.get('/users/:id.json', a);", "app.get('/users/:id', b);"),
    expressApp("app.get('/files/:name', a);", "app.get('/files/*path', b);"),
    expressApp("app.get('/:a-:b', a);", "app.get('/:c', b);"),
    expressApp("app.get('/a/:x', a);", "app.get('/a{/:y}', b);"),
    // Another method; `all` is left out (usually middleware that calls next()).
    expressApp("app.get('/users/:id', a);", "app.post('/users/me', b);"),
    expressApp("app.all('/users/*rest', auth);", "app.get('/users/me', b);"),
    // Exact duplicates belong to no-duplicate-routes.
    expressApp("app.get('/users/:id', a);", "app.get('/users/:name', b);"),
    // Different routers, bodies, and branches.
    expressApp('const r = express.Router();', "app.get('/users/:id', a);", "r.get('/users/me', b);"),
    expressApp("app.get('/users/:id', a);", "if (beta) app.get('/users/me', b);"),
    expressApp("app.get('/users/:id', a);", 'function later() {', "  app.get('/users/me', b);", '}'),
    // Options: case-sensitive text only matches its own case; strict keeps trailing slashes apart.
    lines("import express from 'express';", 'const r = express.Router({ caseSensitive: true });', "r.get('/Users/:id', a);", "r.get('/users/me', b);"),
    lines("import express from 'express';", 'const r = express.Router({ strict: true });', "r.get('/a/:x', a);", "r.get('/a/b/', b);"),
    // Options that are not visible: silent.
    lines("import express from 'express';", 'const r = express.Router(options);', "r.get('/users/:id', a);", "r.get('/users/me', b);"),
    expressApp("app.set('case sensitive routing', sensitive);", "app.get('/users/:id', a);", "app.get('/users/me', b);"),
    // RegExp and dynamic paths: silent.
    expressApp("app.get(/.*/, a);", "app.get('/users/me', b);"),
    expressApp("app.get('/users/:id', a);", 'app.get(`/users/${name}`, b);'),
  ],
  invalid: [
    {
      code: expressApp("app.get('/users/:id', show);", "app.get('/users/me', me);"),
      errors: [
        {
          message:
            'GET /users/me is never reached first: GET /users/:id (line 3) matches every path it matches; it only runs if that handler calls next()',
          line: 4,
          column: 9,
        },
      ],
    },
    { code: expressApp("app.get('/files/*path', a);", "app.get('/files/readme', b);", "app.get('/files/a/b.txt', c);"), errors: [shadowed(4), shadowed(5)] },
    { code: expressApp("app.get('/users/:id', a);", "app.get('/users/:id.json', b);"), errors: [shadowed(4)] },
    { code: expressApp("app.get('/:a-:b', a);", "app.get('/x-y', b);"), errors: [shadowed(4)] },
    { code: expressApp("app.get('/a{/:b}', a);", "app.get('/a/x', b);"), errors: [shadowed(4)] },
    { code: expressApp("app.get('/files/*path', a);", "app.get('/files/:dir/:name', b);"), errors: [shadowed(4)] },
    // Express defaults: case-insensitive, trailing slash allowed.
    { code: expressApp("app.get('/Users/:id', a);", "app.get('/users/me/', b);"), errors: [shadowed(4)] },
    // route() chains and arrays, on both sides.
    { code: expressApp("app.route('/users/:id').get(a).put(b);", "app.put('/users/me', c);"), errors: [shadowed(4)] },
    {
      code: expressApp("app.get(['/a/:x', '/b'], a);", "app.get(['/c', '/a/me'], b);"),
      errors: [{ messageId: 'shadowed', line: 4, column: 16, data: { method: 'GET', path: '/a/me', firstMethod: 'GET', firstPath: '[/a/:x, /b]', line: '3' } }],
    },
    // Function parameters and options visible at creation.
    { code: lines('export default (router) => {', "  router.delete('/items/*rest', a);", "  router.delete('/items/1', b);", '};'), errors: [shadowed(3)] },
    {
      code: lines("import express from 'express';", 'const r = express.Router({ caseSensitive: true, strict: true });', "r.get('/a/:x', a);", "r.get('/a/b', b);"),
      errors: [shadowed(4)],
    },
  ],
});

typescriptTester.run('no-shadowed-routes (TypeScript)', rule, {
  valid: [],
  invalid: [
    {
      filename: 'routes.mts',
      code: lines("import { Router } from 'express';", 'const router = Router();', "router.get('/users/:id', (req, res): void => {});", "router.get('/users/me' as const, handler);"),
      errors: [shadowed(4)],
    },
  ],
});
