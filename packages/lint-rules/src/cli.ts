#!/usr/bin/env node
/**
 * The `route-dup` command: lints the given paths (default `.`) with this plugin's rules
 * only, through ESLint's Node API and without the project's ESLint config, prints the
 * findings (stylish, json or sarif) and exits 1 when there are any, 0 when there are none,
 * 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { dirname, parse, resolve, sep } from 'node:path';
import { ESLint } from 'eslint';
import { parseArguments, USAGE, UsageError, type CliOptions } from './cli-arguments.js';
import plugin from './index.js';
import { PLUGIN_NAMESPACE, PLUGIN_VERSION } from './plugin-meta.js';
import { routeDupConfig } from './route-dup-config.js';
import { toSarif } from './sarif.js';
import { withoutForeignRuleReports } from './foreign-rules.js';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`route-dup: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  if (options.version) {
    process.stdout.write(`${PLUGIN_VERSION}\n`);
    return EXIT_CLEAN;
  }
  const here = process.cwd();
  const missing = options.paths.filter((path) => !existsSync(resolve(here, path)));
  if (missing.length > 0) {
    process.stderr.write(`route-dup: no such file or directory: ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }

  // ESLint skips files outside its base path without a word: start from a folder that
  // holds the current one and every path given, so `route-dup ../other-service` works.
  const cwd = commonAncestor([here, ...options.paths.map((path) => resolve(here, path))]);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: routeDupConfig(),
    // A folder without source files is clean, not an error.
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    // Inline `/* eslint rule: … */` comments may switch on other rules; only ours run here.
    ruleFilter: ({ ruleId }) => ruleId.startsWith(`${PLUGIN_NAMESPACE}/`),
  });
  const results = withoutForeignRuleReports(
    await eslint.lintFiles(options.paths.map((path) => resolve(here, path))),
    PLUGIN_NAMESPACE,
  );

  let output: string;
  if (options.format === 'sarif') {
    const rules = Object.fromEntries(
      Object.entries(plugin.rules).map(([name, rule]) => [`${PLUGIN_NAMESPACE}/${name}`, rule]),
    );
    const log = toSarif(results, cwd, {
      name: 'route-dup',
      version: PLUGIN_VERSION,
      informationUri: 'https://github.com/switchyard/switchyard/tree/main/packages/lint-rules',
      rules,
    });
    output = `${JSON.stringify(log, null, 2)}\n`;
  } else {
    const formatter = await eslint.loadFormatter(options.format);
    output = await formatter.format(results);
    if (options.format === 'json') output += '\n';
  }
  process.stdout.write(output);

  // Parse errors are fatal messages with no rule; they count like any finding.
  const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  return findings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The deepest folder containing every one of `paths` (absolute). */
function commonAncestor(paths: string[]): string {
  let common = paths[0]!;
  for (const path of paths.slice(1)) {
    while (path !== common && !path.startsWith(common.endsWith(sep) ? common : common + sep)) {
      const parent = dirname(common);
      if (parent === common) return parse(common).root;
      common = parent;
    }
  }
  return common;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`route-dup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
