/**
 * The package from CommonJS: a child node process `require()`s it (no test runner, no
 * TypeScript in between) and serves one request on loopback.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('works from require() in a .cjs file, mounted in an express 4 app', async () => {
  const script = fileURLToPath(new URL('./fixtures/require.cjs', import.meta.url));
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [script], { timeout: 15_000 }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))),
  );
  expect(JSON.parse(stdout)).toEqual({ status: 200, body: { hello: 'cjs', base: '/api' }, dup: 'function' });
});
