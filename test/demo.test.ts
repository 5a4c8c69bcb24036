/**
 * The demo stays runnable: `node examples/demo.mjs --smoke` starts the app on loopback,
 * prints its route table, requests itself once and exits 0.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('runs node examples/demo.mjs --smoke', async () => {
  const demo = fileURLToPath(new URL('../examples/demo.mjs', import.meta.url));
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [demo, '--smoke'], { timeout: 15_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    ),
  );
  expect(stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  expect(stdout).toMatch(/GET,HEAD\s+\/api\/users\/:id/);
  expect(stdout).toContain('GET /api/users/1 -> 200 {"id":"1","name":"Ada"}');
});
