// General questions (opening hours, what to bring, parking) answered only from the clinic file: every number in
// the answer must come from it, and the model says NO_ANSWER when the file does not cover the question.
import type { Clinic } from '../../config/clinic';
import type { GuardEvent } from '../../repositories/cases';
import type { Language } from '../../triage/types';
import { checkPatientInput } from '../guards/input';
import { redactPhi } from '../guards/phi';
import { budgetSpent, GuardLog, guardedCall, messageText, prompt, type ChainContext, type LlmTurnBudget } from './context';
import { acceptAnswer } from './output-check';

export interface FaqInput {
  question: string;
  lang: Language;
  faq: Clinic['faq'];
}

const NO_ANSWER = 'NO_ANSWER';

export async function answerGeneral(
  ctx: ChainContext,
  input: FaqInput,
  budget: LlmTurnBudget,
  report?: (events: GuardEvent[]) => void,
): Promise<{ text: string; events: GuardEvent[] } | undefined> {
  const log = new GuardLog(ctx, 'faq');
  const nothing = (): undefined => {
    report?.(log.events);
    return undefined;
  };
  const check = checkPatientInput(input.question, input.lang);
  if (check.action === 'refused') {
    log.add(`input_${check.reason}`, 'refused', check.reason);
    log.outcome('refused');
    return nothing();
  }
  const answers = input.faq.map((f) => f.answer[input.lang]).filter(Boolean);
  if (!input.question.trim() || answers.length === 0 || budgetSpent(log, budget)) return nothing();

  const redacted = redactPhi(input.question);
  if (redacted.kinds.length) log.add('input_phi', 'redacted', redacted.kinds.join(','));
  const p = prompt(ctx, 'faq', input.lang);
  const chain = p.template.pipe(ctx.model);
  const result = await guardedCall(log, ctx, 'faq', budget, (config) =>
    chain.invoke({ faq: answers.map((a) => `- ${a}`).join('\n'), question: redacted.text }, config),
  );
  if (!result?.ok) return nothing();

  const raw = messageText(result.value);
  if (raw.includes(NO_ANSWER)) {
    log.add('faq', 'passed', 'no_answer');
    log.outcome('no_answer', p.version);
    return nothing();
  }
  const text = acceptAnswer(log, {
    raw,
    placeholders: redacted.placeholders,
    lang: input.lang,
    source: answers.join('\n'),
    systemPrompt: p.systemText,
    numbers: 'grounded',
    maxLength: 600,
  });
  log.outcome(text ? 'ok' : 'guard_fallback', p.version);
  return text ? { text, events: log.events } : nothing();
}
