// The console's static files at /staff and its texts (locales/<lang>/staff.json) as JSON, so the
// browser code carries no strings of its own and translators edit one kind of file.
import { join } from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../config/paths';
import { notFound } from '../http/errors';
import type { I18n } from '../i18n';
import { isLanguage } from '../triage/types';

export function consoleRoutes(i18n: I18n, root = projectRoot()): Router {
  const router = Router();
  router.get('/staff/i18n/:lang', (req, res) => {
    const lang = req.params.lang;
    const bundle: unknown = isLanguage(lang) ? i18n.instance.getResourceBundle(lang, 'staff') : undefined;
    if (!bundle) throw notFound('No such language.');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(bundle);
  });
  // no-cache: the browser revalidates, so a new console version reaches tablets on the next load.
  router.use('/staff', express.static(join(root, 'public', 'staff'), { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  return router;
}
