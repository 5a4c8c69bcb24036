/**
 * Rule `no-shadowed-routes`: a route that is never reached first, because an earlier route
 * of the same method on the same router, in the same function body, matches every path it
 * matches (`/users/:id` before `/users/me`, `/files/*path` before `/files/readme`). The
 * engine decides what matches (see `route-coverage.ts`). Stays silent when the router's
 * options are not visible, for RegExp paths, for `all` routes (usually middleware that
 * calls next()) and for exact duplicates, which `no-duplicate-routes` reports.
 */
import type { Rule } from 'eslint';
import { displayMethod } from '../http-methods.js';
import { RouteCoverage } from '../route-coverage.js';
import { registrationCollector, type RouteRegistration } from '../route-registrations.js';
import { displayPath, pathShapes } from '../route-shapes.js';
import { DEFAULT_OPTIONS, docsUrl, OPTIONS_SCHEMA, routerNamesOf } from '../rule-options.js';

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow routes that an earlier route of the same method always matches first',
      recommended: true,
      url: docsUrl('no-shadowed-routes'),
    },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
    messages: {
      shadowed:
        '{{method}} {{path}} is never reached first: {{firstMethod}} {{firstPath}} (line {{line}}) matches every path it matches; it only runs if that handler calls next()',
    },
  },
  create(context) {
    return registrationCollector(context, { routerNames: routerNamesOf(context) }, (groups) => {
      for (const { router, registrations } of groups) {
        const { caseSensitive, strict } = router.options;
        if (caseSensitive === undefined || strict === undefined) continue;
        const coverage = new RouteCoverage({ caseSensitive, strict });
        const earlier: RouteRegistration[] = [];
        // `${method} ${shape}` of every earlier route, to leave exact duplicates out.
        const earlierShapes = new Set<string>();
        for (const registration of registrations) {
          if (registration.kind !== 'route' || registration.method === '*') continue;
          checkAgainst(context, earlier, earlierShapes, registration, coverage);
          earlier.push(registration);
          for (const path of registration.paths) {
            for (const shape of pathShapes(path.value, registration) ?? []) earlierShapes.add(`${registration.method} ${shape}`);
          }
        }
      }
    });
  },
};

function checkAgainst(
  context: Rule.RuleContext,
  earlier: readonly RouteRegistration[],
  earlierShapes: ReadonlySet<string>,
  later: RouteRegistration,
  coverage: RouteCoverage,
): void {
  const candidates = earlier.filter((route) => route.method === later.method);
  for (const path of later.paths) {
    if (typeof path.value !== 'string') continue;
    const shapes = pathShapes(path.value, later);
    if (shapes === null) continue;
    // An exact duplicate is the other rule's finding, whatever else shadows it.
    if (shapes.some((shape) => earlierShapes.has(`${later.method} ${shape}`))) continue;
    for (const route of candidates) {
      // RegExp elements only add paths to the earlier route; leaving them out is safe.
      const patterns = route.paths.flatMap((p) => (typeof p.value === 'string' ? [p.value] : []));
      if (patterns.length === 0 || !coverage.matchesEveryPath(patterns, path.value)) continue;
      const shadowing = route.paths.find((p) => typeof p.value === 'string')!;
      context.report({
        node: path.reportNode,
        messageId: 'shadowed',
        data: {
          method: displayMethod(later.method),
          path: path.value,
          firstMethod: displayMethod(route.method),
          firstPath: patterns.length === 1 ? displayPath(shadowing.value) : `[${patterns.join(', ')}]`,
          line: String(shadowing.reportNode.loc?.start.line ?? '?'),
        },
      });
      break;
    }
  }
}

export default rule;
