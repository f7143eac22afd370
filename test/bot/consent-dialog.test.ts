// DialogTestClient tables for the consent dialog in every language.
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { ConsentDialog } from '../../dialogs/consent-dialog';
import { LANGUAGES } from '../../src/triage/types';
import { client, harness, msg, promptOf } from './dialog-harness';

describe.each(LANGUAGES)('ConsentDialog (%s)', (lang) => {
  it('discloses, asks consent, and completes on agreement', async () => {
    const h = harness();
    const t = h.deps.i18n.t(lang);
    const c = client(h, new ConsentDialog(h.deps, h.patientState));
    const disclosure = await c.sendActivity(msg('hi', lang));
    expect(disclosure.text).toBe(t('bot:consent.disclosure', { clinicName: h.deps.clinic.name, emergencyNumber: h.deps.clinic.emergencyNumber }));
    const prompt = c.getNextReply();
    expect(promptOf(prompt)).toEqual({ kind: 'consent', id: 'consent' });
    expect(prompt.suggestedActions?.actions[0]?.value).toBe(t('bot:consent.agree'));
    await c.sendActivity(msg(t('bot:consent.agree'), lang));
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(c.dialogTurnResult.result).toBe(true);
  });

  it('re-asks on an unrelated answer, then ends politely with the clinic phone on refusal', async () => {
    const h = harness();
    const t = h.deps.i18n.t(lang);
    const c = client(h, new ConsentDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', lang));
    c.getNextReply();
    const retry = await c.sendActivity(msg('42', lang));
    expect(retry.text).toBe(t('bot:consent.retry'));
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    const bye = await c.sendActivity(msg(t('bot:consent.decline'), lang));
    expect(bye.text).toBe(t('bot:consent.declined', { clinicPhone: h.deps.clinic.phone, emergencyNumber: h.deps.clinic.emergencyNumber }));
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(c.dialogTurnResult.result).toBe(false);
  });
});
