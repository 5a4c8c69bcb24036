/**
 * ESLint's RuleTester wired to vitest, for JavaScript (espree, ES modules or CommonJS) and
 * TypeScript (typescript-eslint's parser), plus `lines()` to write test code line by line so
 * the expected line numbers can be read off the table.
 */
import { RuleTester } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import { describe, it } from 'vitest';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const moduleTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
export const commonjsTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } });
export const typescriptTester = new RuleTester({ languageOptions: { parser: typescriptParser } });

export function lines(...source: string[]): string {
  return source.join('\n');
}

/** `import express from 'express'; const app = express();` as lines 1 and 2. */
export function expressApp(...body: string[]): string {
  return lines("import express from 'express';", 'const app = express();', ...body);
}
