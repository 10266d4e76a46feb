// The browser test runs against the hub serving `web/dist`, so the app is built first: a stale
// build would test yesterday's code.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = function buildWebApp() {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
  });
};
