// The SBAR handover note for staff. Staff-side, so outside the patient-turn budget, but under the same guards: a
// note that diagnoses, suggests a drug, lowers the urgency or loses the SBAR form is dropped for the template.
import type { GuardEvent } from '../../repositories/cases';
import type { Disposition, Reason } from '../../triage/types';
import { fold } from '../guards/fold';
import { lexicon } from '../guards/lexicon';
import { redactPhi } from '../guards/phi';
import { GuardLog, guardedCall, messageText, prompt, type ChainContext } from './context';
import { acceptAnswer } from './output-check';

export interface HandoverInput {
  lang: 'en';
  transcript: Array<{ role: 'user' | 'bot' | 'staff'; text: string }>;
  disposition: Disposition;
  reasons: Reason[];
  findings: Array<{ id: string; present: boolean }>;
}

const ROLE = { user: 'Patient', bot: 'Assistant', staff: 'Staff' } as const;

export async function handoverNote(
  ctx: ChainContext,
  input: HandoverInput,
  report?: (events: GuardEvent[]) => void,
): Promise<{ note: string; events: GuardEvent[] } | undefined> {
  const log = new GuardLog(ctx, 'handover');
  const nothing = (): undefined => {
    report?.(log.events);
    return undefined;
  };
  const transcript = input.transcript.map((t) => `${ROLE[t.role]}: ${t.text}`).join('\n');
  const reasons = input.reasons.map((r) => `[${r.code}] ${r.text}`).join('; ') || '-';
  const findings = input.findings.map((f) => `${f.id} (${f.present ? 'present' : 'absent'})`).join(', ') || '-';
  // One redaction over everything sent, so a phone number gets the same placeholder wherever it appears.
  const sep = '\n\u241E\n';
  const redacted = redactPhi([transcript, reasons].join(sep));
  const [rTranscript = '', rReasons = ''] = redacted.text.split(sep);
  if (redacted.kinds.length) log.add('input_phi', 'redacted', redacted.kinds.join(','));

  const p = prompt(ctx, 'handover', input.lang);
  const chain = p.template.pipe(ctx.model);
  const result = await guardedCall(log, ctx, 'handover', undefined, (config) =>
    chain.invoke({ disposition: input.disposition, findings, reasons: rReasons, transcript: rTranscript }, config),
  );
  if (!result?.ok) return nothing();

  const raw = messageText(result.value);
  const folded = fold(raw);
  const headings = lexicon().sbar[input.lang].map((h) => fold(h));
  const namesOutcome = folded.includes(input.disposition) || folded.includes(input.disposition.replace('_', ' '));
  if (raw.trim() && (headings.some((h) => !folded.includes(h)) || !namesOutcome)) {
    log.add('output_schema', 'fallback', 'not_sbar_or_outcome_missing');
    log.outcome('guard_fallback', p.version);
    return nothing();
  }
  const note = acceptAnswer(log, {
    raw,
    placeholders: redacted.placeholders,
    lang: input.lang,
    source: [transcript, reasons, findings, input.disposition].join('\n'),
    systemPrompt: p.systemText,
    disposition: input.disposition,
    numbers: 'grounded',
    maxLength: 4000,
  });
  log.outcome(note ? 'ok' : 'guard_fallback', p.version);
  return note ? { note, events: log.events } : nothing();
}
