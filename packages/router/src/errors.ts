/**
 * The errors the engine throws. Each has a stable `code`, a message a person can act on,
 * and the fields a program needs to act on it without parsing the message.
 */

/** A route pattern that `path-to-regexp` (and so Express 5) would refuse. */
export class PatternError extends TypeError {
  readonly code = 'ERR_SWITCHYARD_PATTERN' as const;
  /** The pattern as it was given. */
  readonly pattern: string;
  /** Index into `pattern` where the problem is, when it can be told. */
  readonly position: number | undefined;
  /** What is wrong, without the pattern and position. */
  readonly reason: string;

  constructor(pattern: string, reason: string, position?: number) {
    const where = position === undefined ? '' : ` at position ${position}`;
    super(`Invalid route pattern ${JSON.stringify(pattern)}${where}: ${reason}`);
    this.name = 'PatternError';
    this.pattern = pattern;
    this.reason = reason;
    this.position = position;
  }
}

/** Where and what a conflicting registration was. */
export interface RegistrationRef {
  method: string;
  pattern: string;
  /** `file:line:column` of the call that registered it, if it could be found. */
  source: string | undefined;
  /** Name of the route set that holds it, or null for a route outside any set. */
  set: string | null;
}

/**
 * A second registration of the same method and route shape. Both registrations match
 * exactly the same requests, so the second handler could only ever run after the first.
 */
export class DuplicateRouteError extends Error {
  readonly code = 'ERR_SWITCHYARD_DUPLICATE_ROUTE' as const;
  readonly method: string;
  /** The normalised shape both patterns share (see `routeShape`). */
  readonly shape: string;
  /** The registration that was refused. */
  readonly duplicate: RegistrationRef;
  /** The registration that was there first. */
  readonly existing: RegistrationRef;

  constructor(shape: string, duplicate: RegistrationRef, existing: RegistrationRef) {
    super(describeDuplicate(shape, duplicate, existing));
    this.name = 'DuplicateRouteError';
    this.method = duplicate.method;
    this.shape = shape;
    this.duplicate = duplicate;
    this.existing = existing;
  }
}

/** The one sentence used by the error and by `duplicates: 'warn'`. */
export function describeDuplicate(
  shape: string,
  duplicate: RegistrationRef,
  existing: RegistrationRef,
): string {
  const shown = (text: string) => (text === '' ? '""' : text);
  const at = (ref: RegistrationRef) =>
    `${ref.method} ${shown(ref.pattern)}` +
    (ref.set === null ? '' : ` in route set "${ref.set}"`) +
    ` (${ref.source ?? 'unknown source'})`;
  return (
    `Duplicate route: ${at(duplicate)} duplicates ${at(existing)}; ` +
    `both match the shape ${shown(shape)}, so the second handler only runs if the first calls next()`
  );
}

/**
 * A parameter value that is not valid percent-encoding, such as `/users/%E0%A4%A`.
 * Like Express, this is the client's fault: `status` is 400.
 */
export class BadParamError extends URIError {
  readonly code = 'ERR_SWITCHYARD_BAD_PARAM' as const;
  readonly status = 400;
  readonly statusCode = 400;
  /** The parameter's name (a number for an unnamed RegExp group). */
  readonly param: string | number;
  /** The raw, undecoded value. */
  readonly value: string;

  constructor(param: string | number, value: string) {
    super(`Failed to decode param '${value}'`);
    this.name = 'BadParamError';
    this.param = param;
    this.value = value;
  }
}
