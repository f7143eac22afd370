// Does the model's answer speak the patient's language? Scripts decide for zh and vi; for the four Latin-script
// languages, common function words decide short texts (franc is unreliable under ~60 letters) and franc-min
// confirms long ones. Placeholders, numbers and must-keep strings are removed first: they are language-neutral.
import { francAll } from 'franc-min';
import type { Language } from '../../triage/types';
import { fold } from './fold';

const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;
/** Letters only Vietnamese uses among our languages (â, ê, ô also occur in French and Portuguese). */
const VI_ONLY = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ]/giu;

const FUNCTION_WORDS: Partial<Record<Language, Set<string>>> = {
  en: new Set('the and you your please is are with this for call now not will can we our have it to of'.split(' ')),
  es: new Set('el los las usted su por con que es esta ahora llame puede hay del una al muy'.split(' ')),
  fr: new Set('le les vous votre est et pour avec pas une des maintenant appelez nous etes du au tres'.split(' ')),
  pt: new Set('voce o os seu sua com nao e esta agora ligue uma do da nos ao muito'.split(' ')),
};
const FRANC: Record<string, Language> = { eng: 'en', spa: 'es', fra: 'fr', por: 'pt' };

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

function functionWordCounts(text: string): Partial<Record<Language, number>> {
  const words = fold(text).split(/[^\p{L}']+/u);
  const counts: Partial<Record<Language, number>> = {};
  for (const [lang, set] of Object.entries(FUNCTION_WORDS) as Array<[Language, Set<string>]>) {
    counts[lang] = words.filter((w) => set.has(w)).length;
  }
  return counts;
}

/** True when `text` is plausibly in `lang`; false only on clear evidence of another language. */
export function speaksLanguage(text: string, lang: Language, neutral: string[] = []): boolean {
  let t = text.replace(/\[[A-Z]+_\d+\]/g, ' ');
  for (const n of neutral) if (n) t = t.split(n).join(' ');
  const letters = count(LETTER, t);
  if (letters === 0) return false;
  const han = count(HAN, t) / letters;
  if (lang === 'zh') return han >= 0.3;
  if (han > 0.1) return false;
  const vi = count(VI_ONLY, t) / letters;
  if (lang === 'vi') return letters < 15 || vi >= 0.04;
  if (vi > 0.03) return false;

  const counts = functionWordCounts(t);
  const expected = counts[lang] ?? 0;
  const [bestLang, best] = (Object.entries(counts) as Array<[Language, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
  if (bestLang !== lang && best >= 2 && expected * 2 < best) return false;
  if (letters >= 60) {
    const scores = francAll(t, { only: Object.keys(FRANC) });
    const top = scores[0];
    const own = scores.find(([code]) => FRANC[code] === lang)?.[1] ?? 0;
    if (top && FRANC[top[0]] !== lang && own < 0.8 && expected * 2 < (counts[FRANC[top[0]] ?? lang] ?? 0)) return false;
  }
  return true;
}
