#!/usr/bin/env node
// Runs a backend CLI (backend/dist/cli/<name>.js), building the backend first only when dist is missing or
// older than backend/src. Build output goes to stderr so a CLI's JSON on stdout stays clean.
// Usage: node scripts/run-cli.js <name> [args...]   (exit code forwarded)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const backend = path.join(root, 'backend');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/run-cli.js <cli-name> [args...]\n');
  process.exit(2);
}
const target = path.join(backend, 'dist', 'cli', `${name}.js`);

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh() {
  if (!fs.existsSync(target)) return false;
  const built = fs.statSync(target).mtimeMs;
  const src = Math.max(newestMtime(path.join(backend, 'src')), ...['tsconfig.json', 'tsconfig.build.json'].map((f) => fs.statSync(path.join(backend, f)).mtimeMs));
  return built >= src;
}

if (!isFresh()) {
  process.stderr.write(`[run-cli] building backend (dist missing or older than src)...\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', 'backend'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) {
    // tsc still emits JavaScript when there are type errors (possibly in code unrelated to this CLI)
    if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= Date.now() - 10 * 60 * 1000) {
      process.stderr.write(`[run-cli] warning: backend build reported errors (exit ${r.status}); running the freshly emitted ${name}.js anyway\n`);
      // touch so the next run does not rebuild needlessly
      const now = new Date();
      fs.utimesSync(target, now, now);
    } else {
      process.stderr.write(`[run-cli] backend build failed (exit ${r.status}) and ${path.relative(root, target)} was not produced\n`);
      process.exit(r.status || 1);
    }
  }
}

const r = spawnSync(process.execPath, [target, ...args], { stdio: 'inherit', cwd: process.cwd() });
if (r.error) {
  process.stderr.write(`[run-cli] ${r.error.message}\n`);
  process.exit(1);
}
process.exit(r.status === null ? 1 : r.status);
