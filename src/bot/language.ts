// Which language a turn is in, per CONTRACTS.md: the activity's locale; else the language
// detected in the text; else the conversation's; else the clinic default.
import { francAll } from 'franc-min';
import type { I18n } from '../i18n';
import { fold } from '../llm/guards/fold';
import { LANGUAGES, isLanguage, type Language } from '../triage/types';

const FRANC_TO_LANGUAGE: Record<string, Language> = { eng: 'en', spa: 'es', fra: 'fr', por: 'pt', cmn: 'zh', vie: 'vi' };
const HAN = /\p{Script=Han}/u;
// Letters only Vietnamese uses among our languages (â, ê and ô are French and Portuguese too: "tête", "avô").
const VIETNAMESE_MARKS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
/**
 * franc's scores are relative (the best is 1): on a short message Spanish and Portuguese, or
 * English and French, often come within a few percent of each other, and then it is a guess.
 */
const FRANC_MARGIN = 0.85;

/** Everyday words that belong to one language only (locales/<lang>/language.json), folded. */
export type LanguageCues = ReadonlyMap<string, Language>;

const cuesByI18n = new WeakMap<I18n, LanguageCues>();

/** The cue words of every language, read once per i18n instance. */
export function languageCues(i18n: I18n): LanguageCues {
  let cues = cuesByI18n.get(i18n);
  if (!cues) {
    const map = new Map<string, Language>();
    for (const lang of LANGUAGES) {
      for (const word of fold(i18n.t(lang)('language:cues')).split(/\s+/)) if (word && !map.has(word)) map.set(word, lang);
    }
    cuesByI18n.set(i18n, (cues = map));
  }
  return cues;
}

/** The language most of the message's cue words belong to, when one clearly leads with enough of them. */
function byCues(text: string, cues: LanguageCues, minHits: number): Language | undefined {
  const score = new Map<Language, number>();
  for (const word of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    const lang = word ? cues.get(word) : undefined;
    if (lang) score.set(lang, (score.get(lang) ?? 0) + 1);
  }
  const [first, second] = [...score].sort((a, b) => b[1] - a[1]);
  return first && first[1] >= minHits && (!second || first[1] > second[1]) ? first[0] : undefined;
}

function byFranc(text: string): Language | undefined {
  if (text.length < 20) return undefined;
  const [first, second] = francAll(text, { only: Object.keys(FRANC_TO_LANGUAGE) });
  if (!first || (second && second[1] >= FRANC_MARGIN * first[1])) return undefined;
  return FRANC_TO_LANGUAGE[first[0]];
}

/**
 * Detects one of our languages in free text, or undefined when it cannot tell: by script (Chinese,
 * Vietnamese with its marks), then by the everyday words of each language, then by franc's
 * statistics when they clearly favour one language. Once a conversation has a language, pass
 * `switching`: then one stray word ("hi" in a Spanish conversation) is not enough to change it.
 */
export function detectLanguage(text: string | undefined, cues?: LanguageCues, switching = false): Language | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (HAN.test(t)) return 'zh';
  if (VIETNAMESE_MARKS.test(t) && t.length >= 6) return 'vi';
  return (cues && byCues(t, cues, switching ? 2 : 1)) ?? byFranc(t);
}

export function localeLanguage(locale: string | undefined): Language | undefined {
  const lang = locale?.slice(0, 2).toLowerCase();
  return isLanguage(lang) ? lang : undefined;
}

export function resolveLanguage(opts: { locale?: string; text?: string; cues?: LanguageCues; conversation?: Language; clinicDefault: Language; supported: readonly Language[] }): Language {
  const candidates = [localeLanguage(opts.locale), detectLanguage(opts.text, opts.cues, opts.conversation !== undefined), opts.conversation];
  return candidates.find((l): l is Language => l !== undefined && opts.supported.includes(l)) ?? opts.clinicDefault;
}
