/**
 * `RouterBindings`: decides which bindings of a file hold a router, and with which routing
 * options. A binding is a router when it is initialised by a router creation
 * (`router-creation.ts`), or when its name is one of `routerNames` and nothing in its
 * declaration says otherwise (function parameters included). Bindings that are reassigned
 * are never routers: the object behind them may change between two registrations.
 */
import type { Rule, Scope, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { unwrapExpression } from './expression-wrappers.js';
import { findVariable, isReassigned } from './find-variable.js';
import { moduleOrigin, requiredModule } from './module-origin.js';
import {
  EXPRESS_DEFAULTS,
  optionsArgument,
  ROUTER_MODULES,
  routerCreation,
  UNKNOWN_OPTIONS,
  type RoutingOptions,
} from './router-creation.js';

export interface TrackedRouter {
  variable: Scope.Variable;
  name: string;
  options: RoutingOptions;
}

export const DEFAULT_ROUTER_NAMES: readonly string[] = ['app', 'router', 'routes', 'api'];

/** Express app settings that change how routes match. */
const SETTINGS: Readonly<Record<string, keyof RoutingOptions>> = {
  'case sensitive routing': 'caseSensitive',
  'strict routing': 'strict',
};
const SETTING_METHODS = new Set(['set', 'enable', 'disable']);

export class RouterBindings {
  readonly #sourceCode: SourceCode;
  readonly #names: ReadonlySet<string>;
  readonly #known = new Map<Scope.Variable, TrackedRouter | null>();

  constructor(sourceCode: SourceCode, routerNames: readonly string[]) {
    this.#sourceCode = sourceCode;
    this.#names = new Set(routerNames);
  }

  /** The router an identifier refers to, or null. */
  routerOf(identifier: ESTree.Identifier): TrackedRouter | null {
    const variable = findVariable(this.#sourceCode, identifier);
    if (!variable) return null;
    let tracked = this.#known.get(variable);
    if (tracked === undefined) {
      tracked = this.#classify(variable);
      this.#known.set(variable, tracked);
    }
    return tracked;
  }

  #classify(variable: Scope.Variable): TrackedRouter | null {
    if (variable.defs.length !== 1 || isReassigned(variable)) return null;
    const def = variable.defs[0]!;
    let options: RoutingOptions | null = null;
    if (def.type === 'Variable' && def.node.id.type === 'Identifier' && def.node.init) {
      const creation = routerCreation(this.#sourceCode, def.node.init);
      if (creation) options = creation.options;
    }
    if (options === null && this.#names.has(variable.name) && !this.#declaredAsSomethingElse(variable)) {
      options = optionsOfUnknownFactory(def);
    }
    if (options === null) return null;
    return { variable, name: variable.name, options: withSettings(variable, options) };
  }

  /**
   * For a binding chosen by its name: true when its declaration shows it is not a router,
   * `const api = axios.create()`, `const routes = new Map()`, a literal, a function.
   */
  #declaredAsSomethingElse(variable: Scope.Variable): boolean {
    const def = variable.defs[0]!;
    if (def.type === 'Parameter') return false;
    if (def.type === 'ImportBinding') return isOtherPackage(def.parent.source.value);
    if (def.type !== 'Variable') return true;
    if (!def.node.init) return false;
    const origin = moduleOrigin(this.#sourceCode, variable);
    if (origin) return isOtherPackage(origin.module);
    const init = unwrapExpression(def.node.init);
    if (init.type === 'CallExpression' || init.type === 'MemberExpression' || init.type === 'AwaitExpression') {
      const root = rootIdentifier(this.#sourceCode, init);
      if (root === null) return false;
      const rootVariable = findVariable(this.#sourceCode, root);
      const rootOrigin = rootVariable ? moduleOrigin(this.#sourceCode, rootVariable) : null;
      return rootOrigin !== null && isOtherPackage(rootOrigin.module);
    }
    // Identifiers (an alias of something else) and every other expression: not a router.
    return true;
  }
}

/**
 * For a binding chosen by its name and made by a call this file cannot identify
 * (`createRouter({ strict: true })`, a Router imported from the project's own code), the
 * call's first argument may carry routing options: read them when it is an object literal,
 * otherwise they are unknown. Without arguments, or for parameters and imports, Express's
 * defaults apply.
 */
function optionsOfUnknownFactory(def: Scope.Definition): RoutingOptions {
  if (def.type !== 'Variable' || !def.node.init) return EXPRESS_DEFAULTS;
  let init = unwrapExpression(def.node.init);
  if (init.type === 'AwaitExpression') init = unwrapExpression(init.argument);
  if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return EXPRESS_DEFAULTS;
  // `require('./app')` is an import: its argument is a module name, not options.
  if (init.callee.type === 'Identifier' && init.callee.name === 'require') return EXPRESS_DEFAULTS;
  const [first] = init.arguments;
  if (first === undefined) return EXPRESS_DEFAULTS;
  return first.type === 'SpreadElement' ? UNKNOWN_OPTIONS : optionsArgument(first);
}

/**
 * A package that is not a router: `axios`, `supertest`. Relative modules are the project's
 * own code, which may well export its app.
 */
function isOtherPackage(module: unknown): boolean {
  if (typeof module !== 'string') return true;
  if (module.startsWith('.') || module.startsWith('/')) return false;
  return !ROUTER_MODULES.has(module);
}

/** The identifier a call or member chain starts from: `axios` in `axios.create().x`. */
function rootIdentifier(sourceCode: SourceCode, start: ESTree.Node): ESTree.Identifier | null {
  let node = unwrapExpression(start);
  for (;;) {
    if (requiredModule(sourceCode, node) !== null) return null;
    if (node.type === 'AwaitExpression') node = unwrapExpression(node.argument);
    else if (node.type === 'CallExpression') node = unwrapExpression(node.callee);
    else if (node.type === 'MemberExpression') node = unwrapExpression(node.object);
    else return node.type === 'Identifier' ? node : null;
  }
}

/**
 * An app's `set('strict routing', …)`, `enable(…)` or `disable(…)` anywhere in the file
 * makes that option unknown: whether it applies depends on when it runs.
 */
function withSettings(variable: Scope.Variable, options: RoutingOptions): RoutingOptions {
  let result = options;
  for (const reference of variable.references) {
    const member = (reference.identifier as Rule.Node).parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier || member.computed) continue;
    if (member.property.type !== 'Identifier' || !SETTING_METHODS.has(member.property.name)) continue;
    const call = member.parent;
    if (call?.type !== 'CallExpression' || call.callee !== member) continue;
    const [key] = call.arguments;
    if (key && key.type === 'Literal' && typeof key.value === 'string') {
      const option = SETTINGS[key.value];
      if (option) result = { ...result, [option]: undefined };
    } else if (key) {
      // A computed setting name could be either.
      return { caseSensitive: undefined, strict: undefined };
    }
  }
  return result;
}
