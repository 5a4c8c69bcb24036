/**
 * `parseArguments`: the command line of `route-dup`, `[--format stylish|json|sarif] [paths…]`,
 * into options, or a `UsageError` a person can act on.
 */

export type OutputFormat = 'stylish' | 'json' | 'sarif';

export interface CliOptions {
  format: OutputFormat;
  paths: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {
  readonly code = 'ERR_ROUTE_DUP_USAGE';
  override name = 'UsageError';
}

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif'];

export const USAGE = `Usage: route-dup [options] [paths...]

Finds duplicate and shadowed Express routes in JavaScript and TypeScript files
(.js .cjs .mjs .jsx .ts .mts .cts .tsx), with the rules of @switchyard/eslint-plugin and
no ESLint configuration of the project. Paths default to the current directory;
node_modules is skipped.

Options:
  -f, --format <name>  stylish (default), json (ESLint's JSON) or sarif (SARIF 2.1.0)
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 nothing found, 1 findings (or files that fail to parse), 2 usage error.
`;

export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'stylish', paths: [], help: false, version: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (onlyPaths || !argument.startsWith('-') || argument === '-') {
      options.paths.push(argument);
      continue;
    }
    if (argument === '--') onlyPaths = true;
    else if (argument === '-h' || argument === '--help') options.help = true;
    else if (argument === '-v' || argument === '--version') options.version = true;
    else if (argument === '-f' || argument === '--format') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${argument} needs a value: ${FORMATS.join(', ')}`);
      options.format = formatOf(value);
    } else if (argument.startsWith('--format=')) options.format = formatOf(argument.slice('--format='.length));
    else throw new UsageError(`unknown option ${argument}`);
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function formatOf(value: string): OutputFormat {
  if ((FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError(`unknown format "${value}": use ${FORMATS.join(', ')}`);
}
