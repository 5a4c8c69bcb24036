/**
 * The automatic answer to an OPTIONS request nothing else answered: `Allow` (and the body)
 * list the methods of the routes whose path matched, unique, sorted, joined by ', ', with
 * the same headers Express's router sends.
 */
import type { ServerResponse } from 'node:http';

export function sendOptionsResponse(res: ServerResponse, methods: string[]): void {
  const unique: Record<string, true> = Object.create(null);
  for (const method of methods) unique[method] = true;
  const allow = Object.keys(unique).sort().join(', ');
  res.setHeader('Allow', allow);
  res.setHeader('Content-Length', Buffer.byteLength(allow));
  res.setHeader('Content-Type', 'text/plain');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(allow);
}
