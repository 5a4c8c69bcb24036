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
