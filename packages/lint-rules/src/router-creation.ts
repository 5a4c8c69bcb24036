/**
 * `routerCreation`: recognises an expression that creates a router or an app, `express()`,
 * `express.Router(…)`, `Router(…)` imported from `express`, `router` or
 * `@switchyard/express-adapter` (also as `adapter.Router(…)` on the whole module), and
 * `switchyard(express())`, and reads the routing options
 * visible there. An option that is present but not a literal is reported as unknown.
 */
import type { SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { unwrapExpression } from './expression-wrappers.js';
import { findVariable } from './find-variable.js';
import { moduleOrigin, requiredModule, type ModuleOrigin } from './module-origin.js';

/** An option is true, false, or unknown (undefined) when the code does not say. */
export interface RoutingOptions {
  caseSensitive: boolean | undefined;
  strict: boolean | undefined;
}

export interface RouterCreation {
  kind: 'app' | 'router';
  options: RoutingOptions;
}

export const EXPRESS_DEFAULTS: RoutingOptions = { caseSensitive: false, strict: false };
export const UNKNOWN_OPTIONS: RoutingOptions = { caseSensitive: undefined, strict: undefined };

export const ROUTER_MODULES: ReadonlySet<string> = new Set(['express', 'router', '@switchyard/express-adapter']);

/** 'adapter' is the adapter's module as a whole: its `Router` and `switchyard` are factories. */
type Factory = 'express' | 'router' | 'switchyard' | 'adapter';

export function routerCreation(sourceCode: SourceCode, expression: ESTree.Node): RouterCreation | null {
  const node = unwrapExpression(expression);
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return null;
  const factory = factoryOf(sourceCode, node.callee);
  if (factory === 'express') return { kind: 'app', options: EXPRESS_DEFAULTS };
  if (factory === 'router') return { kind: 'router', options: optionsArgument(node.arguments[0]) };
  if (factory === 'switchyard') {
    // switchyard(app) routes the same app through the engine; its options are the app's.
    const [inner] = node.arguments;
    return inner && inner.type !== 'SpreadElement' ? routerCreation(sourceCode, inner) : null;
  }
  return null;
}

function factoryOf(sourceCode: SourceCode, callee: ESTree.Node): Factory | null {
  const node = unwrapExpression(callee);
  if (node.type === 'Identifier') {
    const variable = findVariable(sourceCode, node);
    const origin = variable ? moduleOrigin(sourceCode, variable) : null;
    return origin ? factoryFromOrigin(origin) : null;
  }
  const inline = requiredModule(sourceCode, node);
  if (inline !== null) return factoryFromOrigin({ module: inline, imported: 'module' });
  // express.Router(…), require('express').Router(…), and adapter.Router(…) or
  // adapter.switchyard(…) on the adapter's module as a whole.
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = factoryOf(sourceCode, node.object);
    if (node.property.name === 'Router') return object === 'express' || object === 'adapter' ? 'router' : null;
    if (node.property.name === 'switchyard') return object === 'adapter' ? 'switchyard' : null;
    return null;
  }
  return null;
}

function factoryFromOrigin({ module, imported }: ModuleOrigin): Factory | null {
  const whole = imported === 'default' || imported === 'module' || imported === 'namespace';
  if (module === 'express') {
    if (whole) return 'express';
    return imported === 'Router' ? 'router' : null;
  }
  if (module === 'router') return imported === 'default' || imported === 'module' ? 'router' : null;
  if (module === '@switchyard/express-adapter') {
    if (whole) return 'adapter';
    if (imported === 'Router') return 'router';
    return imported === 'switchyard' ? 'switchyard' : null;
  }
  return null;
}

/** Routing options read from the first argument of a call that creates a router. */
export function optionsArgument(argument: ESTree.Node | undefined): RoutingOptions {
  if (argument === undefined) return EXPRESS_DEFAULTS;
  const node = unwrapExpression(argument);
  if (node.type !== 'ObjectExpression') return UNKNOWN_OPTIONS;
  const options: RoutingOptions = { ...EXPRESS_DEFAULTS };
  for (const property of node.properties) {
    // A spread may set anything.
    if (property.type === 'SpreadElement') return UNKNOWN_OPTIONS;
    const key = propertyName(property);
    if (key === null) return UNKNOWN_OPTIONS;
    if (key !== 'caseSensitive' && key !== 'strict') continue;
    const value = unwrapExpression(property.value);
    // Express reads these options for truthiness.
    options[key] = value.type === 'Literal' && !('regex' in value && value.regex) ? Boolean(value.value) : undefined;
  }
  return options;
}

function propertyName(property: ESTree.Property): string | null {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return null;
}
