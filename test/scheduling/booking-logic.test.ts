// What a patient's answer means to the booking dialog: yes/no in six languages, a picked slot.
import { bookableSlot, offersFor, pickedSlot, recognizeYesNo } from '../../src/scheduling/booking-logic';
import { slotValue } from '../../src/scheduling/slots';
import type { Language } from '../../src/triage/types';
import { clinic, i18n, local, wall } from './fixtures';

const answers: Array<[Language, string, 'yes' | 'no' | undefined]> = [
  ['en', 'yes', 'yes'],
  ['en', 'Yes please!', 'yes'],
  ['en', 'no thanks', 'no'],
  ['en', 'nowhere', undefined],
  ['en', 'maybe', undefined],
  ['es', 'Sí', 'yes'],
  ['es', 'vale', 'yes'],
  ['es', 'no, gracias', 'no'],
  ['fr', 'oui', 'yes'],
  ['fr', "d'accord", 'yes'],
  ['fr', 'non merci', 'no'],
  ['pt', 'sim', 'yes'],
  ['pt', 'não', 'no'],
  ['zh', '是的', 'yes'],
  ['zh', '好', 'yes'],
  ['zh', '不是', 'no'],
  ['zh', '不要', 'no'],
  ['vi', 'vâng', 'yes'],
  ['vi', 'đồng ý', 'yes'],
  ['vi', 'không', 'no'],
  // The values of the suggested actions work in every language.
  ['zh', 'yes', 'yes'],
  ['vi', 'no', 'no'],
];

describe('recognizeYesNo', () => {
  it.each(answers)('%s "%s" → %s', (lang, text, expected) => {
    expect(recognizeYesNo(text, i18n.t(lang), lang)).toBe(expected);
  });
});

describe('picking a slot', () => {
  const now = local('2026-11-25T09:00');
  const offered = [slotValue({ providerId: 'dr-lee', start: local('2026-11-25T09:30') }), slotValue({ providerId: 'np-garcia', start: local('2026-11-25T09:45') })];

  it('by value or by its number (SMS)', () => {
    expect(pickedSlot(offered[1]!, offered)).toEqual({ providerId: 'np-garcia', start: local('2026-11-25T09:45') });
    expect(pickedSlot(' 1 ', offered)).toEqual({ providerId: 'dr-lee', start: local('2026-11-25T09:30') });
    expect(pickedSlot('3', offered)).toBeUndefined();
    expect(pickedSlot('tomorrow', offered)).toBeUndefined();
  });

  it('only real, future opening slots within the disposition horizon are bookable', () => {
    const ok = bookableSlot({ providerId: 'dr-lee', start: local('2026-11-25T10:00') }, clinic, 'routine', now);
    expect(ok && [wall(ok.start), wall(ok.end)]).toEqual(['2026-11-25T10:00', '2026-11-25T10:15']);
    expect(bookableSlot({ providerId: 'dr-lee', start: local('2026-11-25T08:00') }, clinic, 'routine', now)).toBeUndefined(); // past
    expect(bookableSlot({ providerId: 'dr-lee', start: local('2026-11-25T12:30') }, clinic, 'routine', now)).toBeUndefined(); // lunch
    expect(bookableSlot({ providerId: 'dr-lee', start: local('2026-11-25T10:05') }, clinic, 'routine', now)).toBeUndefined(); // not on the grid
    expect(bookableSlot({ providerId: 'dr-who', start: local('2026-11-25T10:00') }, clinic, 'routine', now)).toBeUndefined();
    expect(bookableSlot({ providerId: 'dr-lee', start: local('2026-11-30T10:00') }, clinic, 'urgent', now)).toBeUndefined(); // > 24 h
    expect(bookableSlot({ providerId: 'dr-lee', start: local('2026-11-25T10:00') }, clinic, 'emergency', now)).toBeUndefined();
  });

  it('a full window falls back to the nearest times after it', () => {
    const window = { start: local('2026-11-27T10:00').toISOString(), end: local('2026-11-27T10:30').toISOString() };
    const taken = new Set(['10:00', '10:15'].flatMap((t) => clinic.providers.map((p) => `${p.id}|${local(`2026-11-27T${t}`).getTime()}`)));
    const slots = offersFor({ kind: 'offer', window }, 'routine', now, taken, clinic);
    expect(slots.map((s) => wall(s.start))).toEqual(['2026-11-27T10:30', '2026-11-27T10:45', '2026-11-27T11:00']);
  });
});
