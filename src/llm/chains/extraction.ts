// Extraction: patient free text → findings from the protocol's allowed list, through withStructuredOutput and a
// zod schema. It can only add findings (and so raise urgency): unknown ids and "absent" answers are dropped, and
// the engine's addFindings refuses lowering too.
import { z } from 'zod';
import type { GuardEvent } from '../../repositories/cases';
import type { Language } from '../../triage/types';
import { checkPatientInput } from '../guards/input';
import { redactPhi } from '../guards/phi';
import { budgetSpent, GuardLog, guardedCall, prompt, type ChainContext, type LlmTurnBudget } from './context';

export const ExtractionSchema = z
  .object({
    findings: z
      .array(
        z.object({
          id: z.string().describe('one of the allowed finding ids'),
          present: z.boolean().describe('true when the patient says they have it now'),
          quote: z.string().describe("the patient's own words that say it, copied exactly from the message").optional(),
        }),
      )
      .describe('findings the patient clearly reports'),
  })
  .describe('Findings reported in one patient message');

export interface ExtractionInput {
  text: string;
  lang: Language;
  knownFindingIds: string[];
  allowedFindingIds: string[];
}

export interface ExtractionResult {
  /** each with the patient's words that say it (`evidence`): a finding needs the patient's words behind it */
  findings: Array<{ id: string; present: boolean; evidence: string }>;
  events: GuardEvent[];
}

const fold = (t: string): string => t.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();

/** The quote is the patient's: at least two characters, found in the message as it was written. */
function saidIn(quote: string, text: string): boolean {
  const q = fold(quote);
  return q.length >= 2 && fold(text).includes(q);
}

export async function extractFindings(ctx: ChainContext, input: ExtractionInput, budget: LlmTurnBudget): Promise<ExtractionResult> {
  const log = new GuardLog(ctx, 'extraction');
  const none = (): ExtractionResult => ({ findings: [], events: log.events });
  const check = checkPatientInput(input.text, input.lang);
  if (check.action === 'refused') {
    log.add(`input_${check.reason}`, 'refused', check.reason);
    log.outcome('refused');
    return none();
  }
  if (!input.text.trim() || input.allowedFindingIds.length === 0 || budgetSpent(log, budget)) return none();

  const redacted = redactPhi(input.text);
  if (redacted.kinds.length) log.add('input_phi', 'redacted', redacted.kinds.join(','));
  const p = prompt(ctx, 'extraction', input.lang);
  const chain = p.template.pipe(ctx.model.withStructuredOutput(ExtractionSchema, { name: 'findings' }));
  const result = await guardedCall(log, ctx, 'extraction', budget, (config) =>
    chain.invoke(
      { allowed_findings: input.allowedFindingIds.join(', '), known_findings: input.knownFindingIds.join(', ') || '-', text: redacted.text },
      config,
    ),
  );
  if (!result?.ok) return none();

  // The model's output is unknown until the schema accepts it: fake and real models alike may return anything.
  const parsed = ExtractionSchema.safeParse(result.value);
  if (!parsed.success) {
    log.add('output_schema', 'fallback', 'schema_mismatch');
    log.outcome('guard_fallback', p.version);
    return none();
  }
  const allowed = new Set(input.allowedFindingIds);
  const known = new Set(input.knownFindingIds);
  if (parsed.data.findings.some((f) => !allowed.has(f.id))) log.add('extraction_filter', 'refused', 'unknown_finding_id');
  if (parsed.data.findings.some((f) => allowed.has(f.id) && !f.present)) log.add('extraction_filter', 'refused', 'absent_ignored');
  // A finding the model cannot quote from the message is one the patient never reported ("crushing"
  // read as an injury): it is dropped. Quotes are matched in the text the model saw (PHI redacted).
  const present = parsed.data.findings.filter((f) => f.present && allowed.has(f.id));
  const quoted = present.filter((f) => f.quote !== undefined && saidIn(f.quote, redacted.text));
  if (quoted.length < present.length) log.add('extraction_filter', 'refused', 'no_patient_words');
  const byId = new Map<string, string>();
  for (const f of quoted) if (!byId.has(f.id)) byId.set(f.id, f.quote!.trim());
  const added = [...byId.keys()].filter((id) => !known.has(id));
  if (added.length) log.add('extraction', 'raised', `${added.length}_new_findings`);
  else log.add('extraction', 'passed');
  log.outcome('ok', p.version);
  return { findings: [...byId].map(([id, evidence]) => ({ id, present: true, evidence })), events: log.events };
}
