// Bundles the web chat widget (public/widget/src, TypeScript, no framework) into one minified
// script, dist/public/widget.js, served as /widget.js. Prints its gzipped size and fails the
// build when it passes the budget: clinics embed it on every page of their site.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'public', 'widget.js');
const BUDGET_GZIP_BYTES = 60 * 1024;

mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'public', 'widget', 'src', 'main.ts')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  // Browsers of the last few years, including older phones.
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});

const code = readFileSync(outfile);
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`widget: dist/public/widget.js ${kb(code.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)})\n`);
if (gzipped > BUDGET_GZIP_BYTES) {
  process.stderr.write('widget: over the gzipped size budget\n');
  process.exit(1);
}
