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
    if (!isLanguage(lang)) throw notFound('No such language.');
    // The console's texts and the clinical labels (findings, complaints, age bands) in one bundle.
    // A text or label not yet translated shows in English rather than as its key.
    const bundle = texts(i18n, lang);
    const english = texts(i18n, 'en');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(withFallback(bundle, english));
  });
  // no-cache: the browser revalidates, so a new console version reaches tablets on the next load.
  router.use('/staff', express.static(join(root, 'public', 'staff'), { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  return router;
}

type Texts = Record<string, unknown>;

function texts(i18n: I18n, lang: string): Texts {
  const staff: unknown = i18n.instance.getResourceBundle(lang, 'staff');
  const labels: unknown = i18n.instance.getResourceBundle(lang, 'staff-labels');
  return { ...(isTexts(staff) ? staff : {}), ...(isTexts(labels) ? labels : {}) };
}
const isTexts = (v: unknown): v is Texts => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `texts` over `fallback`, key by key at every depth. */
export function withFallback(texts: unknown, fallback: unknown): unknown {
  if (!isTexts(texts) || !isTexts(fallback)) return texts ?? fallback;
  const merged: Texts = { ...fallback };
  for (const [key, value] of Object.entries(texts)) merged[key] = withFallback(value, fallback[key]);
  return merged;
}
