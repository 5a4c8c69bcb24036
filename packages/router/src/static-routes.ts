/**
 * The table of routes made of text alone, which `find` consults before walking the tree:
 * one Map lookup answers the most common request.
 *
 * A Map lookup hashes the whole URL, which costs as much as walking a short dynamic route
 * (measured: 16% of a one-param lookup on a fresh URL). So a filter stands in front of it: a
 * count of static routes per (length, last code unit) pair, read with one array access.
 * A path whose length and last character no static route has skips the Map.
 */
import { foldCode } from './case-fold.js';
import type { RouteTerminals } from './tree.js';

/** Lengths and last code units are folded onto a 256 x 128 grid: collisions only cost a lookup. */
const LENGTHS = 256;
const CODES = 128;

export class StaticRoutes<T> {
  readonly #byText = new Map<string, RouteTerminals<T>>();
  readonly #filter = new Uint16Array(LENGTHS * CODES);
  readonly #caseSensitive: boolean;

  constructor(caseSensitive: boolean) {
    this.#caseSensitive = caseSensitive;
  }

  /** `text` is folded when the router is case-insensitive. */
  set(text: string, terminals: RouteTerminals<T>): void {
    if (!this.#byText.has(text)) this.#filter[this.#slot(text)]!++;
    this.#byText.set(text, terminals);
  }

  delete(text: string): void {
    if (this.#byText.delete(text)) this.#filter[this.#slot(text)]!--;
  }

  /** The routes whose text is exactly `path`, or undefined. */
  get(path: string): RouteTerminals<T> | undefined {
    if (this.#filter[this.#slot(path)] === 0) return undefined;
    return this.#byText.get(path);
  }

  /** Every (text, routes) pair: compiled find tests whole paths against them first. */
  entries(): IterableIterator<[string, RouteTerminals<T>]> {
    return this.#byText.entries();
  }

  #slot(text: string): number {
    const length = text.length;
    const last = length === 0 ? 0 : text.charCodeAt(length - 1);
    // Fold so a path and the folded text of its route land on the same slot.
    const code = this.#caseSensitive ? last : foldCode(last);
    return (length & (LENGTHS - 1)) * CODES + (code & (CODES - 1));
  }
}
