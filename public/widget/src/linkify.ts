// Phone numbers and web addresses in the bot's text become links a patient can tap: tel: for a
// number (the emergency number, the crisis line, the clinic's phone), a new tab for an address (a
// calendar file, a leaflet). Built as DOM nodes, never markup. Numbers are found conservatively:
// a date, a time, a temperature, a booking code or a 0–10 score must stay plain text.
import { h } from './dom';

export type TextPart = { kind: 'text'; text: string } | { kind: 'url' | 'tel'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u3000-\u303f\uff00-\uffef]+/gi;

// A number may not continue a word, a code (ABC-234), a decimal, a time, a path or an amount...
const NOT_BEFORE = '(?<![\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{N}_:./#@+$€£¥\\-])';
// ...nor run on into one. (Han characters may touch it: Chinese writes 拨打911 without a space.)
const NOT_AFTER = '(?![\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}\\p{N}_:/@\\-]|[.,]\\d)';
const PHONE_RE = new RegExp(`${NOT_BEFORE}\\+?\\(?\\d(?:[\\d \\u00a0()\\-]*\\d)?${NOT_AFTER}`, 'gu');

// What follows a short number that measures something rather than being dialled.
const UNIT_AFTER = /^[ \u00a0]?(?:[°%‰度岁歲分小天毫克升公斤次个個周週年月日号號点點元米厘磅]|(?:mg|mcg|µg|ml|mL|kg|g|lbs?|oz|cm|mm|km|m|min|mins|h|hrs?|bpm|mmHg|kcal|F|C)\b)/u;
const DATE_LIKE = [
  /^\d{4}-\d{1,2}-\d{1,2}$/, // 2026-12-05
  /^\d{1,2}-\d{1,2}-\d{4}$/, // 05-12-2026
  /^\d{1,2}[ \u00a0](?:19|20)\d{2}$/, // "5 2026" from "December 5 2026"
  /^(?:19|20)\d{2}[ \u00a0]?-[ \u00a0]?(?:19|20)\d{2}$/, // 2025-2026
];
const YEAR = /^(?:19|20)\d{2}$/;

/**
 * Whether a run of digits and separators is a number to dial: at least 3 digits and at most 15
 * (E.164). A short one (up to 6 digits: 911, 988, 116 117) needs 3 digits in a row, so "0-10" or
 * "1 2 3" are not numbers, and is not a year or a measure ("101 °F", "500 mg").
 */
function isPhone(candidate: string, after: string): boolean {
  if (DATE_LIKE.some((re) => re.test(candidate))) return false;
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return false;
  if (digits.length >= 7) return true;
  return /\d{3}/.test(candidate) && !YEAR.test(candidate) && !UNIT_AFTER.test(after);
}

export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** Drops what usually ends a sentence rather than an address ("…/visit.ics." or "(see https://x)"). */
function trimUrl(raw: string): string {
  let url = raw.replace(/[.,;:!?'"\]}>]+$/, '');
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return url;
}

function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function phoneParts(text: string, skip: ReadonlySet<string>): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(PHONE_RE)) {
    let found = m[0];
    let start = m.index ?? 0;
    // "(911" in "(call 911)" style text: an opening parenthesis without its pair is not the number's.
    if (found.startsWith('(') && !found.includes(')')) {
      found = found.slice(1);
      start += 1;
    }
    const end = start + found.length;
    const digits = found.replace(/\D/g, '');
    if (!isPhone(found, text.slice(end)) || skip.has(digits)) continue;
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    parts.push({ kind: 'tel', text: found, href: telHref(found) });
    at = end;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/**
 * Splits text into plain runs and links. `plainNumbers` are numbers left as text (the emergency
 * card's call button is the one place to call the emergency number).
 */
export function findLinks(text: string, plainNumbers: readonly string[] = []): TextPart[] {
  const skip = new Set(plainNumbers.map((n) => n.replace(/\D/g, '')));
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const raw = trimUrl(m[0]);
    const href = safeUrl(raw);
    if (!href) continue;
    parts.push(...phoneParts(text.slice(at, start), skip));
    parts.push({ kind: 'url', text: raw, href });
    at = start + raw.length;
  }
  parts.push(...phoneParts(text.slice(at), skip));
  return parts;
}

/** The text as nodes: links for numbers and addresses, text nodes for the rest. */
export function linkified(text: string, plainNumbers: readonly string[] = []): Node[] {
  return findLinks(text, plainNumbers).map((p) => {
    switch (p.kind) {
      case 'text':
        return document.createTextNode(p.text);
      case 'tel':
        return h('a', { href: p.href }, p.text);
      case 'url':
        // A new tab keeps the chat open; noopener so the opened page cannot reach back into this one.
        return h('a', { href: p.href, target: '_blank', rel: 'noopener noreferrer' }, p.text);
    }
  });
}
