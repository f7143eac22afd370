// How many SMS segments a text costs. One non-GSM character (an "á", a "•", a Chinese character)
// switches the whole message to UCS-2 and cuts the room per segment from 160 to 70, so the reply
// fitter needs the exact count, not a length estimate.

/** GSM 03.38 basic character set (ESC excluded: it only introduces the extension table). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each costs two septets (ESC + the character). */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

const SINGLE = { gsm7: 160, ucs2: 70 } as const;
/** A concatenated message spends room on the user data header (6 bytes). */
const MULTI = { gsm7: 153, ucs2: 67 } as const;

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
}

/** The cost of each character, as the carrier splits it: an extension pair or a surrogate pair never straddles two segments. */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((ch) => (encoding === 'gsm7' ? (GSM_EXTENDED.has(ch) ? 2 : 1) : ch.length));
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const costs = unitCosts(text, encoding);
  const units = costs.reduce((a, b) => a + b, 0);
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= SINGLE[encoding]) return { encoding, segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > MULTI[encoding]) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}

/**
 * Typographic characters with a plain GSM equivalent, replaced the way Twilio's "smart encoding"
 * does, so a curly quote or a bullet does not turn an English message into UCS-2 and triple its cost.
 */
const LOOKALIKES: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u2032\u02BC]/g, "'"],
  [/[\u201C\u201D\u201E\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2022\u00B7\u25CF\u25AA]/g, '-'],
  [/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' '],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
];

export function toGsmFriendly(text: string): string {
  return LOOKALIKES.reduce((t, [re, to]) => t.replace(re, to), text);
}
