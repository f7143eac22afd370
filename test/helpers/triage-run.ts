// Plays the engine to its outcome, answering each question from a function of its id: the way the
// triage tests walk a patient through the questions without a dialog.
import type { ClinicalContent } from '../../src/triage/content';
import { beginQuestion, nextStep, recordAnswer, type TriageState } from '../../src/triage/engine';
import type { Language } from '../../src/triage/types';

export function runToOutcome(content: ClinicalContent, state: TriageState, lang: Language, answer: (id: string) => string) {
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const step = nextStep(content, state, lang);
    if (step.kind === 'outcome') return { outcome: step.outcome, ids, state };
    const id = step.question.id;
    ids.push(id);
    state = recordAnswer(content, beginQuestion(state, step), id, answer(id), lang);
  }
  throw new Error('no outcome after 20 steps');
}
