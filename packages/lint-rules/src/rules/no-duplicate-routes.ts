/**
 * Rule `no-duplicate-routes`: the later of two registrations of the same method and route
 * shape on the same router, in the same function body, and a router mounted twice at the
 * same prefix on the same parent. "Same shape" is the engine's `routeShape`, so this rule
 * and the runtime's duplicate check agree.
 */
import type { Rule } from 'eslint';
import { displayMethod } from '../http-methods.js';
import { registrationCollector, type Registration, type RoutePath } from '../route-registrations.js';
import { displayPath, pathShapes } from '../route-shapes.js';
import { DEFAULT_OPTIONS, docsUrl, OPTIONS_SCHEMA, routerNamesOf } from '../rule-options.js';

interface FirstSeen {
  registration: Registration;
  path: RoutePath;
}

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow registering the same method and route twice on one router',
      recommended: true,
      url: docsUrl('no-duplicate-routes'),
    },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
    messages: {
      duplicate:
        '{{method}} {{path}} duplicates {{firstMethod}} {{firstPath}} (line {{line}}); the second handler only runs if the first calls next()',
      duplicateMount:
        '{{mounted}} is mounted at {{path}} on {{router}} a second time (first at line {{line}}); its routes would run twice',
    },
  },
  create(context) {
    return registrationCollector(context, { routerNames: routerNamesOf(context) }, (groups) => {
      for (const { registrations } of groups) {
        const seen = new Map<string, FirstSeen>();
        for (const registration of registrations) {
          const found: Array<[RoutePath, string[]]> = [];
          for (const path of registration.paths) {
            const shapes = pathShapes(path.value, registration);
            if (shapes !== null) found.push([path, shapes.map((shape) => keyOf(registration, shape))]);
          }
          // Look everything up before recording anything: paths of one array never
          // duplicate each other (Express tries them as one route).
          for (const [path, keys] of found) {
            const first = keys.map((key) => seen.get(key)).find((hit) => hit !== undefined);
            if (first && !sameRoute(first.registration, registration)) report(context, registration, path, first);
          }
          for (const [path, keys] of found) {
            for (const key of keys) if (!seen.has(key)) seen.set(key, { registration, path });
          }
        }
      }
    });
  },
};

/**
 * `route('/x').get(a).get(b)` adds two handlers to one route, as `get('/x', a, b)` would;
 * Express runs b when a calls next(), and the runtime check does not count it either.
 */
function sameRoute(a: Registration, b: Registration): boolean {
  return a.kind === 'route' && b.kind === 'route' && a.chain !== null && a.chain === b.chain;
}

function keyOf(registration: Registration, shape: string): string {
  if (registration.kind === 'route') return `${registration.method} ${shape}`;
  // Variables have no printable identity; the declaring node's position stands in for it.
  const declared = registration.mounted.variable.identifiers[0]?.range?.[0] ?? -1;
  return `USE ${declared} ${registration.mounted.name} ${shape}`;
}

function report(context: Rule.RuleContext, registration: Registration, path: RoutePath, first: FirstSeen): void {
  const line = String(first.path.reportNode.loc?.start.line ?? '?');
  if (registration.kind === 'mount') {
    context.report({
      node: path.reportNode,
      messageId: 'duplicateMount',
      data: { mounted: registration.mounted.name, path: displayPath(path.value), router: registration.router.name, line },
    });
    return;
  }
  const firstMethod = first.registration.kind === 'route' ? first.registration.method : 'USE';
  context.report({
    node: path.reportNode,
    messageId: 'duplicate',
    data: {
      method: displayMethod(registration.method),
      path: displayPath(path.value),
      firstMethod: displayMethod(firstMethod),
      firstPath: displayPath(first.path.value),
      line,
    },
  });
}

export default rule;
