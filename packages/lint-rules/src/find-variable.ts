/**
 * `findVariable`: the binding an identifier refers to, found through ESLint's scope
 * analysis, so that rules follow bindings rather than names.
 */
import type { Scope, SourceCode } from 'eslint';
import type * as ESTree from 'estree';

/** The variable `identifier` resolves to where it is written, or null for an undeclared global. */
export function findVariable(sourceCode: SourceCode, identifier: ESTree.Identifier): Scope.Variable | null {
  let scope: Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    // A global scope may list a name with no declaration (configured globals): not ours.
    if (variable) return variable.defs.length > 0 ? variable : null;
    scope = scope.upper;
  }
  return null;
}

/** True when the variable is assigned anywhere besides its own declaration. */
export function isReassigned(variable: Scope.Variable): boolean {
  return variable.references.some((reference) => reference.isWrite() && reference.init !== true);
}
