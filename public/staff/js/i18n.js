// Console texts come from the server (locales/<lang>/staff.json), so translators edit one file
// per language and this code holds no strings of its own.
export const SUPPORTED = ['en', 'es', 'fr', 'pt', 'vi', 'zh'];
const STORAGE_KEY = 'staff-console-language';
let bundle = {};
let current = 'en';

export function language() { return current; }

export function preferredLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(saved)) return saved;
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return SUPPORTED.includes(nav) ? nav : 'en';
}

export async function loadLanguage(lang) {
  const res = await fetch(`/staff/i18n/${encodeURIComponent(lang)}`);
  if (!res.ok) throw new Error(`language ${lang} not available`);
  bundle = await res.json();
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  applyTexts(document);
}

export function t(key, vars = {}) {
  const value = key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), bundle);
  const text = typeof value === 'string' ? value : key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => (vars[name] === undefined || vars[name] === null ? '' : String(vars[name])));
}

export function applyTexts(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (root === document) document.title = t('title');
}

export function formatTime(iso) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
