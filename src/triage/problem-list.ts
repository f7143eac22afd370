// When no complaint is recognised, the patient picks the main problem from a short numbered list
// (clinical/problem-list.yaml: body areas and common problems) or describes it once more. A
// problem the engine still cannot place goes to a clinician, never to "routine, no warning signs".
import type { ClinicalContent } from './content';
import { chooseProtocol } from './protocol-choice';
import type { Reading } from './reading';
import { pickedNumbers } from './screen';
import type { TriageState } from './state';
import type { Language, TriageQuestion } from './types';

export const PROBLEM_QUESTION_ID = 'problem';
export const PROBLEM_DESCRIBE_ID = 'problem.describe';
/** A picked list item counts as this many complaint phrases: more than a passing word. */
const PICK_WEIGHT = 2;

export function problemQuestion(content: ClinicalContent, lang: Language): TriageQuestion {
  const p = content.problems;
  const lines = p.items.map((item, i) => `${i + 1}. ${item.label[lang]}`);
  return {
    id: PROBLEM_QUESTION_ID,
    kind: 'choice',
    text: [p.question[lang], ...lines, p.howToAnswer[lang]].join('\n'),
    choices: p.items.map((item, i) => ({ value: String(i + 1), label: item.label[lang] })),
    numbered: true,
  };
}

export function describeQuestion(content: ClinicalContent, lang: Language): TriageQuestion {
  return { id: PROBLEM_DESCRIBE_ID, kind: 'text', text: content.problems.describe[lang] };
}

/** Reads the answer to the list (or to "describe it"); a complaint named in it was counted already. */
export function recordProblemAnswer(content: ClinicalContent, state: TriageState, r: Reading, fromList: boolean, complaintFound: boolean): void {
  if (complaintFound && state.protocol) return;
  const items = content.problems.items;
  const numbers = fromList ? pickedNumbers(r) : null;
  // a number picks an item; else a finding said in the answer points to one ("a heavy feeling in my chest")
  const picked = numbers ? numbers.map((n) => items[n - 1]).find((item) => item !== undefined) : items.find((item) => item.findings.some((id) => r.findings.get(id)?.present));
  if (picked?.protocol) {
    state.complaintScores[picked.protocol] = (state.complaintScores[picked.protocol] ?? 0) + PICK_WEIGHT;
    chooseProtocol(content, state);
    return;
  }
  if (!state.protocol) {
    // "something else", a description we could not place, or no answer: one more try, then a clinician
    if (fromList) state.problemOther = true;
    else state.unrecognised += 1;
  }
}
