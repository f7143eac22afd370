// DialogTestClient tables for the main dialog: consent, routing, interruptions (help, stop,
// talk to a person, emergency), the booking offer after an outcome.
import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/main-dialog';
import { client, harness, msg, promptOf } from './dialog-harness';

const all = (c: ReturnType<typeof client>, first: Partial<Activity>): Partial<Activity>[] => {
  const out = [first];
  for (let r = c.getNextReply(); r; r = c.getNextReply()) out.push(r);
  return out;
};

describe('MainDialog', () => {
  it('asks consent first, then the main problem from a numbered list', async () => {
    const h = harness();
    const t = h.deps.i18n.t('en');
    const c = client(h, new MainDialog(h.deps, h.patientState));
    const opening = all(c, await c.sendActivity(msg('hello', 'en')));
    expect(opening.map(promptOf).filter(Boolean)).toEqual([{ kind: 'consent', id: 'consent' }]);
    const next = all(c, await c.sendActivity(msg(t('bot:consent.agree'), 'en')));
    expect(promptOf(next.at(-1))).toEqual({ kind: 'choice', id: 'problem', numbered: true });
  });

  it.each([
    ['help', 'bot:help.text', DialogTurnStatus.waiting],
    // Stopping ends the whole conversation's dialog: the component completes.
    ['stop', 'bot:stop.done', DialogTurnStatus.complete],
  ])('handles "%s" at any question', async (said, key, status) => {
    const h = harness();
    const t = h.deps.i18n.t('en');
    const c = client(h, new MainDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', 'en'));
    c.getNextReply();
    await c.sendActivity(msg(t('bot:consent.agree'), 'en'));
    const replies = all(c, await c.sendActivity(msg(said, 'en')));
    expect(replies[0]!.text).toBe(t(key, { emergencyNumber: h.deps.clinic.emergencyNumber, clinicPhone: h.deps.clinic.phone }));
    expect(c.dialogTurnResult.status).toBe(status);
    if (status === DialogTurnStatus.waiting) expect(promptOf(replies.at(-1))?.id).toBe('problem');
  });

  it('passes a "talk to a person" request to the staff queue', async () => {
    const h = harness();
    const c = client(h, new MainDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', 'es'));
    c.getNextReply();
    const reply = await c.sendActivity(msg('quiero hablar con una persona', 'es'));
    expect(reply.text).toContain(h.deps.i18n.t('es')('bot:human.queued', { clinicPhone: h.deps.clinic.phone, emergencyNumber: h.deps.clinic.emergencyNumber }));
    const queued = await h.deps.cases.list({ status: 'open' });
    expect(queued.map((q) => q.reasons[0]?.code)).toContain('patient_requested_staff');
  });

  it('gives the emergency answer for a red flag before consent, then only asks who to call back', async () => {
    const h = harness();
    const c = client(h, new MainDialog(h.deps, h.patientState));
    const replies = all(c, await c.sendActivity(msg('je ne peux plus respirer, mes lèvres sont bleues', 'fr')));
    // The advice and the number first; the call-back question after it, never instead of it.
    expect((replies[0]!.channelData as { triage?: { disposition: string } }).triage?.disposition).toBe('emergency');
    expect(replies.map(promptOf).filter(Boolean)).toEqual([{ kind: 'yes_no', id: 'identity_consent' }]);
    const skipped = all(c, await c.sendActivity(msg(h.deps.i18n.t('fr')('bot:identity.skip'), 'fr')));
    expect(skipped[0]!.text).toBe(h.deps.i18n.t('fr')('bot:identity.skipped'));
    expect(c.dialogTurnResult.status).not.toBe(DialogTurnStatus.waiting);
  });

  it('offers a booking after an urgent or routine outcome', async () => {
    const h = harness();
    const t = h.deps.i18n.t('en');
    const c = client(h, new MainDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', 'en'));
    c.getNextReply();
    let replies = all(c, await c.sendActivity(msg(t('bot:consent.agree'), 'en')));
    replies = all(c, await c.sendActivity(msg('I have had lower back pain for 3 months, worse after work', 'en')));
    for (let i = 0; i < 12 && !replies.some((r) => (r.channelData as { triage?: unknown })?.triage); i++) replies = all(c, await c.sendActivity(msg('no', 'en')));
    const outcome = replies.find((r) => (r.channelData as { triage?: unknown })?.triage);
    const disposition = (outcome?.channelData as { triage: { disposition: string } }).triage.disposition;
    expect(['routine', 'urgent']).toContain(disposition);
    expect(promptOf(replies.at(-1))).toEqual({ kind: 'yes_no', id: 'offer_booking' });
    // Who the appointment is for comes first (skippable), then the times.
    const who = all(c, await c.sendActivity(msg(t('bot:booking.yes'), 'en')));
    expect(promptOf(who.at(-1))).toEqual({ kind: 'yes_no', id: 'identity_consent' });
    const slots = all(c, await c.sendActivity(msg(t('bot:identity.skip'), 'en')));
    expect(slots.map(promptOf).some((p) => p?.kind === 'slot' || p?.kind === 'date')).toBe(true);
  });
});
