// General questions (opening hours, what to bring, parking) answered only from the clinic file.
import type { Clinic } from '../config/clinic';
import type { Language } from '../triage/types';
import { normalise } from './intents';

export function matchFaq(clinic: Clinic, text: string, lang: Language): string | undefined {
  const t = normalise(text);
  if (!t) return undefined;
  const entry = clinic.faq.find((f) => (f.keywords[lang] ?? []).some((k) => t.includes(normalise(k))));
  return entry?.answer[lang];
}
