import type { Activity } from 'botbuilder';
import { renderSmsReply } from '../../src/channels/sms/render';
import { countSegments } from '../../src/channels/sms/segments';
import { loadClinic } from '../../src/config/clinic';
import { createI18n } from '../../src/i18n';
import { LANGUAGES } from '../../src/triage/types';

const i18n = createI18n();
const clinic = loadClinic();
const vars = { clinicName: clinic.name, clinicPhone: clinic.phone, emergencyNumber: clinic.emergencyNumber, crisisLine: clinic.crisisLine };

function consentTurn(lang: (typeof LANGUAGES)[number]): Partial<Activity>[] {
  const t = i18n.t(lang);
  return [
    { type: 'message', text: t('bot:consent.disclosure', vars) },
    {
      type: 'message',
      text: t('bot:consent.ask'),
      channelData: { prompt: { kind: 'consent', id: 'consent' } },
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: t('bot:consent.agree'), value: t('bot:consent.agree') }, { type: 'imBack', title: t('bot:consent.decline'), value: t('bot:consent.decline') }] },
    },
  ];
}

describe('SMS rendering', () => {
  it.each(LANGUAGES)('fits the disclosure and consent question in at most 3 segments (%s)', (lang) => {
    const out = renderSmsReply(consentTurn(lang), { t: i18n.t(lang), vars });
    expect(out.overBudget).toBe(false);
    expect(out.segments).toBeLessThanOrEqual(3);
    expect(out.text).toContain(clinic.emergencyNumber);
    expect(out.text).toContain(`1. ${i18n.t(lang)('bot:consent.agree')}`);
    expect(out.text).toContain(`2. ${i18n.t(lang)('bot:consent.decline')}`);
  });

  it('renders choices as numbered lines under the question', () => {
    const out = renderSmsReply(
      [{ type: 'message', text: '¿Tiene fiebre?', channelData: { prompt: { kind: 'yes_no', id: 'fever' } }, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Sí', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }] } }],
      { t: i18n.t('es'), vars },
    );
    expect(out.text).toBe('¿Tiene fiebre?\n1. Sí\n2. No');
  });

  const because = i18n.t('es')('bot:outcome.because');
  const outcome = (paragraphs: string[], disposition = 'routine', extra: Record<string, unknown> = {}): Partial<Activity> => ({
    type: 'message',
    text: paragraphs.join('\n\n'),
    channelData: { triage: { disposition, caseId: 'c1', reasons: [], protocol: 'p' }, ...extra },
  });

  it('shortens an outcome: reasons on one line, then without reasons, keeping headline and safety net', () => {
    const headline = 'Pida una cita con su médico en los próximos días.';
    const reasons = `${because}\n• Tiene tos desde hace más de tres semanas, sin mejoría.\n• No tiene fiebre alta ni dificultad para respirar.`;
    const whatToDo = 'Mientras tanto, beba líquidos y descanse.';
    const safetyNet = 'Si le falta el aire o tiene fiebre alta, llame a la clínica o al 911.';
    const out = renderSmsReply([outcome([headline, reasons, whatToDo, safetyNet])], { t: i18n.t('es'), vars });
    expect(countSegments(out.text).segments).toBeLessThanOrEqual(3);
    expect(out.text).toContain(headline);
    expect(out.text).toContain(safetyNet);
    expect(out.text).not.toContain('•');
  });

  it('never drops the emergency number or the safety net, even over budget', () => {
    const long = 'Información adicional muy detallada sobre lo que está ocurriendo. '.repeat(6);
    const detail = 'Detalle: mientras espera, siéntese y no coma ni beba nada hasta que llegue la ayuda.';
    const callNow = 'Llame ahora al 911. No conduzca usted mismo.';
    const safetyNet = 'Si empeora mientras espera, llame al 911 de inmediato.';
    const headline = `Esto puede ser una emergencia. ${long}`;
    const out = renderSmsReply([outcome([headline, `${because}\n• Dolor de pecho`, detail, callNow, safetyNet], 'emergency', { emergencyNumber: '911' })], { t: i18n.t('es'), vars });
    expect(out.overBudget).toBe(true);
    expect(out.text).toContain(callNow);
    expect(out.text).toContain(safetyNet);
    expect(out.text).toContain(headline.trim());
    expect(out.text).not.toContain(detail); // detail and reasons go first
    expect(out.text).not.toContain('Dolor de pecho');
  });

  it('drops the generic "call now" line of an emergency only when the specific advice names the number', () => {
    const t = i18n.t('es');
    const callNow = t('bot:emergency.callNow', vars);
    const advice = 'Llame ahora al 911. Siéntese y descanse mientras espera. No conduzca.';
    const safetyNet = 'Si está solo, abra la puerta y quédese donde puedan encontrarle. Si empeora mientras espera, vuelva a llamar.';
    const paragraphs = ['Esto podría ser una urgencia grave.', `${because}\n• Dolor en el pecho con señales de alarma de infarto`, advice, callNow, safetyNet];
    const out = renderSmsReply([outcome(paragraphs, 'emergency', { emergencyNumber: '911' })], { t, vars });
    expect(out.text).toContain(advice);
    expect(out.text).toContain(safetyNet);
    expect(out.text).not.toContain(callNow);
    const withoutNumber = renderSmsReply([outcome([paragraphs[0]!, 'Siéntese y descanse.', callNow, safetyNet], 'emergency', { emergencyNumber: '911' })], { t, vars });
    expect(withoutNumber.text).toContain(callNow);
  });

  it('keeps an English outcome in GSM-7 (bullets and curly quotes replaced)', () => {
    const out = renderSmsReply([outcome(['See a doctor today.', `${i18n.t('en')('bot:outcome.because')}\n• You’ve had fever for 3 days`, 'If it gets worse, call 911.'])], { t: i18n.t('en'), vars });
    expect(countSegments(out.text).encoding).toBe('gsm7');
  });
});
