// `npm start` builds first (prestart), but only when something the build reads has changed since
// the last build: a second start is then immediate instead of a full TypeScript compile. What the
// build reads is hashed (contents, not times: a checkout or a copy keeps no reliable mtimes) and the
// hash is kept next to the build output.
// Options (for tests): --root DIR, and BUILD_COMMAND to run instead of `npm run build`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'dialogs', 'public/widget/src', 'scripts/build-widget.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const OUTPUTS = ['dist/src/main.js', 'dist/public/widget.js'];
const stamp = join(root, 'dist', '.build-inputs.sha256');

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(root, p)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const current = inputsHash();
const built = OUTPUTS.every((o) => existsSync(join(root, o))) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === current;
if (built) {
  process.stdout.write('build is up to date\n');
  process.exit(0);
}
const command = process.env.BUILD_COMMAND ?? 'npm run build';
const result = spawnSync(command, { cwd: root, stdio: 'inherit', shell: true });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, `${current}\n`);
