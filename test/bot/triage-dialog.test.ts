// DialogTestClient tables for the triage dialog: complaint → questions → disposition, per language.
import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { TriageDialog, type TriageResult } from '../../dialogs/triage-dialog';
import { client, harness, msg, promptOf } from './dialog-harness';

const triageOf = (a: Partial<Activity> | undefined): { disposition: string; reasons: unknown[] } | undefined =>
  (a?.channelData as { triage?: { disposition: string; reasons: unknown[] } } | undefined)?.triage;

/** Answers every question with `answer` until the outcome; returns the outcome activity. */
async function playTo(c: ReturnType<typeof client>, first: Partial<Activity>, answer: string, lang: string): Promise<Partial<Activity> | undefined> {
  let reply: Partial<Activity> | undefined = first;
  for (let i = 0; i < 16 && reply; i++) {
    if (triageOf(reply)) return reply;
    const next: Partial<Activity> | undefined = c.getNextReply();
    if (next) {
      reply = next;
      continue;
    }
    reply = await c.sendActivity(msg(answer, lang));
  }
  return reply;
}

describe('TriageDialog', () => {
  it.each([
    ['en', 'I have a sore throat', 'no', ['self_care', 'routine']],
    ['es', 'me duele la garganta', 'no', ['self_care', 'routine']],
    ['fr', "j'ai mal à la gorge", 'non', ['self_care', 'routine']],
    ['pt', 'estou com dor de garganta', 'não', ['self_care', 'routine']],
    ['zh', '我喉咙痛', '没有', ['self_care', 'routine']],
    ['vi', 'tôi bị đau họng', 'không', ['self_care', 'routine']],
    ['en', 'my ankle is swollen after I twisted it', 'no', ['self_care', 'routine', 'urgent']],
  ])('%s: "%s" answered "%s" ends in one of %j with reasons', async (lang, complaint, answer, expected) => {
    const h = harness();
    const c = client(h, new TriageDialog(h.deps, h.patientState));
    const ask = await c.sendActivity(msg('hi', lang));
    expect(promptOf(ask)).toEqual({ kind: 'choice', id: 'problem', numbered: true });
    const afterComplaint = await c.sendActivity(msg(complaint, lang));
    expect(promptOf(afterComplaint)?.id).not.toBe('problem');
    const outcome = await playTo(c, afterComplaint, answer, lang);
    expect(expected).toContain(triageOf(outcome)?.disposition);
    expect(triageOf(outcome)!.reasons.length).toBeGreaterThan(0);
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect((c.dialogTurnResult.result as TriageResult).caseId).toEqual(expect.any(String));
  });

  it('interrupts any question with the emergency answer when a red flag appears', async () => {
    const h = harness();
    const c = client(h, new TriageDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', 'en'));
    await c.sendActivity(msg('I have a headache', 'en'));
    const reply = await c.sendActivity(msg('now my face is drooping on one side and my speech is slurred', 'en'));
    expect(triageOf(reply)?.disposition).toBe('emergency');
    expect(reply.text).toContain(h.deps.clinic.emergencyNumber);
    // The pending question is abandoned: the dialog is over.
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(c.getNextReply()).toBeUndefined();
  });

  it('falls back to the general protocol when the complaint is not recognised, so the case always ends', async () => {
    const h = harness();
    const c = client(h, new TriageDialog(h.deps, h.patientState));
    await c.sendActivity(msg('hi', 'en'));
    const first = await c.sendActivity(msg('blorp', 'en'));
    const outcome = await playTo(c, first, 'no', 'en');
    expect(triageOf(outcome)).toBeDefined();
  });
});
