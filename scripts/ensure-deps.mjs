// Installs the workspace dependencies when they are missing or older than the lockfile, so that
// `npm run demo` and `npm test` work on a fresh clone. Uses only Node's standard library.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installed = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
  // `npm install` rather than `npm ci`: npm 11 writes lockfiles without other platforms' optional
  // binaries and then `npm ci` refuses them; `install` keeps the locked versions all the same.
  console.log('[deps] installing npm dependencies…');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
