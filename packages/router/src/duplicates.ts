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

export class ShapeIndex<T> {
  readonly #byKey = new Map<string, Entry<T>[]>();

  add(entry: Entry<T>): void {
    for (const shape of entry.shapes) {
      const key = `${entry.method} ${shape}`;
      const list = this.#byKey.get(key);
      if (list) list.push(entry);
      else this.#byKey.set(key, [entry]);
    }
  }

  delete(entry: Entry<T>): void {
    for (const shape of entry.shapes) {
      const key = `${entry.method} ${shape}`;
      const list = this.#byKey.get(key);
      if (!list) continue;
      const at = list.indexOf(entry);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) this.#byKey.delete(key);
    }
  }

  /** Registered entries `entry` would duplicate, one per shape, ignoring those `skip` accepts. */
  conflicts(entry: Entry<T>, skip?: (existing: Entry<T>) => boolean): Conflict<T>[] {
    const found: Conflict<T>[] = [];
    for (const shape of entry.shapes) {
      const list = this.#byKey.get(`${entry.method} ${shape}`);
      const existing = list?.find((e) => e !== entry && !(skip && skip(e)));
      if (existing) found.push({ shape, entry, existing });
    }
    return found;
  }
}

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
