// The repository lints its own code with its own plugin: @switchyard/eslint-plugin's
// recommended rules over the packages' sources and tests, the cross-package tests, the
// benchmarks and the examples, JavaScript and TypeScript. Needs the packages built
// (`npm install` builds them), since the plugin is imported from its dist.
import switchyard from '@switchyard/eslint-plugin';
import tseslint from 'typescript-eslint';

const javascript = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const typescript = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

export default [
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      '**/fixtures/',
      'flamegraphs/',
      'scratch/',
      'coverage/',
      '**/*.0x/',
      // Written in V8's natives syntax (%HaveSameMap…), for `node --allow-natives-syntax`: not JavaScript a parser reads.
      'bench/lib/string-kind.mjs',
    ],
  },
  { files: javascript, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: typescript,
    languageOptions: { parser: tseslint.parser },
    // Registered without enabling any of its rules, so that `eslint-disable` comments naming
    // typescript-eslint rules refer to rules that exist.
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: [...javascript, ...typescript],
    ...switchyard.configs.recommended,
    // Those comments are for editors and future configs that run those rules; here they are
    // unused by design, not stale.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    // These tests register duplicate routes on purpose: they check that the runtime catches them.
    files: ['packages/express-adapter/test/duplicates.test.ts'],
    rules: { '@switchyard/no-duplicate-routes': 'off' },
  },
];
