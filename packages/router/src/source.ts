/**
 * Where a route was registered: the `file:line:column` of the user's call, read once from
 * the stack at registration. Frames inside Switchyard's own packages are skipped, so a route
 * added through the Express adapter names the user's `router.get(…)` line, not ours.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BoundedCache } from './bounded-cache.js';

/** Folders (a package's `src/` or `dist/`, as paths and as file URLs) whose frames are never the user's. */
const internalFolders: string[] = [];

/**
 * Frames this deep are enough to get past our own wrappers (the adapter and Express add
 * about eight). Each frame costs (about 0.6 µs): at 64, capturing was half the time of an
 * `add`. So a first look takes `FIRST_LOOK` frames, enough for `router.get()`,
 * `app.get()` and a route set's `r.get()` through the adapter (4 to 6 frames; `app.use()`
 * needs 7) (measured: 14.8 µs for 24 frames, 6.5 µs for 8), and only a stack that had no
 * user frame among them is read again, `STACK_LIMIT` deep.
 */
const STACK_LIMIT = 24;
const FIRST_LOOK = 6;

function callSites(skipAbove: Function, limit = STACK_LIMIT): NodeJS.CallSite[] {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = limit;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, skipAbove);
    const sites = holder.stack;
    return Array.isArray(sites) ? (sites as NodeJS.CallSite[]) : [];
  } catch {
    return [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

/** File URLs already converted: a registration file's routes all come from a few files. */
const pathsOfUrls = new BoundedCache<string, string>(1000);

function fileOf(site: NodeJS.CallSite): string | null {
  const name = site.getFileName() ?? site.getScriptNameOrSourceURL?.();
  if (!name) return null;
  if (!name.startsWith('file://')) return name;
  return pathsOfUrls.get(name, pathOfUrl);
}

function pathOfUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** The package folder (`…/src/` or `…/dist/`) a module file lives in, or null. */
function packageFolderOf(file: string): string | null {
  const match = /^(.*[\\/](?:src|dist)[\\/])/.exec(file);
  return match ? match[1]! : null;
}

/**
 * Declare the calling module's package folder as Switchyard's own: its frames are skipped
 * when finding where a route was registered. Each Switchyard package calls this once.
 */
export function markInternalPackage(): void {
  const site = callSites(markInternalPackage)[0];
  const file = site ? fileOf(site) : null;
  const folder = file ? packageFolderOf(file) : null;
  if (folder === null) return;
  for (const form of [folder, pathToFileURL(folder).href]) {
    if (!internalFolders.includes(form)) internalFolders.push(form);
  }
}

markInternalPackage();

/** Files matching these are a framework's, between the user's call and ours. */
const ignoredFiles: RegExp[] = [];

/**
 * Frames whose file (a path, or a file URL under ESM) matches `pattern` are not the user's
 * either: the Express adapter ignores Express's own files, which call it from `app.get()`.
 */
export function ignoreSourceFrames(pattern: RegExp): void {
  if (!ignoredFiles.some((known) => String(known) === String(pattern))) ignoredFiles.push(pattern);
}

/**
 * How many frames to read above a public `entry` function: its caller is the user's line,
 * or a framework's (Express's `app.get()` calls the adapter's `router.get()`) whose caller
 * is. Capturing costs about 2 µs for the first frame and 0.3 µs for each further one
 * (measured; a route set's reload captures once per route), so 2 rather than `FIRST_LOOK`.
 */
const ENTRY_LOOK = 2;

/**
 * `file:line:column` of the first frame outside Switchyard, or undefined if none is known.
 * `entry`, the public function the user called (`router.get`, say), lets the capture start
 * at its caller instead of walking past Switchyard's own frames first; when `entry` is not
 * on the stack, or no user frame is near it, the stack is read from here as without it.
 */
export function userSource(entry?: Function): string | undefined {
  if (entry !== undefined) {
    const found = firstUserSite(callSites(entry, ENTRY_LOOK));
    if (found !== null) return found;
  }
  const sites = callSites(userSource, FIRST_LOOK);
  const found = firstUserSite(sites);
  if (found !== null || sites.length < FIRST_LOOK) return found ?? undefined;
  return firstUserSite(callSites(userSource)) ?? undefined;
}

function firstUserSite(sites: NodeJS.CallSite[]): string | null {
  for (const site of sites) {
    const name = site.getFileName();
    if (!name || name.startsWith('node:')) continue;
    // Compare the raw name (a path, or a file URL under ESM) with the folders in both forms;
    // converting every frame's URL to a path was a tenth of the cost of an `add`.
    if (internalFolders.some((folder) => name.startsWith(folder))) continue;
    if (ignoredFiles.some((pattern) => pattern.test(name))) continue;
    return `${fileOf(site) ?? name}:${site.getLineNumber() ?? 0}:${site.getColumnNumber() ?? 0}`;
  }
  return null;
}

/** Per registration: where it comes from, when the caller knows better than the stack. */
export interface RegisterOptions {
  /**
   * `file:line:column` (or any text) to report as the registration's source instead of
   * reading it from the stack: a framework that already knows its user's line (the Express
   * adapter) saves the cost of a second stack capture, and a manifest can name its file.
   */
  source?: string;
}

/** The source a registration reports: the caller's, or the user's frame on the stack (see `userSource`). */
export function sourceFrom(options: RegisterOptions | undefined, entry?: Function): string | undefined {
  if (options === undefined) return userSource(entry);
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  if (options.source === undefined) return userSource(entry);
  if (typeof options.source !== 'string') throw new TypeError('options.source must be a string');
  return options.source;
}
