// PHI redaction before any prompt leaves the process, and restoration in the model's answer. Each detail becomes
// a placeholder ([PHONE_1]) the prompts tell the model to keep; the same detail always gets the same placeholder.
// Over-redaction is the safe error: the placeholder is restored afterwards, so the patient loses nothing.
import { lexicon } from './lexicon';

export type PhiKind = 'EMAIL' | 'RECORD' | 'DOB' | 'PHONE' | 'ADDRESS' | 'NAME';

export interface Redaction {
  text: string;
  /** placeholder → original text */
  placeholders: Map<string, string>;
  kinds: PhiKind[];
}

const PLACEHOLDER = /\[(EMAIL|RECORD|DOB|PHONE|ADDRESS|NAME)_(\d+)\]/g;
const HAN = /\p{Script=Han}/u;

/** Case-insensitive letters inside a case-sensitive pattern (JS has no inline (?i:) on Node 20). */
function ci(fragment: string): string {
  return fragment.replace(/\p{L}/gu, (c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`));
}

/** Latin cue words must start at a word start ("rg" inside "surgery" is not a record number). */
function cue(fragments: string[]): string {
  return [...fragments]
    .sort((a, b) => b.length - a.length)
    .map((f) => (/^\p{Script=Latin}/u.test(f) ? `(?<!\\p{L})${ci(f)}` : ci(f)))
    .join('|');
}

const DATE = [
  String.raw`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]`,
  String.raw`(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}`,
  String.raw`\d{4}[/.-]\d{1,2}[/.-]\d{1,2}`,
  String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}`,
  String.raw`\d{1,2}(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?\p{L}{3,}\.?,?\s+(?:de\s+)?\d{4}`,
  String.raw`\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`,
].join('|');

interface Rule {
  kind: PhiKind;
  pattern: RegExp;
  /** Which capture group is the PHI (0 = the whole match); the rest of the match is kept. */
  group: number;
  accept?: (value: string) => boolean;
}

let rules: Rule[] | undefined;

function buildRules(): Rule[] {
  const phi = lexicon().phi;
  const latinStreets = phi.street.filter((s) => !HAN.test(s));
  const hanStreets = phi.street.filter((s) => HAN.test(s));
  const street = cue(latinStreets);
  const word = String.raw`[\p{L}'.-]+`;
  const cap = String.raw`\p{Lu}[\p{L}'.-]*`;
  const oldYear = new Date().getFullYear() - 1;
  // A recent date ("since 2026-11-20") is kept for triage, and must not be taken for a phone number either.
  const wholeDate = new RegExp(String.raw`^(?:${DATE})$`, 'u');
  return [
    { kind: 'EMAIL', group: 0, pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu },
    {
      kind: 'RECORD',
      group: 2,
      pattern: new RegExp(String.raw`(${cue(phi.record_intro)})\s*(?:[:#：]|n[o°º]\.?|number|número|numero|是|为)?\s*([\p{L}\p{N}][\p{L}\p{N}-]{3,})`, 'gu'),
      accept: (v) => /\d/.test(v),
    },
    { kind: 'DOB', group: 2, pattern: new RegExp(String.raw`(${cue(phi.dob_intro)})\s*(?:[:：]|is|es|est|é|是|on|el|le|em|in|en|vào)?\s*(${DATE}|\d{4})`, 'gu') },
    // A full date with a year before last year is most likely a birth date; recent dates are symptom onsets.
    { kind: 'DOB', group: 0, pattern: new RegExp(DATE, 'gu'), accept: (v) => Number(/\d{4}/.exec(v)?.[0] ?? oldYear) < oldYear },
    {
      kind: 'PHONE',
      group: 0,
      // Han letters may touch a number ("电话138…"); Latin ones may not ("A1234567" is a record, not a phone).
      pattern: /(?<![\p{Script=Latin}\p{N}])\+?\d[\d\s().-]{5,}\d(?!\p{N})/gu,
      accept: (v) => { const n = v.replace(/\D/g, '').length; return n >= 7 && n <= 15 && !wholeDate.test(v.trim()); },
    },
    // "12 River Street", "12 rue de la Paix", "số 5 đường Lê Lợi"
    { kind: 'ADDRESS', group: 0, pattern: new RegExp(String.raw`(?<!\p{N})\d{1,5}[A-Za-z]?,?\s+(?:(?:${street})\s+${word}(?:\s+${word}){0,2}|(?:${cap}\s+){1,3}(?:${street})(?!\p{L}))`, 'gu') },
    // "Calle Mayor 12", "Rua das Flores, 123": a capitalised name is required so "the road for 3 days" is kept.
    { kind: 'ADDRESS', group: 0, pattern: new RegExp(String.raw`(?:${street})\s+(?:${word}\s+){0,3}?${cap},?\s*(?:n[º°o]\.?\s*)?\d{1,5}`, 'gu') },
    ...(hanStreets.length
      ? [{ kind: 'ADDRESS' as const, group: 0, pattern: new RegExp(String.raw`\p{Script=Han}{1,8}(?:${hanStreets.join('|')})\s*\d{1,5}\s*号(?:\s*\d{1,5}\s*室)?`, 'gu') }]
      : []),
    {
      kind: 'NAME',
      group: 2,
      pattern: new RegExp(String.raw`(${cue(phi.name_intro)})\s*[:：]?\s*(\p{Script=Han}{2,3}|${cap}(?:\s+${cap}){0,3}|\p{Ll}[\p{L}'-]*)`, 'gu'),
    },
  ];
}

/** `keep`: values that are not PHI here (the clinic's own phone number in a reply) and stay as they are. */
export function redactPhi(input: string, keep: string[] = []): Redaction {
  rules ??= buildRules();
  const placeholders = new Map<string, string>();
  const byOriginal = new Map<string, string>();
  const counters = new Map<PhiKind, number>();
  const kinds = new Set<PhiKind>();
  let text = input.normalize('NFC').replace(/[\u2018\u2019]/g, "'");
  for (const rule of rules) {
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      const whole = args[0] as string;
      const value = rule.group === 0 ? whole : (args[rule.group] as string | undefined);
      if (!value || /^\[[A-Z]+_\d+\]$/.test(value) || keep.includes(value.trim()) || (rule.accept && !rule.accept(value))) return whole;
      const key = `${rule.kind}:${value}`;
      let placeholder = byOriginal.get(key);
      if (!placeholder) {
        const n = (counters.get(rule.kind) ?? 0) + 1;
        counters.set(rule.kind, n);
        placeholder = `[${rule.kind}_${n}]`;
        byOriginal.set(key, placeholder);
        placeholders.set(placeholder, value);
      }
      kinds.add(rule.kind);
      // The PHI group is the last thing each pattern captures, so the kept prefix is everything before it.
      return rule.group === 0 ? placeholder : whole.slice(0, whole.lastIndexOf(value)) + placeholder + whole.slice(whole.lastIndexOf(value) + value.length);
    });
  }
  return { text, placeholders, kinds: [...kinds] };
}

/** Puts the originals back; placeholders the model invented are reported so the output guard can refuse them. */
export function restorePhi(text: string, placeholders: Map<string, string>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const restored = text.replace(PLACEHOLDER, (p) => {
    const original = placeholders.get(p);
    if (original === undefined) unknown.push(p);
    return original ?? p;
  });
  return { text: restored, unknown };
}
