// An index of every clinical pattern of one language by its anchor (the longest literal it must
// contain), so one reading of a message looks at the few patterns whose anchor is in the text rather
// than at all of them. Pure speed: the candidates are exactly the patterns that could match.
import { wordsOf, type CompiledPattern, type NormalisedText, type PatternSet } from './text-match';

interface Entry {
  set: PatternSet;
  pattern: CompiledPattern;
  /** its place in the set: matches keep the set's order */
  order: number;
}

export class PatternIndex {
  private readonly byWord = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();
  /** Chinese, empty anchors, anchors with other characters: tested as substrings */
  private readonly bySubstring: Entry[] = [];

  constructor(sets: Iterable<PatternSet>) {
    for (const set of sets) set.patterns.forEach((pattern, order) => this.add({ set, pattern, order }));
  }

  private add(e: Entry): void {
    const { anchor, anchorKind } = e.pattern;
    if (anchor === '' || anchorKind === 'substring') this.bySubstring.push(e);
    else {
      const map = anchorKind === 'word' ? this.byWord : this.byPrefix;
      const list = map.get(anchor);
      if (list) list.push(e);
      else map.set(anchor, [e]);
    }
  }

  /** For each set that may match the text, its candidate patterns in the set's order. */
  candidates(text: NormalisedText): Map<PatternSet, CompiledPattern[]> {
    const found: Entry[] = [];
    for (const word of wordsOf(text)) {
      const exact = this.byWord.get(word);
      if (exact) found.push(...exact);
      for (let i = 1; i <= word.length; i++) {
        const starts = this.byPrefix.get(word.slice(0, i));
        if (starts) found.push(...starts);
      }
    }
    for (const e of this.bySubstring) if (e.pattern.anchor === '' || text.norm.includes(e.pattern.anchor)) found.push(e);
    const bySet = new Map<PatternSet, Entry[]>();
    for (const e of found) {
      const list = bySet.get(e.set);
      if (!list) bySet.set(e.set, [e]);
      else if (!list.includes(e)) list.push(e);
    }
    const out = new Map<PatternSet, CompiledPattern[]>();
    for (const [set, list] of bySet) out.set(set, list.sort((a, b) => a.order - b.order).map((e) => e.pattern));
    return out;
  }
}
