// Patient-facing and staff-facing texts: locales/<lang>/<namespace>.json, loaded synchronously at
// start into one i18next instance per app (no global state, so tests can build several apps).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { projectRoot } from '../config/paths';
import { LANGUAGES, type Language } from '../triage/types';

export type Translate = (key: string, vars?: Record<string, unknown>) => string;
export type ResourceTree = { [key: string]: string | ResourceTree };

export function localesDir(): string {
  return join(projectRoot(), 'locales');
}

/** Reads every locales/<lang>/<ns>.json. */
export function readLocaleResources(dir = localesDir()): Record<string, Record<string, ResourceTree>> {
  const resources: Record<string, Record<string, ResourceTree>> = {};
  for (const lang of readdirSync(dir)) {
    resources[lang] = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as ResourceTree;
    }
  }
  return resources;
}

export interface I18n {
  instance: i18n;
  /** A translator fixed to one language; keys are "namespace:path.to.key". */
  t(lang: Language): Translate;
}

export function createI18n(dir = localesDir()): I18n {
  const resources = readLocaleResources(dir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    initAsync: false,
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    defaultNS: 'bot',
    ns: Object.keys(resources.en ?? {}),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map<Language, TFunction>();
  return {
    instance,
    t(lang) {
      let f = fixed.get(lang);
      if (!f) fixed.set(lang, (f = instance.getFixedT(lang)));
      const tf = f;
      return (key, vars) => String(tf(key, vars ?? {}));
    },
  };
}
