/**
 * Duplicate detection: an index from method and shape to the routes registered with it.
 * Mounts are never duplicates (several `use('/api', …)` are ordinary Express).
 */
import type { Entry } from './entry.js';
import { DuplicateRouteError, describeDuplicate, type RegistrationRef } from './errors.js';

export type DuplicatePolicy = 'error' | 'warn' | 'allow';

export interface Conflict<T> {
  shape: string;
  entry: Entry<T>;
  existing: Entry<T>;
}

export function registrationRef<T>(entry: Entry<T>): RegistrationRef {
  return { method: entry.method, pattern: entry.display, source: entry.source, set: entry.set };
}

/**
 * Entries by method, then by shape. Two levels rather than one `METHOD shape` key: shapes
 * are strings made once per pattern (their hashes are cached), while a joined key is a new
 * string to hash on every look-up, and a reload looks up every route of its set three times.
 */
export class ShapeIndex<T> {
  readonly #byMethod = new Map<string, Map<string, Entry<T>[]>>();

  add(entry: Entry<T>): void {
    let byShape = this.#byMethod.get(entry.method);
    if (byShape === undefined) this.#byMethod.set(entry.method, (byShape = new Map()));
    for (const shape of entry.shapes) {
      const list = byShape.get(shape);
      if (list) list.push(entry);
      else byShape.set(shape, [entry]);
    }
  }

  delete(entry: Entry<T>): void {
    const byShape = this.#byMethod.get(entry.method);
    if (byShape === undefined) return;
    for (const shape of entry.shapes) {
      const list = byShape.get(shape);
      if (!list) continue;
      const at = list.indexOf(entry);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) byShape.delete(shape);
    }
  }

  /** Put `entry` where `old` is: both have the same method and shapes (a reloaded route). */
  replace(old: Entry<T>, entry: Entry<T>): void {
    const byShape = this.#byMethod.get(old.method);
    for (const shape of old.shapes) {
      const list = byShape?.get(shape);
      const at = list === undefined ? -1 : list.indexOf(old);
      if (at === -1) continue;
      // The order of a list is the order of registration; a set's route keeps its slot.
      list![at] = entry;
    }
  }

  /** Registered entries `entry` would duplicate, one per shape, ignoring those `skip` accepts. */
  conflicts(entry: Entry<T>, skip?: (existing: Entry<T>) => boolean): Conflict<T>[] {
    const byShape = this.#byMethod.get(entry.method);
    if (byShape === undefined) return NO_CONFLICTS;
    let found: Conflict<T>[] | undefined;
    for (const shape of entry.shapes) {
      const list = byShape.get(shape);
      if (list === undefined) continue;
      const existing = list.find((e) => e !== entry && !(skip && skip(e)));
      if (existing) (found ??= []).push({ shape, entry, existing });
    }
    return found ?? NO_CONFLICTS;
  }
}

/** Conflicts of a route that has none: one frozen empty list, not a new one per route. */
const NO_CONFLICTS: Conflict<never>[] = Object.freeze([]) as unknown as Conflict<never>[];

/**
 * Apply the policy to conflicts found before a change: 'error' throws for the first one
 * (nothing has changed yet); 'warn' returns a function that emits one warning per conflict,
 * to call once the change is made; 'allow' does nothing.
 */
export function enforce<T>(policy: DuplicatePolicy, conflicts: Conflict<T>[]): () => void {
  if (conflicts.length === 0 || policy === 'allow') return noop;
  if (policy === 'error') {
    const { shape, entry, existing } = conflicts[0]!;
    throw new DuplicateRouteError(shape, registrationRef(entry), registrationRef(existing));
  }
  return () => {
    for (const { shape, entry, existing } of conflicts) {
      process.emitWarning(describeDuplicate(shape, registrationRef(entry), registrationRef(existing)), {
        type: 'DuplicateRouteWarning',
        code: 'SWITCHYARD_DUPLICATE_ROUTE',
      });
    }
  };
}

function noop(): void {}
