// Every closed question carries its answers as choices (buttons in the widget and Teams, numbered
// lines on SMS). A yes/no question's choices are the words a patient would type, in their language,
// so a tap reads exactly like typing "yes", "no" or "not sure", on every channel and in the eval.
import type { Translate } from '../i18n';
import type { Choice, TriageQuestion } from '../triage/types';
import type { PromptSpec } from './activities';

const YES_NO = ['yes', 'no', 'unsure'] as const;

export function yesNoChoices(t: Translate): Choice[] {
  return YES_NO.map((k) => {
    const label = t(`bot:answers.${k}`);
    return { value: label, label };
  });
}

/** A triage question as the patient sees it: its own choices, or Yes / No / Not sure for a yes/no question. */
export function triagePromptSpec(q: TriageQuestion, t: Translate): PromptSpec {
  const choices = q.choices ?? (q.kind === 'yes_no' ? yesNoChoices(t) : undefined);
  return { kind: q.kind, id: q.id, text: q.text, choices, numbered: q.numbered };
}
