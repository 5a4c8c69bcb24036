/**
 * Where a route was registered: the `file:line:column` of the user's call, read once from
 * the stack at registration. Frames inside Switchyard's own packages are skipped, so a route
 * added through the Express adapter names the user's `router.get(…)` line, not ours.
 */
import { fileURLToPath } from 'node:url';

/** Folders (a package's `src/` or `dist/`) whose frames are never the user's. */
const internalFolders: string[] = [];

/** Frames this deep are enough to get past any of our own wrappers. */
const STACK_LIMIT = 64;

function callSites(skipAbove: Function): NodeJS.CallSite[] {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = STACK_LIMIT;
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

function fileOf(site: NodeJS.CallSite): string | null {
  const name = site.getFileName() ?? site.getScriptNameOrSourceURL?.();
  if (!name) return null;
  if (name.startsWith('file://')) {
    try {
      return fileURLToPath(name);
    } catch {
      return name;
    }
  }
  return name;
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
  if (folder !== null && !internalFolders.includes(folder)) internalFolders.push(folder);
}

markInternalPackage();

/** `file:line:column` of the first frame outside Switchyard, or undefined if none is known. */
export function userSource(): string | undefined {
  for (const site of callSites(userSource)) {
    const file = fileOf(site);
    if (file === null || file.startsWith('node:')) continue;
    if (internalFolders.some((folder) => file.startsWith(folder))) continue;
    return `${file}:${site.getLineNumber() ?? 0}:${site.getColumnNumber() ?? 0}`;
  }
  return undefined;
}
