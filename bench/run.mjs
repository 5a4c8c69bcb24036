/**
 * `npm run bench` — runs the benchmark suites and rewrites bench/RESULTS.md.
 *
 *   npm run bench                      every suite, full length (about 10 minutes on 2 cores)
 *   npm run bench -- --quick           every suite, short (about 2 minutes)
 *   npm run bench -- --suite lookup    one suite (or a comma-separated list)
 *   npm run bench -- --suite instructions   instruction counts under valgrind (opt-in, ~10 min)
 *   npm run bench -- --rounds 2        repeat each suite's children (default 1)
 *   npm run bench -- --out /tmp/r.md   write there (raw JSON beside it) instead of bench/RESULTS.md
 *
 * Suites run one after another and every measured thing runs in a child process of its own.
 * RESULTS.md keeps one section per suite between markers: a run replaces the sections of
 * the suites it ran and keeps the others, each section stating the run it came from.
 * Raw samples go to bench/results/<suite>.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SUITES = ['lookup', 'scaling', 'instructions', 'memory', 'stack', 'http', 'fastify', 'reload'];
// Run only when named: it needs valgrind and takes about 10 minutes (suites/instructions.mjs).
const OPT_IN = ['instructions'];
// Suites whose module is not named after them.
const MODULES = { reload: 'reload-suite' };
const TITLES = {
  lookup: 'Lookup (router-benchmark route set)',
  scaling: 'Scaling with the number of routes',
  instructions: 'Instructions per lookup (callgrind)',
  memory: 'Memory for 10,000 routes',
  stack: 'Stack depth after 1,000 synchronous middlewares',
  http: 'HTTP: Express app under autocannon',
  fastify: 'HTTP: Fastify native routes against a @switchyard/fastify set',
  reload: 'Reloading a route set',
};

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const quick = flag('quick');
const rounds = Number(value('rounds') ?? 1);
const chosen = value('suite') ? value('suite').split(',') : SUITES.filter((s) => !OPT_IN.includes(s));
for (const s of chosen) {
  if (!SUITES.includes(s)) {
    console.error(`unknown suite "${s}"; suites: ${SUITES.join(', ')}`);
    process.exit(2);
  }
}

const RESULTS = value('out') ? pathToFileURL(path.resolve(value('out'))) : new URL('./RESULTS.md', import.meta.url);
const RAW_DIR = value('out') ? new URL('./results/', RESULTS) : new URL('./results/', import.meta.url);
const command = `npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`;
const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`;
const startedAt = new Date();
const engine = engineState();
const log = (line) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);

log(`${command} — ${quick ? 'quick' : 'full'} run of ${chosen.join(', ')} on ${machine}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const sections = readSections();
for (const name of chosen) {
  const suite = await import(`./suites/${MODULES[name] ?? name}.mjs`);
  const t0 = Date.now();
  const { markdown, raw } = await suite.run({ quick, rounds, log });
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  const stamp =
    `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`${command}\` ` +
    `(${quick ? 'quick' : 'full'} run, ${rounds} round(s), ${seconds} s) on ${machine}, Node ${process.version}; ` +
    `load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${engine}._`;
  sections[name] = `## ${TITLES[name]}\n\n${stamp}\n\n${markdown}\n`;
  mkdirSync(RAW_DIR, { recursive: true });
  writeFileSync(new URL(`${name}.json`, RAW_DIR), JSON.stringify({ command, quick, rounds, node: process.version, machine, date: new Date().toISOString(), ...raw }, null, 2) + '\n');
  writeResults(sections);
  log(`${name} done in ${seconds} s`);
}
log(`wrote ${RESULTS.pathname}`);

/** Which engine and adapter code was measured: the commit, and whether their sources had uncommitted edits. */
function engineState() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: new URL('..', import.meta.url), encoding: 'utf8' }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'packages/router/src', 'packages/express-adapter/src');
    return `Switchyard at ${head}${dirty ? ' plus uncommitted edits in packages/*/src' : ''}`;
  } catch {
    return 'Switchyard commit unknown';
  }
}

function readSections() {
  const found = {};
  if (!existsSync(RESULTS)) return found;
  const text = readFileSync(RESULTS, 'utf8');
  for (const name of SUITES) {
    const m = new RegExp(`<!-- suite:${name} -->\\n([\\s\\S]*?)<!-- /suite:${name} -->`).exec(text);
    if (m) found[name] = m[1];
  }
  return found;
}

function writeResults(all) {
  const parts = [
    '# Switchyard benchmark results',
    '',
    '<!-- Written by bench/run.mjs (npm run bench); edit the suites, not this file. -->',
    '',
    `Latest run: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`${command}\`, on ${machine}, Node ${process.version}. ` +
      'Each section says which run it comes from. This is a shared, noisy 2-core machine: ' +
      'compare the ratios within one table, not absolute numbers across runs or machines. ' +
      'How each suite measures, and its caveats: [README.md](./README.md).',
  ];
  for (const name of SUITES) {
    if (all[name]) parts.push('', `<!-- suite:${name} -->`, all[name].trimEnd(), `<!-- /suite:${name} -->`);
  }
  writeFileSync(RESULTS, parts.join('\n') + '\n');
}
