/**
 * Reload suite (issue 6 §4, issue 5): runs the standalone `suites/reload.mjs` (written by
 * the route-set work) in a child process and embeds the markdown it prints. Its own
 * header says what it measures; the quick run shortens its load phases to 2 s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./reload.mjs', import.meta.url));

export function run({ quick, log }) {
  return new Promise((resolve) => {
    const env = { ...process.env, ...(quick ? { RELOAD_BENCH_SECONDS: '2' } : {}) };
    const child = spawn(process.execPath, [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Its '## ' headings sit under this suite's own '## ' heading.
      const body = out.trim().replace(/^## /gm, '### ');
      if (code !== 0) {
        log(`reload: ERROR (exit ${code}) ${err.trim().split('\n')[0]}`);
        resolve({ markdown: `${body}\n\n**Error**: \`node bench/suites/reload.mjs\` exited ${code}: ${err.trim().split('\n')[0]}`, raw: { out, err, code } });
        return;
      }
      log('reload: done');
      resolve({ markdown: body, raw: { out } });
    });
  });
}
