import { countSegments, isGsm7, toGsmFriendly } from '../../src/channels/sms/segments';
import { smsKeyword } from '../../src/channels/sms/keywords';
import { lastBotChoices, resolveNumberedReply } from '../../src/channels/sms/choices';
import type { StoredActivity } from '../../src/repositories/transcripts';

describe('SMS segment counter', () => {
  it.each([
    ['', 'gsm7', 0],
    ['a'.repeat(160), 'gsm7', 1],
    ['a'.repeat(161), 'gsm7', 2],
    ['a'.repeat(306), 'gsm7', 2],
    ['a'.repeat(307), 'gsm7', 3],
    ['é'.repeat(160), 'gsm7', 1], // é, ñ, ü, ¿, ¡ are in the GSM basic set
    ['á'.repeat(70), 'ucs2', 1],
    ['á'.repeat(71), 'ucs2', 2],
    ['á'.repeat(134), 'ucs2', 2],
    ['á'.repeat(135), 'ucs2', 3],
    ['头'.repeat(70), 'ucs2', 1],
  ])('%#: %s', (text, encoding, segments) => {
    expect(countSegments(text)).toMatchObject({ encoding, segments });
  });

  it('counts extension characters as two septets and never splits them across segments', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    // 152 septets then a 2-septet "€": it cannot share the first 153-septet segment.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ units: 164, segments: 2 });
  });

  it('never splits a surrogate pair (emoji) across UCS-2 segments', () => {
    expect(countSegments(`${'a'.repeat(66)}😀`).segments).toBe(1); // 68 units <= 70
    expect(countSegments(`${'a'.repeat(66)}😀${'a'.repeat(10)}`).segments).toBe(2);
  });

  it('replaces typographic lookalikes so an English text stays GSM-7', () => {
    const text = '“Don’t wait” – call now… • ok';
    expect(isGsm7(text)).toBe(false);
    expect(toGsmFriendly(text)).toBe('"Don\'t wait" - call now... - ok');
    expect(isGsm7(toGsmFriendly(text))).toBe(true);
  });
});

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    [' Stop. ', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['unsubscribe', 'opt_out'],
    ['CANCEL', 'opt_out'],
    ['end', 'opt_out'],
    ['QUIT', 'opt_out'],
    ['START', 'opt_in'],
    ['unstop', 'opt_in'],
    ['HELP', 'help'],
    ['help!', 'help'],
  ])('%s → %s', (body, keyword) => expect(smsKeyword(body)).toBe(keyword));

  it.each(['stop the pain please', 'cancel my appointment', 'yes', 'I need help with my cough'])('%s is not a keyword', (body) => {
    expect(smsKeyword(body)).toBeUndefined();
  });
});

describe('numbered replies', () => {
  const bot = (over: Partial<StoredActivity>): StoredActivity => ({
    id: 'x',
    type: 'message',
    timestamp: '',
    channelId: 'sms',
    conversation: { id: 'c' },
    from: { id: 'bot', role: 'bot' },
    ...over,
  });
  const consent = bot({
    text: '¿Acepta continuar?',
    channelData: { prompt: { kind: 'consent', id: 'consent' } },
    suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Acepto', value: 'Acepto' }, { type: 'imBack', title: 'No, gracias', value: 'No, gracias' }] },
  });

  it('maps a number to the value of that choice of the last bot question', () => {
    const choices = lastBotChoices([consent]);
    expect(resolveNumberedReply('1', choices)).toEqual({ text: 'Acepto', choiceIndex: 0 });
    expect(resolveNumberedReply(' 2) ', choices)).toEqual({ text: 'No, gracias', choiceIndex: 1 });
    expect(resolveNumberedReply('3', choices)).toEqual({ text: '3' });
    expect(resolveNumberedReply('1 día', choices)).toEqual({ text: '1 día' });
  });

  it('leaves numbers alone when the last bot message asked a number or no question', () => {
    const pain = bot({ text: '0-10?', channelData: { prompt: { kind: 'number', id: 'pain' } }, suggestedActions: { actions: [{ type: 'imBack', title: 'a', value: 'a' }] } });
    expect(resolveNumberedReply('1', lastBotChoices([consent, pain]))).toEqual({ text: '1' });
    const outcome = bot({ text: 'Vaya a urgencias', channelData: { triage: {} } });
    expect(resolveNumberedReply('1', lastBotChoices([consent, outcome]))).toEqual({ text: '1' });
    // A patient's own message after the question does not hide it; a staff message is not the bot's question.
    const user = { ...bot({ text: 'hola' }), from: { id: 'u', role: 'user' as const } };
    expect(resolveNumberedReply('1', lastBotChoices([consent, user]))).toEqual({ text: 'Acepto', choiceIndex: 0 });
  });
});
