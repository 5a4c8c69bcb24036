/**
 * Runs one benchmark child process and returns the JSON it prints last on stdout.
 * A child that fails, prints no JSON or outlives its time limit is an error naming it.
 *
 * Other people rebuild the packages while benchmarks run (`npm run build` empties `dist`
 * first), so a child that fails because a module is missing is retried after a pause.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export async function runChild(args, options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(args, options);
    } catch (error) {
      if (attempt >= 4 || !error.message.includes('ERR_MODULE_NOT_FOUND')) throw error;
      await sleep(3000);
    }
  }
}

function runOnce(args, { timeoutMs = 120_000, nodeFlags = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const what = `node ${[...nodeFlags, ...args].join(' ')}`;
      if (code !== 0) {
        reject(new Error(`${what} failed (${signal ?? 'exit ' + code}):\n${err.trim()}`));
        return;
      }
      const last = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${what} printed no JSON result:\n${out}\n${err}`));
      }
    });
  });
}
