// The patient's own record of the conversation, in their language: what they reported (their own
// words), the advice and why, when to get help, and the appointment when one was booked. Sent in the
// chat as text (every client shows it) with channelData.summary, which the widget turns into a
// printable page. Built when the outcome is given, so later messages cannot change it.
import type { AppointmentDoc } from '../scheduling/appointments';
import { formatReference } from '../scheduling/appointments';
import { formatDate, formatWhen, providerName } from '../scheduling/format';
import type { TriageState } from '../triage/engine';
import type { Language, OutcomeAdvice, Reason } from '../triage/types';
import { fill, messageActivity } from './activities';
import type { BotDeps } from './deps';
import { clinicVars } from './outcomes';

export interface PatientSummary {
  title: string;
  lang: Language;
  sections: Array<{ heading: string; items: string[] }>;
}

/** The patient's words kept per item, and how many items: a summary, not the transcript. */
const MAX_WORDS_CHARS = 80;
const MAX_REPORTED = 8;

/** The patient's own words behind what the engine knows (the age named as such); never an LLM's. */
function reported(state: TriageState, t: ReturnType<BotDeps['i18n']['t']>): string[] {
  const { age, ...facts } = state.factEvidence;
  const words = [
    ...Object.values(facts),
    ...Object.values(state.findings)
      .filter((f) => f.present && f.source !== 'llm')
      .map((f) => f.evidence),
  ]
    .map((w) => w.trim().slice(0, MAX_WORDS_CHARS))
    .filter(Boolean);
  const quoted = [...new Set(words)].slice(0, MAX_REPORTED).map((w) => `“${w}”`);
  return age ? [t('bot:summary.age', { age: age.trim().slice(0, MAX_WORDS_CHARS) }), ...quoted] : quoted;
}

export function buildSummary(deps: BotDeps, lang: Language, state: TriageState, advice: OutcomeAdvice, reasons: Reason[]): PatientSummary {
  const t = deps.i18n.t(lang);
  const vars = clinicVars(deps);
  const sections: PatientSummary['sections'] = [];
  const said = reported(state, t);
  if (said.length) sections.push({ heading: t('bot:summary.reported'), items: said });
  sections.push({ heading: t('bot:summary.advice'), items: [fill(advice.headline, vars), fill(advice.whatToDo, vars)] });
  if (reasons.length) sections.push({ heading: t('bot:summary.why'), items: reasons.map((r) => fill(r.text, vars)) });
  sections.push({ heading: t('bot:summary.whenToGetHelp'), items: [fill(advice.safetyNet, vars)] });
  const date = formatDate(deps.now(), lang, deps.clinic.timezone);
  return { title: t('bot:summary.title', { clinicName: deps.clinic.name, date }), lang, sections };
}

export function withAppointment(deps: BotDeps, summary: PatientSummary, appointment: AppointmentDoc): PatientSummary {
  const t = deps.i18n.t(summary.lang);
  const items = [
    formatWhen(appointment.start, summary.lang, deps.clinic.timezone),
    providerName(deps.clinic, appointment.providerId),
    t('bot:summary.reference', { reference: formatReference(appointment.reference) }),
  ];
  return { ...summary, sections: [...summary.sections, { heading: t('bot:summary.appointment'), items }] };
}

/** The summary as a chat message: plain text for every client, the structure for the widget. */
export function summaryActivity(summary: PatientSummary): ReturnType<typeof messageActivity> {
  const text = [summary.title, ...summary.sections.map((s) => `${s.heading}\n${s.items.map((i) => `• ${i}`).join('\n')}`)].join('\n\n');
  return messageActivity(text, { summary });
}
