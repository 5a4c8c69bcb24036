/**
 * The published types: fixtures written as users write them (ESM and CommonJS) must
 * type-check against the built .d.ts files and @types/express, including `app.use(router)`.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('type-checks app.use(router) and the adapter API with @types/express', async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = fileURLToPath(new URL('./fixtures/types/tsconfig.json', import.meta.url));
  const result = await new Promise<{ code: number; out: string }>((resolve) =>
    execFile(process.execPath, [tsc, '-p', project], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
  expect(result.out).toBe('');
  expect(result.code).toBe(0);
}, 60_000);
