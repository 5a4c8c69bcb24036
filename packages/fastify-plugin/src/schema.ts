/**
 * Per-route schemas: `params`, `querystring` and `body` are compiled when a set is replaced
 * (a schema that does not compile refuses the whole reload, like a bad pattern) and
 * checked on each request before the handler runs, with Fastify's own validator compiler
 * and Fastify's error shape (`statusCode` 400, `code` 'FST_ERR_VALIDATION', `validation`,
 * `validationContext`), so the app's error handler treats them like its native routes'.
 *
 * Exposes `RouteSchema`, `compileValidators`, `validateRequest` and `validatorSource`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What a route may declare. `headers` and `response` are refused rather than ignored. */
export interface RouteSchema {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
}

/** The parts validated, with the request property each reads (Fastify's names). */
const PARTS = [
  ['params', 'params'],
  ['body', 'body'],
  ['querystring', 'query'],
] as const;

type Part = (typeof PARTS)[number][0];

/** A compiled validator as Fastify's compilers return it: Ajv's boolean + errors, or `{ error } | { value }`. */
type Validator = ((data: unknown) => unknown) & { errors?: unknown };

/** Fastify's compiler signature (`app.validatorCompiler`, `app.setValidatorCompiler`). */
export type CompileValidator = (route: { schema: unknown; method: string; url: string; httpPart: string }) => Validator;

export type Validators = Partial<Record<Part, Validator>>;

/** Where compilers come from, resolved once per registration. */
export interface ValidatorSource {
  /** The compiler to use now: the app's, once it has one, else Fastify's default Ajv one. */
  compiler(): CompileValidator;
}

type BuildCompiler = (externalSchemas: unknown, options: { customOptions: object; plugins: unknown[] }) => CompileValidator;

/**
 * Fastify builds its validator compiler lazily, when the first native route with a schema
 * is added at `ready`; before that (and in apps with no such route) `app.validatorCompiler`
 * is undefined. Then we build the one Fastify would, from the Ajv compiler package Fastify
 * itself uses, with the app's shared schemas (`addSchema`) and the plugin's `ajv` option.
 * Loaded here, at registration, because replacing a set is synchronous.
 */
export async function validatorSource(
  instance: FastifyInstance,
  ajv: { customOptions?: object; plugins?: unknown[] } | undefined,
): Promise<ValidatorSource> {
  let build: BuildCompiler | null = null;
  let loadError: unknown = null;
  try {
    const specifier = '@fastify/ajv-compiler';
    const loaded = (await import(specifier)) as { default?: () => BuildCompiler };
    build = (loaded.default ?? (loaded as unknown as () => BuildCompiler))();
  } catch (error) {
    loadError = error;
  }
  const options = { customOptions: ajv?.customOptions ?? {}, plugins: ajv?.plugins ?? [] };
  return {
    compiler() {
      const own = (instance as { validatorCompiler?: CompileValidator }).validatorCompiler;
      if (typeof own === 'function') return own;
      if (build === null) {
        throw new Error(
          'a Switchyard route has a schema, but there is no validator compiler: set one with app.setValidatorCompiler() ' +
            `(@fastify/ajv-compiler could not be loaded: ${String(loadError)})`,
        );
      }
      return build(instance.getSchemas(), options);
    },
  };
}

/** Compile a route's schema; throws (refusing the reload) on a part it does not support or cannot compile. */
export function compileValidators(
  schema: unknown,
  method: string,
  url: string,
  source: ValidatorSource,
): Validators | null {
  if (schema === undefined || schema === null) return null;
  if (typeof schema !== 'object') throw new TypeError(`the schema of ${method} ${url} must be an object`);
  for (const key of Object.keys(schema)) {
    if (!PARTS.some(([part]) => part === key)) {
      throw new TypeError(
        `the schema of ${method} ${url} has "${key}"; Switchyard routes validate params, querystring and body only ` +
          '(refused rather than silently ignored)',
      );
    }
  }
  const validators: Validators = {};
  const compile = source.compiler();
  for (const [part] of PARTS) {
    const partSchema = (schema as RouteSchema)[part];
    if (partSchema === undefined) continue;
    try {
      validators[part] = compile({ schema: partSchema, method, url, httpPart: part });
    } catch (error) {
      throw new TypeError(`the ${part} schema of ${method} ${url} does not compile: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return validators;
}

/**
 * Check `request` against the validators, in Fastify's order (params, body, querystring).
 * Returns the error to send, or null; a promise of either when a validator is async.
 */
export function validateRequest(validators: Validators, request: FastifyRequest): Error | null | Promise<Error | null> {
  for (let i = 0; i < PARTS.length; i++) {
    const [part, property] = PARTS[i]!;
    const validate = validators[part];
    if (validate === undefined) continue;
    const target = request as unknown as Record<string, unknown>;
    const value = target[property];
    let result: unknown;
    try {
      result = validate(value === undefined ? null : value);
    } catch (error) {
      // A validator that throws is broken, not the request: a 500, as Fastify does.
      (error as { statusCode?: number }).statusCode = 500;
      return error as Error;
    }
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      const rest = { ...validators };
      for (let j = 0; j <= i; j++) delete rest[PARTS[j]![0]];
      return (result as Promise<unknown>).then(
        (settled) => (settled === false ? validationError(validate.errors, part) : validateRequest(rest, request)),
        (error: unknown) => validationError(error, part),
      );
    }
    if (result === false) return validationError(validate.errors, part);
    if (result !== null && typeof result === 'object') {
      const outcome = result as { error?: unknown; value?: unknown };
      if (outcome.error) return validationError(outcome.error, part);
      if ('value' in outcome) target[property] = outcome.value;
    }
  }
  return null;
}

interface SchemaErrorItem {
  instancePath?: string;
  message?: string;
}

/** Fastify's validation error: a sentence naming the part, and the raw errors for programs. */
function validationError(errors: unknown, part: Part): Error {
  if (errors instanceof Error) {
    const error = errors as Error & { statusCode?: number; code?: string; validationContext?: string };
    error.statusCode ??= 400;
    error.code ??= 'FST_ERR_VALIDATION';
    error.validationContext ??= part;
    return error;
  }
  const list = Array.isArray(errors) ? (errors as SchemaErrorItem[]) : [];
  const text = list.map((e) => `${part}${e.instancePath ?? ''} ${e.message ?? 'is invalid'}`).join(', ');
  const error = new Error(text || `${part} is invalid`) as Error & Record<string, unknown>;
  error.statusCode = 400;
  error.code = 'FST_ERR_VALIDATION';
  error.validation = errors;
  error.validationContext = part;
  return error;
}
