// Complaint phrases that two protocols claim: a phrase of one protocol that another protocol's
// complaint patterns also match. Such a phrase is decided by priority alone, so a reviewer should
// see it (`npm run clinical:overlaps`, and a test keeps exact duplicates out).
import type { ClinicalContent, Protocol } from './content';
import { findMatches, normalise } from './text-match';
import { LANGUAGES, type Language } from './types';

export interface ComplaintOverlap {
  lang: Language;
  /** the complaint pattern, as written in the file of `owner` */
  phrase: string;
  owner: string;
  /** other protocols whose complaint patterns match that phrase */
  alsoClaimedBy: string[];
  /** the same pattern is written in both files */
  duplicate: boolean;
}

/** A pattern's words as a patient could say them: wildcards and gaps dropped ("pain in * chest" → "pain in chest"). */
function sayable(pattern: string): string {
  return pattern
    .split(/\s+/)
    .filter((t) => t !== '~' && t !== '*')
    .map((t) => t.replace(/\*$/, ''))
    .join(' ');
}

/** Protocols written for two age groups of one complaint share its words on purpose (fever in adults and children). */
function ageTwins(a: Protocol, b: Protocol): boolean {
  return a.otherwise === b.id || b.otherwise === a.id;
}

export function complaintOverlaps(content: ClinicalContent): ComplaintOverlap[] {
  const out: ComplaintOverlap[] = [];
  const protocols = [...content.protocols.values()];
  for (const lang of LANGUAGES) {
    const matcher = content.languages[lang].matcher;
    const own = new Map(protocols.map((p) => [p.id, new Set(p.complaintPatterns[lang].patterns.map((x) => normalise(x.source, lang).norm))]));
    for (const p of protocols) {
      for (const pattern of p.complaintPatterns[lang].patterns) {
        const text = normalise(sayable(pattern.source), lang);
        const key = normalise(pattern.source, lang).norm;
        const others = protocols
          .filter((q) => q.id !== p.id && !ageTwins(p, q) && findMatches(text, q.complaintPatterns[lang], matcher).some((m) => m.polarity === 'present'))
          .map((q) => q.id);
        if (others.length > 0) out.push({ lang, phrase: pattern.source, owner: p.id, alsoClaimedBy: others, duplicate: others.some((o) => own.get(o)?.has(key)) });
      }
    }
  }
  return out;
}
