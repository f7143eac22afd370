// One folding for both the lexicon patterns and the text they match, so that a reviewer writes a phrase once,
// without accents, and it still matches "Ignorez", "ＩＧＮＯＲＥ" (full-width) or "ig\u200Bnore" (zero-width space).

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const MARKS = /\p{M}+/gu;

/** Strips accents and tone marks; keeps length-independent meaning. Used on patterns too (without lower-casing). */
export function stripMarks(s: string): string {
  return s.normalize('NFKC').normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** The form every guard pattern is matched against: lower case, no accents, plain apostrophes, single spaces. */
export function fold(text: string): string {
  return stripMarks(text.replace(ZERO_WIDTH, ''))
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC\u00B4`]/g, "'")
    .replace(/[\u201C\u201D«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
