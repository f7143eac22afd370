// An outcome card says each thing once. The bot's outcome text is assembled from reviewed parts
// (headline, reasons, what to do, the emergency instruction, the safety net), and parts can repeat
// a sentence ("Call 911 now." opens both "what to do" and the emergency instruction). On the card,
// a sentence already said is left out, and so is the short "call the emergency number now"
// sentence: the card's call button says exactly that, and is the one place to act on it.
import { findLinks } from './linkify';

const TERMINATORS = /[^.!?。！？]+(?:[.!?]+(?=\s|$)|[。！？]+)?\s*|[.!?。！？]+\s*/g;
const HAN = /\p{Script=Han}/u;

/** The sentences of one line, with their trailing spaces, so that joining them gives the line back. */
function sentences(line: string): string[] {
  return line.match(TERMINATORS) ?? [];
}

function key(sentence: string): string {
  return sentence.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "Call 911 now." / "Llame ahora al 911." / "请立即拨打911。": little besides the number itself. */
function isCallSentence(sentence: string, number: string): boolean {
  const digits = number.replace(/\D/g, '');
  const tels = findLinks(sentence).filter((p) => p.kind === 'tel');
  if (!tels.some((p) => p.text.replace(/\D/g, '') === digits)) return false;
  const rest = sentence.replace(number, ' ').replace(/[\p{P}\p{S}\d]/gu, ' ').trim();
  if (HAN.test(rest)) return rest.replace(/\s/g, '').length <= 6;
  return rest.split(/\s+/).filter(Boolean).length <= 4;
}

/**
 * The card's text with repeated sentences left out, and, when the card has a call button for
 * `callNumber`, the sentences that only say to call it.
 */
export function sayOnce(text: string, callNumber?: string): string {
  const seen = new Set<string>();
  const lines = text.split('\n').map((line) =>
    sentences(line)
      .filter((s) => {
        const k = key(s);
        if (k.length < 4) return true; // a stray "." or "1." is not a sentence worth comparing
        if (seen.has(k) || (callNumber && isCallSentence(s, callNumber))) return false;
        seen.add(k);
        return true;
      })
      .join('')
      .trimEnd(),
  );
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
