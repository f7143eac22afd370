// The deterministic SBAR handover note for staff, used when no LLM is configured (and kept as the
// fallback when one is). Staff read English; findings are listed by their protocol ids, each with
// the patient's words behind it, and a finding without such words is not listed at all.
import type { Disposition, Reason } from '../triage/types';

export interface HandoverInput {
  disposition: Disposition;
  protocol: string;
  reasons: Reason[];
  findings: Array<{ id: string; present: boolean; source: string; evidence?: string }>;
  channel: string;
  language: string;
  patientRequestedStaff?: boolean;
}

const RECOMMENDATION: Record<Disposition, string> = {
  emergency: 'Patient told to call emergency services now. Confirm they have done so; call back immediately if unreachable.',
  urgent: 'Same-day assessment needed. Offer an urgent slot today or arrange a call back within the hour.',
  routine: 'Routine appointment. No urgent action.',
  self_care: 'Self-care advice with safety-netting given. No action unless the patient gets back in touch.',
};

export function sbarTemplate(input: HandoverInput): string {
  const evidenced = input.findings.filter((f) => f.evidence?.trim());
  const said = (f: { id: string; evidence?: string }): string => `${f.id.replace(/^redflag\./, 'red flag ').replace(/_/g, ' ')} ("${f.evidence!.trim()}")`;
  const present = evidenced.filter((f) => f.present).map(said);
  const absent = evidenced.filter((f) => !f.present).map(said);
  return [
    `S: ${input.disposition.toUpperCase()} via ${input.channel} (${input.language}); protocol ${input.protocol}.${input.patientRequestedStaff ? ' Patient asked to talk to a person.' : ''}`,
    `B: Reported: ${present.join(', ') || 'nothing specific'}. Denied: ${absent.join(', ') || 'none recorded'}.`,
    `A: ${input.reasons.map((r) => `[${r.code}] ${r.text}`).join('; ')}`,
    `R: ${RECOMMENDATION[input.disposition]}`,
  ].join('\n');
}
