/**
 * The plugin's name and version, as ESLint shows them in errors and caches. A test checks
 * they match package.json (reading it at run time would differ between the ESM and CommonJS
 * builds).
 */
export const PLUGIN_NAME = '@switchyard/eslint-plugin';
export const PLUGIN_VERSION = '0.1.0';
/** The prefix of the rules in configs: `@switchyard/no-duplicate-routes`. */
export const PLUGIN_NAMESPACE = '@switchyard';
