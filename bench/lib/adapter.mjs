/**
 * The Express adapter, if it has been built: `packages/express-adapter/dist` must exist and
 * `@switchyard/express-adapter` must export `Router` and `switchyard` functions. Until then
 * the suites that use it skip its rows and say why (in the log and in RESULTS.md).
 */
import { existsSync } from 'node:fs';

export async function loadAdapter() {
  if (!existsSync(new URL('../../packages/express-adapter/dist', import.meta.url))) {
    return { adapter: null, reason: 'packages/express-adapter/dist does not exist yet (the adapter is not built)' };
  }
  try {
    const adapter = await import('@switchyard/express-adapter');
    if (typeof adapter.Router !== 'function' || typeof adapter.switchyard !== 'function') {
      return { adapter: null, reason: '@switchyard/express-adapter does not export Router and switchyard functions yet' };
    }
    return { adapter, reason: null };
  } catch (error) {
    return { adapter: null, reason: `@switchyard/express-adapter failed to load: ${error.message.split('\n')[0]}` };
  }
}

/**
 * An Express 5 app routed as `variant` says, with `fill(target)` registering its middleware
 * and routes on the app or on the router:
 * - 'express-app': on the app (Express's own router);
 * - 'express-router': on an `express.Router()` mounted with `app.use`;
 * - 'adapter-router': on the adapter's `Router()` mounted with `app.use`;
 * - 'switchyard-app': on the app, after `switchyard(app)`.
 * Exits the process (1) when an adapter variant is asked for and the adapter is not built.
 */
export async function expressApp(variant, fill) {
  const { default: express } = await import('express');
  if (variant === 'express-app') {
    const app = express();
    fill(app);
    return app;
  }
  if (variant === 'express-router') {
    const app = express();
    const router = express.Router();
    fill(router);
    app.use(router);
    return app;
  }
  const { adapter, reason } = await loadAdapter();
  if (!adapter) {
    console.error(`adapter unavailable: ${reason}`);
    process.exit(1);
  }
  if (variant === 'adapter-router') {
    const app = express();
    const router = adapter.Router();
    fill(router);
    app.use(router);
    return app;
  }
  if (variant === 'switchyard-app') {
    const app = adapter.switchyard(express());
    fill(app);
    return app;
  }
  throw new Error(`unknown variant "${variant}"`);
}
