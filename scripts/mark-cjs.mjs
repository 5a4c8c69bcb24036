// Marks a tsc CommonJS output folder as CommonJS, so Node and TypeScript read its .js and
// .d.ts files as CommonJS even though the package itself is "type": "module".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: mark-cjs.mjs <dist/cjs folder>');
writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
