#!/usr/bin/env node
// `npm run bench -- NAME`: runs bench/NAME.ts, which prints one JSON object per line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const name = process.argv[2];
const available = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && f !== 'lib.ts')
  .map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const file = `bench/${name}.ts`;
if (!existsSync(file)) process.exit(2);
const result = spawnSync('npx', ['tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
