// Reads the JSON reports of every test runner in RUN_DIR/reports and prints one summary, ending with the
// plain line "N passed, N failed" (and skipped). Exits 1 when a report is missing or anything failed.
const fs = require('node:fs');
const path = require('node:path');

const [dir, seconds] = process.argv.slice(2);
const suites = [];

function read(name) {
  const p = path.join(dir, name);
  if (!fs.existsSync(p)) return null;
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
}

// every type check test.sh ran (typecheck.json, typecheck-frontend.json, typecheck-e2e.json…)
const typechecks = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^typecheck.*\.json$/.test(f)).sort((a, b) => a.length - b.length || a.localeCompare(b)) : [];
for (const report of typechecks) {
  const typecheck = read(report);
  if (typecheck) suites.push({ name: typecheck.name, passed: typecheck.passed, failed: typecheck.failed, skipped: 0 });
}

const backend = read('backend.json');
suites.push(
  backend
    ? { name: 'backend (jest)', passed: backend.numPassedTests, failed: backend.numFailedTests + (backend.numRuntimeErrorTestSuites || 0), skipped: backend.numPendingTests + (backend.numTodoTests || 0) }
    : { name: 'backend (jest)', missing: true },
);

const frontend = read('frontend.json');
if (frontend && typeof frontend.numPassedTests === 'number') {
  suites.push({ name: 'frontend (vitest)', passed: frontend.numPassedTests, failed: frontend.numFailedTests, skipped: frontend.numPendingTests + (frontend.numTodoTests || 0) });
} else {
  suites.push({ name: 'frontend (vitest)', missing: true });
}

const e2e = read('e2e.json');
if (e2e && e2e.stats) {
  suites.push({ name: 'e2e (playwright)', passed: e2e.stats.expected, failed: e2e.stats.unexpected + (e2e.stats.flaky || 0), skipped: e2e.stats.skipped });
} else {
  suites.push({ name: 'e2e (playwright)', missing: true });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n=== test summary ===');
for (const s of suites) {
  if (s.missing) {
    console.log(`${s.name}: no report (the runner crashed before reporting)`);
    failed += 1;
    continue;
  }
  console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped;
}
if (seconds) console.log(`total time: ${seconds}s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
