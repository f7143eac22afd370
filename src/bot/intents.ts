// Non-clinical intents (help, stop, talk to a person, booking, cancelling) recognised from
// per-language phrase lists in locales/<lang>/intents.json.
import type { I18n } from '../i18n';
import type { Language } from '../triage/types';

export type Intent = 'help' | 'stop' | 'human' | 'book' | 'cancel' | 'reschedule';

/** Intents that only count when the message is short and is little more than the phrase ("stop", "help"). */
const WHOLE_MESSAGE: Intent[] = ['help', 'stop'];
const ORDER: Intent[] = ['stop', 'help', 'human', 'cancel', 'reschedule', 'book'];

export function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[!?.,;:¿¡。，！？]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function matchIntent(i18n: I18n, text: string, lang: Language): Intent | undefined {
  const t = normalise(text);
  if (!t) return undefined;
  for (const intent of ORDER) {
    const phrases = i18n.instance.getResource(lang, 'intents', intent) as string[] | undefined;
    for (const phrase of phrases ?? []) {
      const p = normalise(phrase);
      if (WHOLE_MESSAGE.includes(intent) ? t === p || (t.startsWith(`${p} `) && t.split(' ').length <= 3) : t.includes(p)) return intent;
    }
  }
  return undefined;
}

export function isYes(i18n: I18n, text: string, lang: Language): boolean | undefined {
  const t = normalise(text);
  const yes = (i18n.instance.getResource(lang, 'intents', 'yes') as string[] | undefined) ?? [];
  const no = (i18n.instance.getResource(lang, 'intents', 'no') as string[] | undefined) ?? [];
  const hit = (words: string[]): boolean => words.some((w) => { const n = normalise(w); return t === n || t.startsWith(`${n} `); });
  if (hit(no)) return false;
  if (hit(yes)) return true;
  return undefined;
}
