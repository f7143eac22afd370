// A patient changing an answer: "go back" / "that's wrong" returns to the last question, "sorry, I
// meant yes" answers it again. Phrases per language in locales/<lang>/intents.json ("back", "meant").
// Only a short message counts, so "my back hurts when I go back to bed" stays a symptom.
import type { I18n } from '../i18n';
import type { Language } from '../triage/types';
import { normalise } from './intents';

export type Correction = { kind: 'back' } | { kind: 'meant'; answer: string };

/** A correction is a short message: the phrase and a few words ("wait, sorry, I meant yes"). */
const MAX_WORDS = 8;
const MAX_CJK_CHARS = 12;

function phrases(i18n: I18n, lang: Language, key: 'back' | 'meant'): string[] {
  return ((i18n.instance.getResource(lang, 'intents', key) as string[] | undefined) ?? []).map(normalise);
}

function short(t: string): boolean {
  return /\p{Script=Han}/u.test(t) ? t.replace(/\s/g, '').length <= MAX_CJK_CHARS : t.split(' ').length <= MAX_WORDS;
}

/** Where the phrase starts in the message, as a whole word (Chinese: anywhere), or -1. */
function find(t: string, p: string): number {
  if (/\p{Script=Han}/u.test(p)) return t.indexOf(p);
  const at = ` ${t} `.indexOf(` ${p} `);
  return at;
}

export function matchCorrection(i18n: I18n, text: string, lang: Language): Correction | undefined {
  const t = normalise(text);
  if (!t || !short(t)) return undefined;
  for (const p of phrases(i18n, lang, 'meant')) {
    const at = find(t, p);
    if (at < 0) continue;
    const answer = t.slice(at + p.length).trim();
    return answer ? { kind: 'meant', answer } : { kind: 'back' };
  }
  for (const p of phrases(i18n, lang, 'back')) if (find(t, p) >= 0) return { kind: 'back' };
  return undefined;
}
