/**
 * `staticPaths`: the route paths a rule can know without running the code. String literals,
 * template literals without expressions, `+` concatenations of those, RegExp literals,
 * `const` bindings of the file initialised with any of these, and arrays of them. Anything
 * else is dynamic and yields null, so the rules stay silent rather than guess.
 */
import type { SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { unwrapExpression } from './expression-wrappers.js';
import { findVariable } from './find-variable.js';

export interface PathElement {
  /** The path as Express receives it. */
  value: string | RegExp;
  /** Where the rule points when it reports this element: the element or the const's name. */
  node: ESTree.Node;
}

/** `const A = B; const B = A` cannot occur, but a long chain of constants is cut short here. */
const MAX_CONST_HOPS = 32;

/** The elements of a path argument (one for a single path), or null when it is not static. */
export function staticPaths(sourceCode: SourceCode, argument: ESTree.Node): PathElement[] | null {
  const node = unwrapExpression(argument);
  const value = constantInitializer(sourceCode, node, 0) ?? node;
  if (value.type === 'ArrayExpression') {
    if (value.elements.length === 0) return null;
    const elements: PathElement[] = [];
    for (const element of value.elements) {
      // Holes and spreads make the array's content unknowable here.
      if (element === null || element.type === 'SpreadElement') return null;
      const single = staticPath(sourceCode, element, 0);
      if (single === null) return null;
      // An element that came through a const array is reported where the const is used.
      elements.push({ value: single, node: value === node ? element : node });
    }
    return elements;
  }
  const single = staticPath(sourceCode, node, 0);
  return single === null ? null : [{ value: single, node }];
}

function staticPath(sourceCode: SourceCode, argument: ESTree.Node, hops: number): string | RegExp | null {
  const node = unwrapExpression(argument);
  if (node.type === 'Literal' && 'regex' in node && node.regex) {
    try {
      return new RegExp(node.regex.pattern, node.regex.flags);
    } catch {
      // Flags this Node.js does not know: the path is not knowable here.
      return null;
    }
  }
  return staticString(sourceCode, node, hops);
}

/** The string value of `node` when it is static, or null. */
export function staticString(sourceCode: SourceCode, argument: ESTree.Node, hops: number): string | null {
  const node = unwrapExpression(argument);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : null;
    case 'TemplateLiteral':
      // `cooked` is null for an invalid escape in a tagged template; treat it as unknown.
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? null) : null;
    case 'BinaryExpression': {
      if (node.operator !== '+' || node.left.type === 'PrivateIdentifier') return null;
      const left = staticString(sourceCode, node.left, hops);
      if (left === null) return null;
      const right = staticString(sourceCode, node.right, hops);
      return right === null ? null : left + right;
    }
    case 'Identifier': {
      const init = constantInitializer(sourceCode, node, hops);
      return init === null ? null : staticString(sourceCode, init, hops + 1);
    }
    default:
      return null;
  }
}

/** The initializer of the `const` an identifier names, or null if it is anything else. */
function constantInitializer(sourceCode: SourceCode, node: ESTree.Node, hops: number): ESTree.Node | null {
  if (node.type !== 'Identifier' || hops >= MAX_CONST_HOPS) return null;
  const variable = findVariable(sourceCode, node);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable' || def.parent.kind !== 'const') return null;
  const declarator = def.node;
  if (declarator.id.type !== 'Identifier' || !declarator.init) return null;
  const init = unwrapExpression(declarator.init);
  // A const bound to another const: follow it, so `const B = A` works too.
  return constantInitializer(sourceCode, init, hops + 1) ?? init;
}
