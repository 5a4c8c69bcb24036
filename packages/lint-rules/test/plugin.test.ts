/**
 * The plugin object as ESLint 10 consumes it: meta, rules with documentation pages, the
 * recommended flat config, option validation, and the CommonJS build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin, { configs, meta, rules } from '../src/index.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };

const DUPLICATE_AND_SHADOWED = [
  "import express from 'express';",
  'const app = express();',
  "app.get('/users/:id', show);",
  "app.get('/users/me', me);",
  "app.get('/users/:userId', other);",
].join('\n');

describe('@switchyard/eslint-plugin', () => {
  it('names itself as package.json does', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
    expect(meta).toBe(plugin.meta);
  });

  it.each(Object.keys(rules))('documents %s in docs/rules', (name) => {
    const rule = rules[name]!;
    expect(rule.meta?.docs?.url).toMatch(new RegExp(`/packages/lint-rules/docs/rules/${name}\\.md$`));
    expect(existsSync(join(packageDir, 'docs', 'rules', `${name}.md`))).toBe(true);
    expect(rule.meta?.type).toBe('problem');
    expect(Object.keys(rule.meta?.messages ?? {})).not.toHaveLength(0);
  });

  it('recommends no-duplicate-routes as an error and no-shadowed-routes as a warning, in a flat config', async () => {
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [configs.recommended] });
    const [result] = await eslint.lintText(DUPLICATE_AND_SHADOWED, { filePath: 'app.js' });
    expect(result!.messages.map((m) => [m.line, m.ruleId, m.severity])).toEqual([
      [4, '@switchyard/no-shadowed-routes', 1],
      [5, '@switchyard/no-duplicate-routes', 2],
    ]);
  });

  it('refuses options that do not fit the schema', () => {
    const linter = new Linter();
    const config = {
      plugins: { '@switchyard': plugin },
      rules: { '@switchyard/no-duplicate-routes': ['error', { routerNames: 'app' }] },
    } satisfies Linter.Config;
    expect(() => linter.verify('', config, 'x.js')).toThrow(/should be array/);
  });

  it('replaces the default routerNames with the given ones', () => {
    const linter = new Linter();
    const config = {
      plugins: { '@switchyard': plugin },
      rules: { '@switchyard/no-duplicate-routes': ['error', { routerNames: ['server'] }] },
    } satisfies Linter.Config;
    const code = "export default (app, server) => { app.get('/a', a); app.get('/a', b); server.get('/a', a); server.get('/a', b); };";
    expect(linter.verify(code, config, 'x.js').map((m) => m.column)).toEqual([103]);
  });

  it('is a plugin when required from CommonJS too', () => {
    const require = createRequire(import.meta.url);
    const required = require(join(packageDir, 'dist', 'cjs', 'index.js')) as ESLint.Plugin;
    expect(required.meta).toEqual(plugin.meta);
    expect(Object.keys(required.rules ?? {}).sort()).toEqual(['no-duplicate-routes', 'no-shadowed-routes']);
    const linter = new Linter();
    const messages = linter.verify(
      DUPLICATE_AND_SHADOWED,
      { plugins: { '@switchyard': required }, rules: { '@switchyard/no-duplicate-routes': 'error' } },
      'x.js',
    );
    expect(messages.map((m) => m.line)).toEqual([5]);
  });
});
