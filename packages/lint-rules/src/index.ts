/**
 * @switchyard/eslint-plugin: the ESLint plugin object, with `meta`, `rules` and
 * `configs.recommended` (an ESLint flat config). The default export is the plugin; the same
 * parts are also named exports, so `require('@switchyard/eslint-plugin')` is a plugin too.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { PLUGIN_NAME, PLUGIN_NAMESPACE, PLUGIN_VERSION } from './plugin-meta.js';
import noDuplicateRoutes from './rules/no-duplicate-routes.js';
import noShadowedRoutes from './rules/no-shadowed-routes.js';

export const meta = { name: PLUGIN_NAME, version: PLUGIN_VERSION };

export const rules: Record<string, Rule.RuleModule> = {
  'no-duplicate-routes': noDuplicateRoutes,
  'no-shadowed-routes': noShadowedRoutes,
};

const recommendedRules: Linter.RulesRecord = {
  [`${PLUGIN_NAMESPACE}/no-duplicate-routes`]: 'error',
  [`${PLUGIN_NAMESPACE}/no-shadowed-routes`]: 'warn',
};

export const configs: { recommended: Linter.Config } = {
  recommended: { name: `${PLUGIN_NAMESPACE}/recommended`, plugins: {}, rules: recommendedRules },
};

const plugin = { meta, rules, configs } satisfies ESLint.Plugin;

// The config names the plugin object itself, so it can only be filled in once that exists.
configs.recommended.plugins = { [PLUGIN_NAMESPACE]: plugin };

export default plugin;
