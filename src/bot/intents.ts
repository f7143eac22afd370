// Non-clinical intents (help, stop, talk to a person, booking, cancelling) recognised from
// per-language phrase lists in locales/<lang>/intents.json.
import type { I18n } from '../i18n';
import type { Language } from '../triage/types';

export type Intent = 'restart' | 'help' | 'stop' | 'human' | 'book' | 'cancel' | 'reschedule';

/** Intents that only count when the message is short and is little more than the phrase ("stop", "help"). */
const WHOLE_MESSAGE: Intent[] = ['restart', 'help', 'stop'];
const ORDER: Intent[] = ['restart', 'stop', 'help', 'human', 'cancel', 'reschedule', 'book'];
/** Words a short command may carry besides its phrase ("ok let's start over please"). */
const COMMAND_EXTRA_WORDS = 3;

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
      if (WHOLE_MESSAGE.includes(intent) ? isCommand(t, p, intent === 'restart') : t.includes(p)) return intent;
    }
  }
  return undefined;
}

/**
 * The message is the phrase, or starts with it and is short ("stop please"). `around`: a few words
 * may also come before it ("ok let's start over"); never for "stop", which patients use in symptoms
 * ("I can't stop coughing").
 */
function isCommand(t: string, p: string, around: boolean): boolean {
  if (t === p) return true;
  if (!around) return t.startsWith(`${p} `) && t.split(' ').length <= 3;
  if (/\p{Script=Han}/u.test(p)) return t.includes(p) && t.length <= p.length + COMMAND_EXTRA_WORDS;
  return ` ${t} `.includes(` ${p} `) && t.split(' ').length <= p.split(' ').length + COMMAND_EXTRA_WORDS;
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
