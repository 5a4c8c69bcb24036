/**
 * The Fastify plugin: checks the options, claims `prefix` and `prefix/*` for every method,
 * makes a set with its own engine, and puts it at `app.switchyard[name]`. Wrapped with
 * `fastify-plugin` (in index.ts) so the decorator is the app's, not a child context's.
 * Exposes `switchyardPlugin` and `SwitchyardPluginOptions`.
 */
import type { FastifyInstance } from 'fastify';
import { Router } from '@switchyard/router';
import { PrefixOverlapError, SetNameTakenError, type ClaimRef } from './errors.js';
import { dispatcher } from './dispatch.js';
import { normalizePrefix, prefixesOverlap, type PathOptions } from './prefix.js';
import { SwitchyardSet } from './route-set.js';
import { validatorSource } from './schema.js';
import type { RouteRecord } from './types.js';

export interface SwitchyardPluginOptions {
  /** Where the set answers, such as '/partners' (plain text; '/' for everything the app does not route itself). */
  prefix: string;
  /** The set's name: `app.switchyard[name]`. Unique in the app. */
  name: string;
  /** Match the set's routes case-sensitively. Default: the app's `caseSensitive` (Fastify's default: true). */
  caseSensitive?: boolean;
  /** '/a' does not match '/a/'. Default: the opposite of the app's `ignoreTrailingSlash` (Fastify's default: strict). */
  strict?: boolean;
  /** A longer param value does not match. Default: the app's `maxParamLength` (100). */
  maxParamLength?: number;
  /**
   * Ajv options for schemas compiled before the app has a validator compiler of its own,
   * in the shape of Fastify's `ajv` server option: pass the same value.
   */
  ajv?: { customOptions?: object; plugins?: unknown[] };
}

/** The sets of one app, by name; shared by every registration in it (keyed by its HTTP server). */
type Registry = Record<string, SwitchyardSet>;
const registries = new WeakMap<object, Registry>();

/** The router settings of `app.initialConfig` the set follows. */
interface RouterSettings {
  caseSensitive?: boolean;
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
  useSemicolonDelimiter?: boolean;
  maxParamLength?: number;
}

/** Fastify 5 takes router settings in `routerOptions` and, deprecated, at the top level; `routerOptions` wins. */
function routerSetting<K extends keyof RouterSettings>(instance: FastifyInstance, key: K): RouterSettings[K] {
  const config = instance.initialConfig as RouterSettings & { routerOptions?: RouterSettings };
  return config.routerOptions?.[key] ?? config[key];
}

export async function switchyardPlugin(instance: FastifyInstance, options: SwitchyardPluginOptions): Promise<void> {
  if (options === null || typeof options !== 'object') throw new TypeError('@switchyard/fastify needs options { prefix, name }');
  const own = normalizePrefix(options.prefix);
  const name = options.name;
  if (typeof name !== 'string' || name === '') {
    throw new TypeError('@switchyard/fastify needs a "name" option: the set is app.switchyard[name]');
  }
  // Registered through fastify-plugin, `instance` is the context the user registered in;
  // its own prefix (from an encapsulating register) comes before ours in every URL.
  const prefix = instance.prefix + own;
  const appCaseSensitive = routerSetting(instance, 'caseSensitive') ?? true;

  let registry = registries.get(instance.server);
  if (registry === undefined) {
    registry = Object.create(null) as Registry;
    registries.set(instance.server, registry);
  }
  const taken = registry[name];
  if (taken !== undefined) throw new SetNameTakenError(name, taken.prefix);
  const claim: ClaimRef = { name, prefix };
  for (const other of Object.values(registry)) {
    if (prefixesOverlap(prefix, other.prefix, appCaseSensitive)) {
      throw new PrefixOverlapError(claim, { name: other.name, prefix: other.prefix });
    }
  }

  const engine = new Router<RouteRecord>({
    caseSensitive: options.caseSensitive ?? appCaseSensitive,
    strict: options.strict ?? !(routerSetting(instance, 'ignoreTrailingSlash') ?? false),
    duplicates: 'error',
    maxParamLength: options.maxParamLength ?? routerSetting(instance, 'maxParamLength') ?? 100,
  });
  const methods = new Set(instance.supportedMethods);
  const set = new SwitchyardSet(name, engine.routeSet(name), {
    prefix,
    methods,
    validators: await validatorSource(instance, options.ajv),
  });
  registry[name] = set;
  if (!instance.hasDecorator('switchyard')) instance.decorate('switchyard', registry);

  const pathOptions: PathOptions = {
    // Fastify only sends us URLs its router matched to the prefix, in any case when it ignores case.
    caseSensitive: appCaseSensitive,
    collapseSlashes: routerSetting(instance, 'ignoreDuplicateSlashes') ?? false,
    semicolonQuery: routerSetting(instance, 'useSemicolonDelimiter') ?? false,
  };
  const handler = dispatcher(engine, prefix, pathOptions);
  // HEAD is left to Fastify: it exposes a HEAD route for the GET claim that drops the body
  // (and sets content-length) after our dispatch runs the set's HEAD or GET handler.
  const claimed = [...methods].filter((method) => method !== 'HEAD');
  for (const url of [own === '' ? '/' : own, own + '/*']) {
    instance.route({ method: claimed, url, handler, exposeHeadRoute: true });
  }
  instance.addHook('onClose', async () => {
    await set.close();
    if (registry[name] === set) delete registry[name];
  });
}
