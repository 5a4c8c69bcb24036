/**
 * The errors this plugin adds to the engine's: a 405 that travels through Fastify's error
 * handler, and the two registration mistakes found at startup (a prefix that overlaps
 * another set's, a set name used twice). Each has a stable `code` and the data a program
 * needs, as the engine's errors do.
 */

/**
 * The path matches routes of the set, none for this method. Thrown from dispatch so that
 * Fastify's error handler (the app's own, if it set one) writes the response; `statusCode`
 * makes the default handler answer 405, and the `Allow` header is already on the reply.
 */
export class MethodNotAllowedError extends Error {
  readonly code = 'ERR_SWITCHYARD_METHOD_NOT_ALLOWED' as const;
  readonly statusCode = 405;
  readonly method: string;
  /** The methods the path does answer, as sent in `Allow`. */
  readonly allow: string[];

  constructor(method: string, allow: string[]) {
    super(`${method} is not allowed here; this path answers ${allow.join(', ')}`);
    this.name = 'MethodNotAllowedError';
    this.method = method;
    this.allow = allow;
  }
}

/** Where a registration claimed its prefix. */
export interface ClaimRef {
  name: string;
  /** The full prefix in the app, the encapsulating contexts' prefixes included. */
  prefix: string;
}

/**
 * Two route sets whose prefixes overlap (one equals or contains the other): a request
 * under both could only ever reach one of them, decided by Fastify's route order rather
 * than by anything the user wrote. Refused when the second one is registered.
 */
export class PrefixOverlapError extends Error {
  readonly code = 'ERR_SWITCHYARD_PREFIX_OVERLAP' as const;
  readonly claim: ClaimRef;
  readonly existing: ClaimRef;

  constructor(claim: ClaimRef, existing: ClaimRef) {
    const show = (ref: ClaimRef) => `"${ref.name}" at ${ref.prefix === '' ? '/' : ref.prefix}`;
    super(
      `Switchyard route set ${show(claim)} overlaps route set ${show(existing)}: ` +
        'give each set a prefix that is not inside another one',
    );
    this.name = 'PrefixOverlapError';
    this.claim = claim;
    this.existing = existing;
  }
}

/** A second registration under a name already taken in this app: `app.switchyard[name]` is one set. */
export class SetNameTakenError extends Error {
  readonly code = 'ERR_SWITCHYARD_SET_NAME_TAKEN' as const;
  readonly setName: string;

  constructor(name: string, existingPrefix: string) {
    super(
      `a Switchyard route set named "${name}" is already registered (at ${existingPrefix === '' ? '/' : existingPrefix}); ` +
        'each registration needs its own name',
    );
    this.name = 'SetNameTakenError';
    this.setName = name;
  }
}
