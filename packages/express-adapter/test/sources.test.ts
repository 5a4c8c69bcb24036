/**
 * Where each registration comes from, exactly: `routes()` and duplicate errors name the
 * `file:line:column` of the user's own call, whichever way the route was registered
 * (router methods, `route()`, `use()`, `switchyard(app)`'s `app.*` through Express 5 and 4,
 * a route set's builder), from ESM and from CommonJS. Run as plain scripts, as users run
 * their apps, against the built packages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const EXPRESS = { 5: require.resolve('express'), 4: require.resolve('express4') };

/** A registration line: the call, and the method name whose column V8 reports for it. */
interface Registration {
  code: string;
  at: string;
}

const registrations: Registration[] = [
  { code: `router.get('/a', pass);`, at: 'get' },
  { code: `router.route('/b').post(pass);`, at: 'route' },
  { code: `router.use('/c', pass);`, at: 'use' },
  { code: `router.all('/d', pass);`, at: 'all' },
  { code: `app.get('/e', pass);`, at: 'get' },
  { code: `app.use('/f', pass);`, at: 'use' },
  { code: `app.route('/g').put(pass);`, at: 'route' },
  { code: `set.replace((r) => { r.get('/h', pass); });`, at: 'get' },
  { code: `set2.replace((r) => { r.route('/i').get(pass); r.use('/j', pass); });`, at: 'route' },
];

function script(kind: 'esm' | 'cjs', express: 4 | 5): { file: string; expected: string[]; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-adapter-source-'));
  const file = join(dir, kind === 'esm' ? 'app.mjs' : 'app.cjs');
  const adapter = join(PACKAGE, kind === 'esm' ? 'dist/esm/index.js' : 'dist/cjs/index.js');
  const head =
    kind === 'esm'
      ? [
          `import express from ${JSON.stringify(pathToFileURL(EXPRESS[express]).href)};`,
          `import { Router, switchyard } from ${JSON.stringify(pathToFileURL(adapter).href)};`,
        ]
      : [`const express = require(${JSON.stringify(EXPRESS[express])});`, `const { Router, switchyard } = require(${JSON.stringify(adapter)});`];
  const lines = [
    ...head,
    `const pass = (req, res, next) => next();`,
    `const app = switchyard(express());`,
    `const router = Router({ duplicates: 'error' });`,
    `const set = router.routeSet('s');`,
    `const set2 = router.routeSet('s2');`,
    ...registrations.map((r) => r.code),
    `let duplicate;`,
    `try { router.get('/a', pass); } catch (error) { duplicate = error; }`,
    `console.log(JSON.stringify({`,
    `  router: router.routes().map((e) => e.source),`,
    `  app: ${express === 4 ? 'app._router' : 'app.router'}.routes().filter((e) => /^\\/[efg]$/.test(e.path)).map((e) => e.source),`,
    `  duplicate: [duplicate.existing.source, duplicate.duplicate.source],`,
    `}));`,
  ];
  writeFileSync(file, lines.join('\n'));
  const expected = registrations.map((r) => {
    const index = lines.indexOf(r.code);
    return `${file}:${index + 1}:${r.code.indexOf(`${r.at}(`) + 1}`;
  });
  return { file, expected, lines };
}

describe('registration sources', () => {
  it.each([
    ['esm', 5],
    ['cjs', 5],
    ['esm', 4],
    ['cjs', 4],
  ] as const)('name the user line of every form of registration (%s, Express %s)', (kind, express) => {
    const { file, expected, lines } = script(kind, express);
    const output = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }));
    const [a, b, c, d, e, f, g, h, i] = expected;
    // r.use('/j') is on the same line as r.route('/i'), further right.
    const jLine = lines.findIndex((line) => line.includes(`r.use('/j'`));
    const j = `${file}:${jLine + 1}:${lines[jLine]!.indexOf(`use('/j'`) + 1}`;
    // The sets hold the slots they were created in, before the router's own routes.
    expect(output.router).toEqual([h, i, j, a, b, c, d]);
    expect(output.app).toEqual([e, f, g]);
    const dupLine = lines.findIndex((line) => line.startsWith('try { router.get('));
    expect(output.duplicate).toEqual([a, `${file}:${dupLine + 1}:${lines[dupLine]!.indexOf('get(') + 1}`]);
  });
});
