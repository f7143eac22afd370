// What a newcomer meets on the README's first run and on the production start: every variable the
// service reads is documented and passed by docker-compose (with a place for the clinic's own
// file), the README's evaluation example runs on a file the repository ships, the README states
// the Node.js version and the admin password's minimum, and a second `npm start` does not rebuild.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV_VARIABLES } from '../../src/config/env';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README and docker-compose', () => {
  it('document every environment variable in the configuration table', () => {
    const table = README.slice(README.indexOf('## Configuration'), README.indexOf('##', README.indexOf('## Configuration') + 3));
    const documented = new Set([...table.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]));
    expect(ENV_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('docker-compose passes every variable (but where to listen and the store, which it fixes) and mounts a clinic file folder', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: { triage: { environment: Record<string, string>; volumes?: string[] } } };
    const triage = compose.services.triage;
    const fixedByImage = ['PORT', 'HOST', 'STORE', 'EMBEDDED_MONGO_TIMEOUT_S'];
    expect(ENV_VARIABLES.filter((name) => !fixedByImage.includes(name) && !(name in triage.environment))).toEqual([]);
    const mount = triage.volumes?.find((v) => v.endsWith(':/config:ro'));
    expect(mount).toBeDefined();
    expect(README).toMatch(/clinic-config/);
  });

  it("runs the README's evaluation example on a file the repository ships", () => {
    const examples = [...README.matchAll(/npm run eval -- ([^\s`]+\.jsonl)/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThan(0);
    for (const file of examples) {
      expect(file.startsWith('..')).toBe(false);
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ id: expect.any(String), lang: expect.any(String), gold: expect.any(String), messages: expect.any(Array) });
    }
  });

  it('states the Node.js version package.json requires and the admin password minimum', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20.19');
    expect(README).toMatch(/Node\.js ≥ 20\.19/);
    expect(README).toMatch(/STAFF_ADMIN_PASSWORD`?, at least 12 characters|the password needs at least 12 characters/);
  });
});

describe('npm start builds only what changed', () => {
  const script = join(ROOT, 'scripts', 'build-if-changed.mjs');

  it('runs the build once, skips it while nothing changed, and again after a source change', () => {
    const root = mkdtempSync(join(tmpdir(), 'build-if-changed-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
    // A stand-in build: it writes the outputs and counts its runs.
    const build = `node -e "const f=require('fs');f.mkdirSync('dist/src',{recursive:true});f.mkdirSync('dist/public',{recursive:true});f.writeFileSync('dist/src/main.js','');f.writeFileSync('dist/public/widget.js','');f.appendFileSync('builds.txt','x')"`;
    const run = (): string => {
      const r = spawnSync(process.execPath, [script, '--root', root], { env: { ...process.env, BUILD_COMMAND: build }, encoding: 'utf8' });
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const builds = (): number => (existsSync(join(root, 'builds.txt')) ? readFileSync(join(root, 'builds.txt'), 'utf8').length : 0);
    run();
    expect(builds()).toBe(1);
    expect(run()).toContain('build is up to date');
    expect(builds()).toBe(1);
    writeFileSync(join(root, 'src', 'main.ts'), 'export const changed = true;\n');
    run();
    expect(builds()).toBe(2);
  });
});
