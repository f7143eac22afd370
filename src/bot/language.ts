// Which language a turn is in, per CONTRACTS.md: the activity's locale; else the language
// detected in the text; else the conversation's; else the clinic default.
import { franc } from 'franc-min';
import { isLanguage, type Language } from '../triage/types';

const FRANC_TO_LANGUAGE: Record<string, Language> = { eng: 'en', spa: 'es', fra: 'fr', por: 'pt', cmn: 'zh', vie: 'vi' };
const HAN = /\p{Script=Han}/u;
const VIETNAMESE_MARKS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

/** Detects one of our languages in free text, or undefined when the text is too short to tell. */
export function detectLanguage(text: string | undefined): Language | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (HAN.test(t)) return 'zh';
  if (VIETNAMESE_MARKS.test(t) && t.length >= 6) return 'vi';
  if (t.length < 20) return undefined;
  const code = franc(t, { only: Object.keys(FRANC_TO_LANGUAGE) });
  return FRANC_TO_LANGUAGE[code];
}

export function localeLanguage(locale: string | undefined): Language | undefined {
  const lang = locale?.slice(0, 2).toLowerCase();
  return isLanguage(lang) ? lang : undefined;
}

export function resolveLanguage(opts: { locale?: string; text?: string; conversation?: Language; clinicDefault: Language; supported: readonly Language[] }): Language {
  const candidates = [localeLanguage(opts.locale), detectLanguage(opts.text), opts.conversation];
  return candidates.find((l): l is Language => l !== undefined && opts.supported.includes(l)) ?? opts.clinicDefault;
}
