/**
 * `unwrapExpression`: looks through TypeScript's type-only wrappers (`x as T`, `x!`,
 * `x satisfies T`, `<T>x`), which change nothing at run time, so `'/a' as const` is a path
 * and `app!` is the app.
 */
import type * as ESTree from 'estree';

const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion']);

interface TypeWrapper {
  type: string;
  expression: ESTree.Expression;
}

export function unwrapExpression(node: ESTree.Node): ESTree.Node {
  let current = node;
  while (TYPE_WRAPPERS.has(current.type)) current = (current as unknown as TypeWrapper).expression;
  return current;
}
