// Two projects: fast unit specs beside the code (src/**/*.spec.ts) and integration specs
// (test/**/*.int-spec.ts) that talk to the real FerretDB, PostgreSQL and Redis started by scripts/test.sh.
const fs = require('node:fs');
const path = require('node:path');
const swcConfig = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcConfig.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', swcConfig] };

module.exports = {
  // testTimeout is a global option (ignored inside projects): integration specs boot real servers.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
    },
  ],
};
