/**
 * The demo's live route set: `node examples/demo.mjs`, pointed at a copy of
 * examples/partners.json in a temp folder, changes its /partners routes when that file is
 * edited, says so on the console, and refuses a broken edit while the old routes serve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../examples/demo.mjs', import.meta.url));
const original = fileURLToPath(new URL('../examples/partners.json', import.meta.url));
let child: ChildProcess | null = null;
let dir = '';

afterEach(async () => {
  child?.kill();
  child = null;
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('reloads the partners routes when the manifest is edited, and refuses a broken edit', async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-demo-'));
  const manifest = join(dir, 'partners.json');
  await copyFile(original, manifest);
  child = spawn(process.execPath, [demo], {
    env: { ...process.env, PORT: '0', SWITCHYARD_DEMO_PARTNERS: manifest },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  /** Resolves with the first match of `pattern` in the demo's output so far or to come. */
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let waited = 0; waited < 10_000; waited += 20) {
      const match = pattern.exec(output);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${pattern} in the demo's output:\n${output}`);
  };

  const url = (await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  await waitFor(/Watching /);
  expect(output).toMatch(/partners v1 reloaded in [\d.]+ ms: \+ GET,HEAD \/partners; \+ GET,HEAD \/partners\/:id/);
  expect((await fetch(`${url}/partners/acme/since`)).status).toBe(404);

  await writeFile(
    manifest,
    JSON.stringify([
      { method: 'GET', path: '/partners/:id', handler: 'showPartner' },
      { method: 'GET', path: '/partners/:id/since', handler: 'partnerSince' },
    ]),
  );
  await waitFor(/partners v2 reloaded in [\d.]+ ms: \+ GET,HEAD \/partners\/:id\/since; - GET,HEAD \/partners\n/);
  expect(await (await fetch(`${url}/partners/acme/since`)).json()).toEqual({ id: 'acme', since: 2019 });

  await writeFile(manifest, '[{ "method": "GET", "path": "/partners/:id", "handler": "nope" }]');
  await waitFor(/reload refused, the previous routes keep serving: .*unknown handler "nope"/);
  expect((await fetch(`${url}/partners/acme/since`)).status).toBe(200);
});
