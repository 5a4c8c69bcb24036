/**
 * The options both rules take, `{ routerNames }`: their JSON schema, their defaults, and
 * `routerNamesOf(context)` to read them.
 */
import type { Rule } from 'eslint';
import { DEFAULT_ROUTER_NAMES } from './router-bindings.js';

export interface RuleOptions {
  /** Names that make a binding a router even when the file does not show it being created. */
  routerNames: string[];
}

export const OPTIONS_SCHEMA: NonNullable<Rule.RuleMetaData['schema']> = [
  {
    type: 'object',
    properties: {
      routerNames: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
      },
    },
    additionalProperties: false,
  },
];

export const DEFAULT_OPTIONS: [RuleOptions] = [{ routerNames: [...DEFAULT_ROUTER_NAMES] }];

export function routerNamesOf(context: Rule.RuleContext): readonly string[] {
  // ESLint merges `meta.defaultOptions` into `context.options`; the fallback is for callers
  // that run the rule without that merge.
  const given = (context.options[0] as Partial<RuleOptions> | undefined)?.routerNames;
  return Array.isArray(given) ? given : DEFAULT_ROUTER_NAMES;
}

const DOCS_BASE = 'https://github.com/switchyard/switchyard/blob/main/packages/lint-rules/docs/rules/';

/** The documentation page of a rule of this plugin. */
export function docsUrl(rule: string): string {
  return `${DOCS_BASE}${rule}.md`;
}
