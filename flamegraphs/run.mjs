/**
 * `npm run flame`: profile the same Express app under the same load twice with 0x, once on
 * Express's router and once on Switchyard, and keep each flamegraph as
 * flamegraphs/<variant>.html (the rest of 0x's output is thrown away).
 *
 * Load: autocannon, 10 connections for 5 s (`--duration` to change), on 127.0.0.1 only.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const durationArg = process.argv.indexOf('--duration');
const duration = durationArg === -1 ? 5 : Number(process.argv[durationArg + 1]);
if (!(duration > 0 && duration <= 60)) throw new Error('--duration must be 1 to 60 seconds');

for (const variant of ['express', 'switchyard']) {
  const out = mkdtempSync(join(tmpdir(), `switchyard-flame-${variant}-`));
  const load = `${bin('autocannon')} -c 10 -d ${duration} http://127.0.0.1:$PORT/route999/42`;
  console.log(`profiling ${variant} (${duration} s of load)…`);
  const result = spawnSync(bin('0x'), ['--output-dir', out, '--on-port', load, '--', process.execPath, join(here, 'app.mjs'), variant, '1000'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`0x failed for ${variant} (exit ${result.status})`);
  const html = findFile(out, 'flamegraph.html');
  if (html === null) throw new Error(`0x wrote no flamegraph.html for ${variant} in ${out}`);
  copyFileSync(html, join(here, `${variant}.html`));
  rmSync(out, { recursive: true, force: true });
  console.log(`wrote flamegraphs/${variant}.html`);
}

function findFile(dir, name) {
  if (!existsSync(dir)) return null;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name === name) return path;
    }
  }
  return null;
}
