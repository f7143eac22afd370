// Reply phrasing: the deterministic reply rewritten warmly and plainly in the patient's language. The
// deterministic text is the source of truth: any doubt about the rewrite and it goes out unchanged.
import type { GuardEvent } from '../../repositories/cases';
import type { Disposition, Language } from '../../triage/types';
import { redactPhi } from '../guards/phi';
import { applyPlaceholders, budgetSpent, GuardLog, guardedCall, messageText, prompt, type ChainContext, type LlmTurnBudget } from './context';
import { acceptAnswer } from './output-check';

export interface PhrasingInput {
  text: string;
  lang: Language;
  disposition?: Disposition;
  /** Numbers, phone numbers and key instructions that must survive verbatim. */
  mustKeep: string[];
}

export async function phraseReply(ctx: ChainContext, input: PhrasingInput, budget: LlmTurnBudget): Promise<{ text: string; events: GuardEvent[] }> {
  const log = new GuardLog(ctx, 'phrasing');
  const deterministic = (): { text: string; events: GuardEvent[] } => ({ text: input.text, events: log.events });
  if (!input.text.trim() || budgetSpent(log, budget)) return deterministic();

  const mustKeep = input.mustKeep.filter(Boolean);
  // Must-keep strings are the clinic's own numbers and instructions, not the patient's PHI.
  const redacted = redactPhi(input.text, mustKeep);
  if (redacted.kinds.length) log.add('input_phi', 'redacted', redacted.kinds.join(','));
  const p = prompt(ctx, 'phrasing', input.lang);
  const chain = p.template.pipe(ctx.model);
  const result = await guardedCall(log, ctx, 'phrasing', budget, (config) =>
    chain.invoke(
      {
        disposition: input.disposition ?? '-',
        must_keep: mustKeep.map((k) => `"${applyPlaceholders(k, redacted.placeholders)}"`).join('; ') || '-',
        text: redacted.text,
      },
      config,
    ),
  );
  if (!result?.ok) return deterministic();

  const text = acceptAnswer(log, {
    raw: messageText(result.value),
    placeholders: redacted.placeholders,
    lang: input.lang,
    source: input.text,
    systemPrompt: p.systemText,
    disposition: input.disposition,
    mustKeep,
    emergencyNumber: ctx.emergencyNumber,
    numbers: 'keep',
  });
  log.outcome(text ? 'ok' : 'guard_fallback', p.version);
  return text ? { text, events: log.events } : deterministic();
}
