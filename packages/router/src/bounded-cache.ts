/**
 * A memo for values that are never changed once made and cheap to make again: compiled
 * patterns and string paths, shared capture branches, the file paths of stack frames.
 * It forgets everything when full rather than tracking use: filling it takes that many
 * distinct keys, which only a program generating routes reaches, and a refill costs only
 * the making.
 */
export class BoundedCache<K, V> {
  readonly #values = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The value for `key`, made by `make` the first time; a `make` that throws stores nothing. */
  get(key: K, make: (key: K) => V): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = make(key);
      if (this.#values.size >= this.#limit) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }
}
