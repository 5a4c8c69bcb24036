/**
 * Reports that route-dup drops: ESLint's "Definition for rule '…' was not found" for rules
 * of other plugins. route-dup loads only this plugin, so every `// eslint-disable-next-line
 * @typescript-eslint/…` comment in a project would otherwise fail its CI run. Exposes
 * `withoutForeignRuleReports`.
 */
import type { ESLint, Linter } from 'eslint';

const UNKNOWN_RULE = /^Definition for rule '.*' was not found/;

/** `results` without reports about rules outside `namespace`, their counts adjusted. */
export function withoutForeignRuleReports(results: ESLint.LintResult[], namespace: string): ESLint.LintResult[] {
  return results.map((result) => {
    const foreign = (message: Linter.LintMessage) =>
      message.ruleId !== null && !message.ruleId.startsWith(`${namespace}/`) && UNKNOWN_RULE.test(message.message);
    const dropped = result.messages.filter(foreign);
    if (dropped.length === 0) return result;
    const errors = dropped.filter((m) => m.severity === 2).length;
    return {
      ...result,
      messages: result.messages.filter((m) => !foreign(m)),
      errorCount: result.errorCount - errors,
      warningCount: result.warningCount - (dropped.length - errors),
    };
  });
}
