// Whole triage conversations in Spanish through POST /api/sms, signed like Twilio's, answered from
// a phone the way a patient would: numbers for choices, short words otherwise.
import { countSegments } from '../../src/channels/sms/segments';
import type { StoredActivity } from '../../src/repositories/transcripts';
import type { TestContext } from '../helpers/test-services';
import { smsApp, texts } from './sms-helpers';

interface Prompt {
  kind: string;
  id: string;
  numbered?: boolean;
}

async function transcriptOf(ctx: TestContext, phone: string): Promise<StoredActivity[]> {
  const conv = await ctx.services.repos.conversations.findByUserHash(ctx.services.cipher.lookupHash(phone), 'sms');
  return ctx.services.repos.transcripts.since(conv!._id, 0);
}

function lastBot(transcript: StoredActivity[]): StoredActivity {
  return transcript.filter((a) => a.from.role === 'bot').pop()!;
}

function triageOf(a: StoredActivity | undefined): { disposition: string } | undefined {
  return (a?.channelData as { triage?: { disposition: string } } | undefined)?.triage;
}

/** What a patient with a mild cold answers, by question id; otherwise by the kind of question. */
const COLD_ANSWERS: Record<string, string> = {
  age: '34',
  duration: 'desde hace dos días',
  pain: '2',
  temperature: '37',
};

function answerFor(prompt: Prompt, smsText: string): string {
  if (prompt.kind === 'consent') return '1';
  // the emergency screen: "0", none of these
  if (prompt.numbered && prompt.id.startsWith('screen')) return '0';
  if (COLD_ANSWERS[prompt.id]) return COLD_ANSWERS[prompt.id]!;
  if (prompt.kind === 'yes_no') {
    // Answer with the number of the "No" line, as shown in the SMS.
    const no = /^(\d)\. No$/m.exec(smsText);
    return no ? no[1]! : 'no';
  }
  if (prompt.kind === 'number') return '2';
  if (prompt.kind === 'choice') return '1';
  return 'no';
}

describe('a whole SMS triage conversation in Spanish', () => {
  it('sends a clear emergency to the emergency number straight away, before consent', async () => {
    const ctx = smsApp();
    const phone = '+34600111222';
    const reply = await texts(ctx.app, phone, 'me duele el pecho y se va al brazo izquierdo, estoy sudando');
    const transcript = await transcriptOf(ctx, phone);
    const outcome = transcript.find((a) => triageOf(a));
    expect(triageOf(outcome)?.disposition).toBe('emergency');
    expect(reply).toContain(ctx.services.clinic.emergencyNumber);
    // The bot's Spanish emergency message, fitted to SMS: headline and safety net kept, the number named.
    const paragraphs = outcome!.text!.split(/\n\s*\n/).map((p) => p.trim());
    expect(reply.startsWith(paragraphs[0]!)).toBe(true);
    expect(reply.endsWith(paragraphs[paragraphs.length - 1]!)).toBe(true);
    expect(transcript.find((a) => a.from.role === 'user')?.locale).toBe('es');
  });

  it('triages a mild complaint by answering the questions, every question within 3 segments but the emergency screen, sent whole', async () => {
    const ctx = smsApp();
    const phone = '+34600333444';
    let reply = await texts(ctx.app, phone, 'Hola, tengo tos y la nariz tapada desde hace dos días');
    expect(reply).toContain(ctx.services.i18n.t('es')('bot:consent.agree'));
    let outcome: StoredActivity | undefined;
    let screenShown = false;
    for (let turn = 0; turn < 16 && !outcome; turn++) {
      const transcript = await transcriptOf(ctx, phone);
      outcome = transcript.find((a) => triageOf(a));
      if (outcome) break;
      const prompt = (lastBot(transcript).channelData as { prompt?: Prompt } | undefined)?.prompt;
      expect(prompt).toBeDefined();
      if (prompt!.numbered) {
        // The emergency screen goes out whole, every sign with its own number, whatever it costs.
        screenShown ||= prompt!.id === 'screen';
        const numbers = ((lastBot(transcript).suggestedActions as { actions?: Array<{ value: unknown }> } | undefined)?.actions ?? []).map((a) => String(a.value));
        for (const n of numbers) expect(reply).toMatch(new RegExp(`(^|\\n)${n}\\. `));
      } else expect(countSegments(reply).segments).toBeLessThanOrEqual(3);
      reply = await texts(ctx.app, phone, answerFor(prompt!, reply));
    }
    expect(outcome).toBeDefined();
    expect(screenShown).toBe(true);
    expect(triageOf(outcome)!.disposition).toBe('self_care');
    // The outcome keeps its headline and this problem's own safety net in full, even past the budget.
    const advice = ctx.services.content.advice.get((outcome!.channelData as { triage: { protocol: string } }).triage.protocol)!;
    const paragraphs = outcome!.text!.split(/\n\s*\n/).map((p) => p.trim());
    expect(reply.startsWith(paragraphs[0]!)).toBe(true);
    expect(reply).toContain(paragraphs[paragraphs.length - 1]!);
    expect(paragraphs[paragraphs.length - 1]).toContain(advice.safetyNet.es.slice(0, 20));
    // Consent was given with "1", mapped back to the consent choice.
    const transcript = await transcriptOf(ctx, phone);
    expect(transcript.filter((a) => a.from.role === 'user').map((a) => a.text)).toContain(ctx.services.i18n.t('es')('bot:consent.agree'));
    expect(new Set(transcript.map((a) => a.channelId))).toEqual(new Set(['sms']));
  });
});
