/**
 * The route-dup command, run as a real process with plain `node` on the built bin, in
 * fixture folders: what it prints in each format, and its exit codes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = resolve(packageDir, packageJson.bin['route-dup']!);
const fixtures = join(packageDir, 'test', 'fixtures');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function routeDup(folder: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: join(fixtures, folder), encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; line: number; message: string; fatal?: boolean }>;
}

function byFile(results: JsonResult[]): Record<string, JsonResult['messages']> {
  const files: Record<string, JsonResult['messages']> = {};
  for (const result of results) files[result.filePath.slice(fixtures.length + 1).split('\\').join('/')] = result.messages;
  return files;
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run "npm run build -w @switchyard/eslint-plugin" first`);
});

describe('route-dup', () => {
  it('is clean (exit 0, no output) on a folder without duplicates', () => {
    const run = routeDup('clean');
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('ignores directives about rules of plugins it does not load', () => {
    expect(routeDup('foreign-directives')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('lints a path outside the folder it runs in', () => {
    const run = routeDup('clean', join('..', 'findings', 'src', 'app.js'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('GET /users/:userId duplicates GET /users/:id (line 6)');
  });

  it('exits 0 on a folder with no source files', () => {
    expect(routeDup('empty').status).toBe(0);
  });

  it('prints ESLint stylish output and exits 1 on findings', () => {
    const run = routeDup('findings');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(join(fixtures, 'findings', 'src', 'app.js'));
    expect(run.stdout).toMatch(
      /8:9 +error +GET \/users\/:userId duplicates GET \/users\/:id \(line 6\); the second handler only runs if the first calls next\(\) +@switchyard\/no-duplicate-routes/,
    );
    expect(run.stdout).toMatch(/7:9 +warning +GET \/users\/me is never reached first: GET \/users\/:id \(line 6\)/);
    expect(run.stdout).toContain('✖ 7 problems (6 errors, 1 warning)');
  });

  it('reads every JavaScript and TypeScript extension, skips node_modules and the project ESLint config', () => {
    // The skipped file is there, with a duplicate in it.
    expect(readFileSync(join(fixtures, 'findings/node_modules/some-lib/index.js'), 'utf8')).toContain("app.get('/x', b)");
    const run = routeDup('findings', '--format', 'json');
    expect(run.status).toBe(1);
    const files = byFile(JSON.parse(run.stdout) as JsonResult[]);
    // eslint.config.js is linted as a source file; loading it as config would have thrown.
    expect(Object.keys(files).sort()).toEqual([
      'findings/eslint.config.js',
      'findings/src/app.js',
      'findings/src/legacy.cjs',
      'findings/src/quiet.mts',
      'findings/src/routes.ts',
      'findings/src/server.cts',
      'findings/src/view.tsx',
      'findings/src/widget.jsx',
    ]);
    const summary = (file: string) => files[file]!.map((m) => `${m.line} ${m.ruleId}`);
    expect(summary('findings/src/app.js')).toEqual(['7 @switchyard/no-shadowed-routes', '8 @switchyard/no-duplicate-routes']);
    // The inline `/* eslint no-undef: "error" */` does not switch on a core rule.
    expect(summary('findings/src/legacy.cjs')).toEqual(['6 @switchyard/no-duplicate-routes']);
    expect(summary('findings/src/quiet.mts')).toEqual([]);
    expect(summary('findings/src/routes.ts')).toEqual(['6 @switchyard/no-duplicate-routes']);
    expect(summary('findings/src/server.cts')).toEqual(['5 @switchyard/no-duplicate-routes']);
    expect(summary('findings/src/view.tsx')).toEqual(['5 @switchyard/no-duplicate-routes']);
    expect(summary('findings/src/widget.jsx')).toEqual(['5 @switchyard/no-duplicate-routes']);
  });

  it('lints only the paths it is given', () => {
    const run = routeDup('findings', '--format=json', 'src/routes.ts', 'src/quiet.mts');
    expect(run.status).toBe(1);
    expect(Object.keys(byFile(JSON.parse(run.stdout) as JsonResult[])).sort()).toEqual([
      'findings/src/quiet.mts',
      'findings/src/routes.ts',
    ]);
    expect(routeDup('findings', 'src/quiet.mts').status).toBe(0);
  });

  it('reports files that fail to parse, in every format, and exits 1', () => {
    const stylish = routeDup('parse-error');
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/5:1 +error +Parsing error: Unexpected token }/);
    expect(stylish.stdout).toMatch(/1:9 +error +Parsing error: Type expected/);

    const json = routeDup('parse-error', '-f', 'json');
    const files = byFile(JSON.parse(json.stdout) as JsonResult[]);
    expect(files['parse-error/broken.js']).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, severity: 2, line: 5 }),
    ]);

    const sarif = JSON.parse(routeDup('parse-error', '--format', 'sarif').stdout) as SarifLog;
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ['parse-error', 'error', 'broken.js'],
      ['parse-error', 'error', 'broken.ts'],
    ]);
  });

  it('writes SARIF 2.1.0 for code scanning', () => {
    const run = routeDup('findings', '--format', 'sarif');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const { tool, results, originalUriBaseIds } = log.runs[0]!;
    expect(tool.driver.name).toBe('route-dup');
    expect(tool.driver.rules.map((r) => r.id).sort()).toEqual(['@switchyard/no-duplicate-routes', '@switchyard/no-shadowed-routes']);
    for (const rule of tool.driver.rules) expect(rule.helpUri).toMatch(/docs\/rules\/no-(duplicate|shadowed)-routes\.md$/);
    expect(originalUriBaseIds['%SRCROOT%']!.uri).toBe(`file://${join(fixtures, 'findings')}/`);
    expect(results).toHaveLength(7);
    const first = results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'src/app.js' && r.level === 'error')!;
    expect(first).toEqual({
      ruleId: '@switchyard/no-duplicate-routes',
      ruleIndex: tool.driver.rules.findIndex((r) => r.id === '@switchyard/no-duplicate-routes'),
      level: 'error',
      message: { text: 'GET /users/:userId duplicates GET /users/:id (line 6); the second handler only runs if the first calls next()' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/app.js', uriBaseId: '%SRCROOT%' },
            region: { startLine: 8, startColumn: 9, endLine: 8, endColumn: 25 },
          },
        },
      ],
    });
    expect(results.filter((r) => r.level === 'warning').map((r) => r.ruleId)).toEqual(['@switchyard/no-shadowed-routes']);
  });

  it('writes an empty SARIF run when clean', () => {
    const run = routeDup('clean', '--format', 'sarif');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as SarifLog).runs[0]!.results).toEqual([]);
  });

  it.each([
    [['--format', 'xml'], /unknown format "xml"/],
    [['--format'], /--format needs a value/],
    [['--fix'], /unknown option --fix/],
    [['does-not-exist'], /no such file or directory: does-not-exist/],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const run = routeDup('clean', ...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('prints help and its version', () => {
    const help = routeDup('clean', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: route-dup \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain('--format');
    const version = routeDup('clean', '--version');
    expect(version).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
  });
});

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri?: string }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
    }>;
  }>;
}
