/**
 * `routeDupConfig`: the ESLint flat config `route-dup` runs with instead of the project's:
 * which files it reads and how it parses them (espree for JavaScript, typescript-eslint's
 * parser for TypeScript), and this plugin's recommended rules, nothing else.
 */
import type { Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import plugin from './index.js';

export const SOURCE_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

export function routeDupConfig(): Linter.Config[] {
  return [
    { ignores: ['**/node_modules/', '**/.git/'] },
    {
      files: ['**/*.js', '**/*.mjs', '**/*.jsx'],
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
    {
      files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'],
      // The parser decides JSX from the file extension (.tsx), as TypeScript does.
      languageOptions: { parser: typescriptParser, sourceType: 'module' },
    },
    {
      files: SOURCE_FILES,
      // The project's own disable comments name rules that do not run here; saying they are
      // unused would be noise.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      ...plugin.configs.recommended,
    },
  ];
}
