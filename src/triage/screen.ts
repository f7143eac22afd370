// The emergency screen (clinical/emergency-screen.yaml): before any non-emergency outcome, every
// patient sees an age-appropriate list of emergency signs and answers it in one message — with
// numbers, "none", or in their own words. A sign picked raises its red flag; a "yes" that names
// none is asked once which, and then counts as an emergency (unsure is not reassured).
import { conditionHolds } from './conditions';
import type { ClinicalContent } from './content';
import type { ScreenBand, ScreenItemData } from './content-schema';
import { redFlagFinding } from './observe';
import type { Reading } from './reading';
import { setFinding, type TriageState } from './state';
import type { Language, TriageQuestion } from './types';

export const SCREEN_QUESTION_ID = 'screen';
export const SCREEN_WHICH_ID = 'screen.which';
/** "yes", "I think so", "maybe one": an answer this short that names nothing is a yes without a which. */
const BARE_ANSWER_WORDS = 4;

export function screenBand(content: ClinicalContent, age: number): ScreenBand {
  const { baby, child } = content.screen.bands;
  if (baby.max !== undefined && age <= baby.max) return 'baby';
  if (child.max !== undefined && age <= child.max) return 'child';
  return 'adult';
}

/** Said to be absent: "no chest pain" needs no question about chest pain. */
function denied(state: TriageState, id: string): boolean {
  return state.findings[id]?.present === false;
}

/** The items this patient is shown: their age band, their situation, and not already answered. */
export function screenItems(content: ClinicalContent, state: TriageState): ScreenItemData[] {
  // asked and not told the age: the adult list (which names the signs that matter at any age)
  const band = state.ageYears === null ? 'adult' : screenBand(content, state.ageYears);
  return content.screen.items.filter(
    (item) =>
      item.bands.includes(band) &&
      (!item.showIf || conditionHolds(item.showIf, state)) &&
      !(item.covers.length > 0 && item.covers.every((id) => denied(state, id))) &&
      !(item.redFlag && state.findings[redFlagFinding(item.redFlag)]),
  );
}

export function screenQuestion(content: ClinicalContent, state: TriageState, lang: Language, which: boolean): TriageQuestion {
  const items = state.screen?.offered.map((id) => content.screen.items.find((i) => i.id === id)).filter((i): i is ScreenItemData => Boolean(i)) ?? [];
  const s = content.screen;
  const lines = items.map((item, i) => `${i + 1}. ${item.text[lang]}`);
  const intro = which ? s.whichOne[lang] : s.question[lang];
  return {
    id: which ? SCREEN_WHICH_ID : SCREEN_QUESTION_ID,
    kind: 'choice',
    text: [intro, ...lines, `0. ${s.noneLabel[lang]}`, s.howToAnswer[lang]].join('\n'),
    choices: [...items.map((item, i) => ({ value: String(i + 1), label: item.short[lang] })), { value: '0', label: s.noneLabel[lang] }],
    numbered: true,
  };
}

/** Item numbers in an answer made only of numbers ("2", "2 and 5", "#3, 4"); null when it is not one. */
export function pickedNumbers(r: Reading): number[] | null {
  const rest = r.digits.replace(/\d+/g, ' ').replace(/[#,.;:/&+\s]|\b(?:and|y|e|et|va|và|和|跟|与|以及|还有|or|o|ou|hoac|hoặc|或)\b/giu, '');
  if (rest.length > 0) return null;
  const numbers = (r.digits.match(/\d+/g) ?? []).map(Number);
  return numbers.length > 0 ? numbers : null;
}

function mark(state: TriageState, item: ScreenItemData, evidence: string): void {
  setFinding(state, item.redFlag ? redFlagFinding(item.redFlag) : item.finding!, true, 'answer', evidence);
}

/** The answer speaks of some finding, present or denied ("a bit tired, not dizzy"): not a bare yes. */
function describesSomething(r: Reading): boolean {
  return r.findings.size > 0;
}

/** Every finding the answer speaks of is denied ("it has stopped bleeding"): not a yes to an emergency. */
function onlyDenies(r: Reading): boolean {
  return r.findings.size > 0 && [...r.findings.values()].every((f) => !f.present);
}

/** Reads an answer to the screen (or to "which one?"). Observation of the text itself is done already. */
export function recordScreenAnswer(content: ClinicalContent, state: TriageState, r: Reading, which: boolean): void {
  const screen = state.screen;
  if (!screen) return;
  const items = screen.offered.map((id) => content.screen.items.find((i) => i.id === id)).filter((i): i is ScreenItemData => Boolean(i));
  const evidence = r.text.original.trim().slice(0, 80);
  const numbers = pickedNumbers(r);
  if (numbers) {
    const picked = numbers.filter((n) => n >= 1 && n <= items.length).map((n) => items[n - 1]!);
    for (const item of picked) mark(state, item, `${evidence} — ${item.text[r.lang]}`);
    screen.answer = picked.length > 0 ? 'items' : numbers.includes(0) ? 'none' : screen.answer;
    return;
  }
  // In the patient's own words: a sign of an item, said in the answer, is that item.
  const named = items.filter((item) => item.signs.some((id) => r.findings.get(id)?.present));
  for (const item of named) mark(state, item, evidence);
  if (named.length > 0 || r.redFlags.size > 0) {
    screen.answer = 'items';
    return;
  }
  // Asked which: a yes or "not sure" again, and nothing more, or a yes that names a sign ("yes, he
  // can't feel his fingers"), leaves the sign not ruled out, which is an emergency. Any other
  // description here is most often another problem ("it goes white when I press it").
  if (which) {
    const bareAgain = (r.tone === 'yes' || r.tone === 'unsure') && r.size < BARE_ANSWER_WORDS && !describesSomething(r);
    const describedYes = r.tone === 'yes' && describesSomething(r) && !onlyDenies(r);
    if (!r.saysNo && (bareAgain || describedYes)) {
      setFinding(state, redFlagFinding(content.screen.unclearRedFlag), true, 'answer', evidence);
      screen.answer = 'items';
    } else screen.answer = 'none';
    return;
  }
  // "yes", "I think so", "not sure", or a yes that goes on to describe ("yes, the baby is coming"):
  // asked once which. Doubt or a hedge ("a bit") is asked which only when it is all the answer says.
  const bare = r.size <= BARE_ANSWER_WORDS && !describesSomething(r);
  const plainYes = r.tone === 'yes' && !r.saysNo && !onlyDenies(r);
  if (plainYes || ((r.tone === 'unsure' || r.tone === 'hedge') && !r.saysNo && bare)) {
    screen.answer = 'unclear';
    return;
  }
  // "no", "none", or a description of something that is not on the list
  screen.answer = 'none';
}
