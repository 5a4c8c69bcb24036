/**
 * Route files: where a hot-reloadable route set's routes come from when they live in a file.
 * Framework-neutral (no Express, no Fastify), so every adapter loads and watches the same way.
 * Exposes:
 *
 * - `parseManifest(text, file)`: a JSON manifest, `[{ "method", "path", "handler" }]`,
 *   checked entry by entry; a bad one is a `RouteFileError` naming the entry and the field.
 * - `loadRouteFile(file)`: a `.json` manifest, or a JS module whose default export is a
 *   define function (`(r) => { r.get(…) }`), imported afresh on every call.
 * - `watchRouteFile(file, options, reload)`: calls `reload()` after the file changes, one
 *   call at a time, and reports every outcome as an event; nothing it does can throw into
 *   the void or leave a rejected promise unhandled.
 *
 * What a manifest's `handler` names mean, and how routes get into a route set, is the
 * adapter's business: this file only reads files.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { watch as watchDirectory, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { METHODS } from 'node:http';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One entry of a JSON manifest. */
export interface ManifestRoute {
  /** Upper-case HTTP method, or 'ALL' for every method. */
  method: string;
  /** The route pattern, in Express 5 syntax; the router validates it when the set is replaced. */
  path: string;
  /** The name of a handler in the registry the adapter was given. */
  handler: string;
}

/** What `loadRouteFile` found in a file. */
export type LoadedRouteFile =
  | { kind: 'manifest'; routes: ManifestRoute[] }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder's type is the adapter's
  | { kind: 'module'; define: (builder: any) => void };

/** A route file that cannot be read, parsed or used. Nothing was changed when it is thrown. */
export class RouteFileError extends Error {
  readonly code = 'ERR_SWITCHYARD_ROUTE_FILE' as const;
  /** The file, as it was given. */
  readonly file: string;
  /** For a manifest: the index of the entry at fault, when one is. */
  readonly index: number | undefined;
  /** For a manifest: the field of that entry at fault ('method', 'path', 'handler'), when one is. */
  readonly field: string | undefined;
  /** What is wrong, without the file name and position. */
  readonly reason: string;

  constructor(file: string, reason: string, where: { index?: number; field?: string; cause?: unknown } = {}) {
    const entry = where.index === undefined ? '' : ` entry ${where.index}${where.field === undefined ? '' : ` field "${where.field}"`}`;
    super(`Route file ${file}${entry}: ${reason}`, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'RouteFileError';
    this.file = file;
    this.index = where.index;
    this.field = where.field;
    this.reason = reason;
  }
}

/** Methods a manifest may name: Node's, plus ALL for `router.all()`. */
const MANIFEST_METHODS = new Set([...METHODS, 'ALL']);

/** Parse and check a JSON manifest. Throws `RouteFileError`; returns fresh objects with upper-case methods. */
export function parseManifest(text: string, file: string): ManifestRoute[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RouteFileError(file, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(data)) {
    throw new RouteFileError(file, `a manifest is a JSON array of { "method", "path", "handler" }, got ${describe(data)}`);
  }
  return data.map((entry: unknown, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new RouteFileError(file, `expected an object { "method", "path", "handler" }, got ${describe(entry)}`, { index });
    }
    const fields = entry as Record<string, unknown>;
    const method = requireString(fields, 'method', file, index).toUpperCase();
    if (!MANIFEST_METHODS.has(method)) {
      throw new RouteFileError(file, `unknown HTTP method ${JSON.stringify(fields.method)} (use GET, POST, …, or ALL)`, {
        index,
        field: 'method',
      });
    }
    const path = requireString(fields, 'path', file, index);
    const handler = requireString(fields, 'handler', file, index);
    return { method, path, handler };
  });
}

function requireString(fields: Record<string, unknown>, field: string, file: string, index: number): string {
  const value = fields[field];
  if (typeof value !== 'string' || value === '') {
    const got = value === undefined ? 'it is missing' : `got ${describe(value)}`;
    throw new RouteFileError(file, `"${field}" must be a non-empty string; ${got}`, { index, field });
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}${typeof value === 'number' || typeof value === 'boolean' ? ` (${String(value)})` : ''}`;
}

// Compiled to CommonJS (`module: commonjs`), a literal `import(x)` becomes `require(x)`,
// which can neither load an ES module nor take the query string that makes a module load
// afresh; so the real `import()` is built at run time. Inside a `vm` context (test runners
// evaluate sources that way) such a function has no import callback; there the literal,
// which only the ES build runs, is the real thing.
const runtimeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function importModule(specifier: string): Promise<unknown> {
  try {
    return await runtimeImport(specifier);
  } catch (error) {
    if ((error as { code?: unknown })?.code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw error;
    return import(specifier);
  }
}

/**
 * Load a route file. `.json` is a manifest; anything else is imported as a module whose
 * default export is the define function (`.ts` needs a runtime that loads TypeScript).
 * Throws `RouteFileError` for a missing file, a bad manifest or a module without a define
 * function; an error thrown while evaluating a module is kept as the `cause`.
 */
export async function loadRouteFile(file: string): Promise<LoadedRouteFile> {
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new RouteFileError(file, `cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (extname(absolute).toLowerCase() === '.json') return { kind: 'manifest', routes: parseManifest(text, file) };

  // ES modules are cached by URL for the life of the process: a new query string is a new
  // module. Keyed by the content, an unchanged file reuses its module instead of adding one
  // more to that cache on every reload. CommonJS (a .cjs, or a .js in a CommonJS package)
  // is cached by file name instead, so that entry is dropped first.
  const version = createHash('sha1').update(text).digest('hex').slice(0, 16);
  delete createRequire(absolute).cache[absolute];
  let namespace: unknown;
  try {
    namespace = await importModule(`${pathToFileURL(absolute).href}?switchyard=${version}`);
  } catch (error) {
    throw new RouteFileError(file, `failed to load as a module (${(error as Error)?.message ?? String(error)})`, { cause: error });
  }
  let define = (namespace as { default?: unknown }).default;
  // A CommonJS `module.exports = { default: fn }` arrives wrapped once more.
  if (define !== null && typeof define === 'object' && typeof (define as { default?: unknown }).default === 'function') {
    define = (define as { default: unknown }).default;
  }
  if (typeof define !== 'function') {
    throw new RouteFileError(file, `a route module's default export must be a function (r) => { r.get(…) }; got ${describe(define)}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see LoadedRouteFile
  return { kind: 'module', define: define as (builder: any) => void };
}

export interface WatchRouteFileOptions {
  /** Quiet time after the last change before reloading, in ms. Default 50. */
  debounceMs?: number;
  /** Also reload once right away, as if the file had just changed. Default false. */
  initial?: boolean;
}

/**
 * Watches one route file. Events: `'reload'` with what `reload()` resolved to, `'error'`
 * with whatever it threw or rejected with (or an error of the watcher itself). Without an
 * `'error'` listener, errors become process warnings rather than exceptions.
 */
export interface RouteFileWatcher extends EventEmitter {
  /** The file being watched, absolute. */
  readonly file: string;
  /** Settles (never rejects) once the initial reload has (or right away without `initial`). */
  readonly ready: Promise<void>;
  /** Stop watching; resolves once a reload in progress has settled. */
  close(): Promise<void>;
}

/**
 * Watch `file` and call `reload()` after each change. The directory is watched rather than
 * the file: editors that save by writing a new file and renaming it over the old one
 * replace the inode a file watch would be attached to. Changes are debounced, and reloads
 * never overlap: a change during a reload schedules exactly one more after it.
 */
export function watchRouteFile(
  file: string,
  options: WatchRouteFileOptions,
  reload: () => Promise<unknown>,
): RouteFileWatcher {
  if (typeof reload !== 'function') throw new TypeError('watchRouteFile() needs a reload function');
  const debounceMs = options?.debounceMs ?? 50;
  if (typeof debounceMs !== 'number' || !(debounceMs >= 0)) {
    throw new TypeError(`options.debounceMs must be a number of at least 0, got ${String(debounceMs)}`);
  }
  return new FileWatcher(resolve(file), debounceMs, Boolean(options?.initial), reload);
}

class FileWatcher extends EventEmitter implements RouteFileWatcher {
  readonly file: string;
  readonly ready: Promise<void>;
  readonly #name: string;
  readonly #debounceMs: number;
  readonly #reload: () => Promise<unknown>;
  readonly #watcher: FSWatcher;
  #timer: NodeJS.Timeout | null = null;
  /** The reload in progress, if any. */
  #running: Promise<void> | null = null;
  /** A change arrived during the reload in progress: run once more after it. */
  #again = false;
  #closed = false;

  constructor(file: string, debounceMs: number, initial: boolean, reload: () => Promise<unknown>) {
    super();
    this.file = file;
    this.#name = basename(file);
    this.#debounceMs = debounceMs;
    this.#reload = reload;
    // Throws (ENOENT…) synchronously if the directory cannot be watched: a setup mistake
    // the caller should see at once, not as an event.
    this.#watcher = watchDirectory(dirname(file), { persistent: false }, (_event, name) => {
      // Some platforms do not say which file changed; then it may have been ours.
      if (name === null || name === undefined || name.toString() === this.#name) this.#schedule();
    });
    this.#watcher.on('error', (error) => this.#report(error));
    this.ready = initial ? this.#run() : Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#running ?? undefined;
    this.#closed = true;
    this.#again = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#watcher.close();
    await this.#running;
  }

  #schedule(): void {
    if (this.#closed) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#running !== null) this.#again = true;
      else void this.#run();
    }, this.#debounceMs);
  }

  /** One reload, then another if a change arrived meanwhile. Never rejects. */
  #run(): Promise<void> {
    const run = (async () => {
      do {
        this.#again = false;
        try {
          const result = await this.#reload();
          this.emit('reload', result);
        } catch (error) {
          this.#report(error);
        }
      } while (this.#again && !this.#closed);
      this.#running = null;
    })();
    this.#running = run;
    return run;
  }

  #report(error: unknown): void {
    if (this.listenerCount('error') > 0) {
      this.emit('error', error);
      return;
    }
    const warning = error instanceof Error ? error : new Error(String(error));
    process.emitWarning(warning.message, { type: 'RouteFileWarning', code: 'SWITCHYARD_ROUTE_FILE', detail: `watching ${this.file}` });
  }
}
