// The console's static files and texts: served under CSP script-src 'self', no inline scripts,
// every language's staff texts available.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { buildTestApp } from '../helpers/test-services';

describe('console at /staff', () => {
  const { app } = buildTestApp();

  it('serves the page with a CSP that allows only our own scripts', async () => {
    const res = await request(app).get('/staff/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.text).toContain('<script type="module" src="/staff/js/main.js"></script>');
    // No inline scripts or handlers: CSP would block them.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
    await request(app).get('/staff').expect((r) => expect([200, 301]).toContain(r.status));
  });

  it('serves the scripts and the stylesheet', async () => {
    for (const file of ['js/main.js', 'js/api.js', 'js/i18n.js', 'js/queue.js', 'js/case.js', 'js/admin.js', 'js/dom.js', 'js/alerts.js', 'js/labels.js', 'js/metrics.js']) {
      const res = await request(app).get(`/staff/${file}`).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
    await request(app).get('/staff/staff.css').expect('Content-Type', /css/).expect(200);
  });

  it('serves the staff texts per language and 404 for others', async () => {
    const en = await request(app).get('/staff/i18n/en').expect(200);
    const es = await request(app).get('/staff/i18n/es').expect(200);
    expect(en.body.login.title).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', 'en', 'staff.json'), 'utf8')).login.title);
    expect(es.body.login.title).not.toBe(en.body.login.title);
    // The clinical labels come in the same bundle; one not yet translated is served in English,
    // never as its key.
    const fr = await request(app).get('/staff/i18n/fr').expect(200);
    expect(en.body.findingLabels.face_droop).toBe('Face drooping');
    expect(es.body.findingLabels.face_droop).toBe('Cara caída');
    expect(fr.body.findingLabels.face_droop).toBe('Face drooping');
    expect(fr.body.ageBands.older).toBe('65 ans ou plus');
    expect(fr.body.login.title).not.toBe(en.body.login.title);
    await request(app).get('/staff/i18n/xx').expect(404);
    await request(app).get('/staff/i18n/constructor').expect(404);
  });

  it('every text key the console uses exists in English', () => {
    const en = JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', 'en', 'staff.json'), 'utf8'));
    const dir = join(__dirname, '..', '..', 'public', 'staff');
    const sources = ['index.html', 'js/main.js', 'js/queue.js', 'js/case.js', 'js/admin.js', 'js/alerts.js', 'js/metrics.js'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const keys = new Set([...sources.matchAll(/(?:\bt\(|data-i18n(?:-label)?=)['"`]([a-z_]+\.[\w.]+|[a-z]+)['"`]/gi)].map((m) => m[1]!));
    const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);
    const missing = [...keys].filter((k) => typeof lookup(k) !== 'string');
    expect(missing).toEqual([]);
    expect(keys.size).toBeGreaterThan(30);
  });
});
