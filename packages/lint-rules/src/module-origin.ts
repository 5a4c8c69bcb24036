/**
 * `moduleOrigin`: where a binding comes from when it is imported, `import x from 'm'`,
 * `import { x } from 'm'`, `import * as x from 'm'`, `const x = require('m')`,
 * `const { x } = require('m')`, `const x = require('m').x` or, in TypeScript,
 * `import x = require('m')`. Also `requiredModule` for an
 * inline `require('m')` call.
 */
import type { Scope, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { unwrapExpression } from './expression-wrappers.js';
import { findVariable } from './find-variable.js';

/** The part of typescript-eslint's TSImportEqualsDeclaration read here (not in ESTree). */
interface TSImportEquals {
  type: string;
  moduleReference?: { type: string; expression?: { value?: unknown } };
}

export interface ModuleOrigin {
  module: string;
  /** 'default', 'namespace' (import * as), 'module' (the whole require()), or the export's name. */
  imported: string;
}

export function moduleOrigin(sourceCode: SourceCode, variable: Scope.Variable): ModuleOrigin | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type === 'ImportBinding') {
    // TypeScript's `import x = require('m')` is an import binding without a `source`: it
    // means what `const x = require('m')` means. (`import x = A.B` names no module.)
    const declaration = def.node as unknown as TSImportEquals;
    if (declaration.type === 'TSImportEqualsDeclaration') {
      const reference = declaration.moduleReference;
      if (reference?.type !== 'TSExternalModuleReference') return null;
      const module = reference.expression?.value;
      return typeof module === 'string' ? { module, imported: 'module' } : null;
    }
    if (!def.parent?.source) return null;
    const module = def.parent.source.value;
    if (typeof module !== 'string') return null;
    const specifier = def.node;
    if (specifier.type === 'ImportDefaultSpecifier') return { module, imported: 'default' };
    if (specifier.type === 'ImportNamespaceSpecifier') return { module, imported: 'namespace' };
    const imported = specifier.imported;
    return { module, imported: imported.type === 'Identifier' ? imported.name : String(imported.value) };
  }
  if (def.type !== 'Variable' || !def.node.init) return null;
  const init = unwrapExpression(def.node.init);
  const id = def.node.id;
  if (id.type === 'Identifier') {
    const module = requiredModule(sourceCode, init);
    if (module !== null) return { module, imported: 'module' };
    // const Router = require('express').Router
    if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
      const parent = requiredModule(sourceCode, init.object);
      if (parent !== null) return { module: parent, imported: init.property.name };
    }
    return null;
  }
  if (id.type === 'ObjectPattern') {
    const module = requiredModule(sourceCode, init);
    if (module === null) return null;
    for (const property of id.properties) {
      if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
      const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      if (value.type === 'Identifier' && value.name === variable.name) return { module, imported: property.key.name };
    }
  }
  return null;
}

/** 'm' for a `require('m')` call of the real `require`, otherwise null. */
export function requiredModule(sourceCode: SourceCode, node: ESTree.Node): string | null {
  const call = unwrapExpression(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== 'require') {
    return null;
  }
  // A local function called `require` is not Node's.
  if (findVariable(sourceCode, call.callee) !== null) return null;
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || !argument || argument.type !== 'Literal' || typeof argument.value !== 'string') {
    return null;
  }
  return argument.value;
}
