/**
 * `registrationCollector`: finds the route registrations of a file, `router.get(path, …)`,
 * `router.route(path).get(…).post(…)` chains, `router.use(path?, otherRouter)`, and hands
 * them, in source order and grouped by router and function body, to a rule at the end of
 * the file. Only registrations that run every time their function body runs are grouped;
 * those in branches, loops, callbacks' arguments or expressions are left out.
 */
import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { routeMethod } from './http-methods.js';
import { unwrapExpression } from './expression-wrappers.js';
import { RouterBindings, type TrackedRouter } from './router-bindings.js';
import { staticPaths, type PathElement } from './static-paths.js';

export interface RoutePath extends PathElement {
  /** Where a report about this path points. */
  reportNode: ESTree.Node;
}

export interface RouteRegistration {
  kind: 'route';
  router: TrackedRouter;
  /** Upper-case method, or '*' for `all`. */
  method: string;
  paths: RoutePath[];
  /** The `route(path)` call of a chain, or null: handlers chained on one route are one route. */
  chain: ESTree.CallExpression | null;
}

export interface MountRegistration {
  kind: 'mount';
  router: TrackedRouter;
  /** The router mounted on `router`. */
  mounted: TrackedRouter;
  /** The prefix elements; `use(router)` mounts at '/'. */
  paths: RoutePath[];
}

export type Registration = RouteRegistration | MountRegistration;

/** Registrations of one router in one function body, in the order they run. */
export interface RegistrationGroup {
  router: TrackedRouter;
  registrations: Registration[];
}

export interface CollectorOptions {
  routerNames: readonly string[];
}

/** Methods that return the router itself, so `app.get(…).post(…)` stays on `app`. */
const CHAINABLE = new Set(['use', 'param']);

export function registrationCollector(
  context: Rule.RuleContext,
  options: CollectorOptions,
  onGroups: (groups: RegistrationGroup[]) => void,
): Rule.RuleListener {
  const sourceCode = context.sourceCode;
  const bindings = new RouterBindings(sourceCode, options.routerNames);
  // Keyed by body node, then by router variable; Maps keep insertion order.
  const byBody = new Map<ESTree.Node, Map<TrackedRouter, RegistrationGroup>>();

  function add(call: ESTree.CallExpression, registration: Registration): void {
    const body = unconditionalBody(call);
    if (body === null) return;
    let groups = byBody.get(body);
    if (!groups) byBody.set(body, (groups = new Map()));
    let group = groups.get(registration.router);
    if (!group) groups.set(registration.router, (group = { router: registration.router, registrations: [] }));
    group.registrations.push(registration);
  }

  return {
    // Calls are visited outside-in; a chain's inner calls come later but run earlier.
    // Registrations are therefore sorted by position before they are handed over.
    CallExpression(node) {
      let registration: Registration | null;
      try {
        registration = interpret(sourceCode, bindings, node);
      } catch {
        // A syntax shape this code does not know (one crashed the rules before: TypeScript's
        // `import x = require()`). ESLint would abort the whole run, failing a project's CI
        // for a file we cannot read: treat the call as no registration, as when unsure.
        registration = null;
      }
      if (registration) add(node, registration);
    },
    'Program:exit'() {
      const groups: RegistrationGroup[] = [];
      for (const perRouter of byBody.values()) {
        for (const group of perRouter.values()) {
          group.registrations.sort((a, b) => position(a) - position(b));
          groups.push(group);
        }
      }
      onGroups(groups);
    },
  };
}

function position(registration: Registration): number {
  return registration.paths[0]!.reportNode.range![0];
}

function interpret(sourceCode: SourceCode, bindings: RouterBindings, call: ESTree.CallExpression): Registration | null {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  const property = callee.property;
  const args = call.arguments;
  if (property.name === 'use') return interpretUse(sourceCode, bindings, callee.object, args);
  const method = routeMethod(property.name);
  if (method === null) return null;

  const chainPath = routeChainPath(bindings, callee.object);
  if (chainPath) {
    const paths = staticPaths(sourceCode, chainPath.argument);
    // One handler at least: a bare `.get()` registers nothing.
    if (paths === null || args.length === 0) return null;
    return {
      kind: 'route',
      router: chainPath.router,
      method,
      paths: paths.map((p) => ({ ...p, reportNode: property })),
      chain: chainPath.call,
    };
  }

  const router = receiver(bindings, callee.object);
  // `app.get('title')` reads a setting; a route needs a path and a handler.
  if (router === null || args.length < 2) return null;
  const [first] = args;
  if (!first || first.type === 'SpreadElement') return null;
  const paths = staticPaths(sourceCode, first);
  if (paths === null) return null;
  return { kind: 'route', router, method, paths: paths.map((p) => ({ ...p, reportNode: p.node })), chain: null };
}

function interpretUse(
  sourceCode: SourceCode,
  bindings: RouterBindings,
  object: ESTree.Node,
  args: ESTree.CallExpression['arguments'],
): MountRegistration | null {
  const router = receiver(bindings, object);
  const [first, ...rest] = args;
  if (router === null || !first || first.type === 'SpreadElement') return null;
  let paths = staticPaths(sourceCode, first);
  let handlers = rest;
  if (paths === null) {
    // Without a path, the first argument must be a handler we know; otherwise it may be a
    // dynamic path, and the prefix is unknown.
    const node = unwrapExpression(first);
    if (node.type !== 'Identifier' || bindings.routerOf(node) === null) return null;
    paths = [{ value: '/', node: first }];
    handlers = args;
  }
  // Several routers in one `use` are reported separately only for the first known one: a
  // second mount of the same list then points at it.
  for (const handler of handlers) {
    const node = unwrapExpression(handler);
    if (node.type !== 'Identifier') continue;
    const mounted = bindings.routerOf(node);
    if (mounted) return { kind: 'mount', router, mounted, paths: paths.map((p) => ({ ...p, reportNode: node })) };
  }
  return null;
}

/** The router an expression is: a router binding, or a call on one that returns it. */
function receiver(bindings: RouterBindings, expression: ESTree.Node): TrackedRouter | null {
  let node = unwrapExpression(expression);
  for (;;) {
    if (node.type === 'Identifier') return bindings.routerOf(node);
    if (node.type !== 'CallExpression') return null;
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
    const name = callee.property.name;
    const returnsRouter =
      CHAINABLE.has(name) ? node.arguments.length >= 1 : routeMethod(name) !== null && node.arguments.length >= 2;
    if (!returnsRouter) return null;
    node = unwrapExpression(callee.object);
  }
}

/** For `router.route(path)` or a method call chained on it: the router and the path argument. */
function routeChainPath(
  bindings: RouterBindings,
  expression: ESTree.Node,
): { router: TrackedRouter; argument: ESTree.Node; call: ESTree.CallExpression } | null {
  let node = unwrapExpression(expression);
  for (;;) {
    if (node.type !== 'CallExpression') return null;
    const callee = node.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
    if (callee.property.name === 'route') {
      const [argument] = node.arguments;
      if (!argument || argument.type === 'SpreadElement') return null;
      const router = receiver(bindings, callee.object);
      return router ? { router, argument, call: node } : null;
    }
    if (routeMethod(callee.property.name) === null) return null;
    node = unwrapExpression(callee.object);
  }
}

/**
 * The function body (or program) a registration runs in every time that body runs, or
 * null. The call must be a statement of its own, possibly at the end of a chain of calls on
 * the same receiver, directly in the body: not in an `if`, a loop, a `try`, a `switch`, a
 * nested block or an expression.
 */
function unconditionalBody(call: ESTree.CallExpression): ESTree.Node | null {
  let node = call as Rule.Node;
  for (;;) {
    const parent = node.parent;
    if (parent === null) return null;
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const grandparent = parent.parent;
      if (grandparent.type === 'CallExpression' && grandparent.callee === parent) {
        node = grandparent;
        continue;
      }
      return null;
    }
    if (parent.type === 'ArrowFunctionExpression') return parent.body === node ? parent : null;
    if (parent.type !== 'ExpressionStatement') return null;
    const container = parent.parent;
    if (container.type === 'Program') return container;
    if (container.type !== 'BlockStatement') return null;
    const owner = container.parent;
    const isFunctionBody =
      owner.type === 'FunctionDeclaration' ||
      owner.type === 'FunctionExpression' ||
      owner.type === 'ArrowFunctionExpression';
    return isFunctionBody ? container : null;
  }
}
