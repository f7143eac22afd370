// What free text says, per language: negation, ages, durations, pain scores, temperatures.
import { loadClinicalContent } from '../../src/triage/content';
import { newTriageState, observeText } from '../../src/triage/engine';
import type { Language } from '../../src/triage/types';

const content = loadClinicalContent();
const observe = (text: string, lang: Language) => observeText(content, newTriageState(), text, lang);

describe('negation', () => {
  const cases: Array<[Language, string, boolean]> = [
    ['en', 'no fever', false],
    ['en', 'she denies any fever', false],
    ['en', 'without a fever', false],
    ['en', 'I have a fever', true],
    ['es', 'sin fiebre', false],
    ['es', 'no tengo fiebre', false],
    ['es', 'tengo fiebre', true],
    ['fr', 'pas de fièvre', false],
    ['fr', "je n'ai pas de fievre", false],
    ['fr', "j'ai de la fièvre", true],
    ['pt', 'não tenho febre', false],
    ['pt', 'estou com febre', true],
    ['zh', '没有发烧', false],
    ['zh', '孩子发烧了', true],
    ['vi', 'không sốt', false],
    ['vi', 'khong bi sot', false],
    ['vi', 'bé bị sốt', true],
  ];
  it.each(cases)('%s "%s" → fever %s', (lang, text, present) => {
    expect(observe(text, lang).findings.fever?.present).toBe(present);
  });

  it('stops at the end of a clause: "no chest pain, breathing is fine" says both are absent', () => {
    const s = observe('no chest pain, breathing is fine', 'en');
    expect(s.findings.chest_pain?.present).toBe(false);
    expect(s.findings.breathless?.present).toBe(false);
  });

  it('does not treat "can\'t stop vomiting" as no vomiting', () => {
    expect(observe("I can't stop vomiting", 'en').findings.vomiting?.present).toBe(true);
  });

  it('"not sure" leaves a finding unknown', () => {
    expect(observe("I'm not sure if he has a rash", 'en').findings.rash).toBeUndefined();
  });
});

describe('ages', () => {
  const cases: Array<[Language, string, number]> = [
    ['en', '66 M. left arm went weak', 66],
    ['en', "I'm 63", 63],
    ['en', 'got a headache, 27F', 27],
    ['en', 'my son is 19 at uni', 19],
    ['en', 'my 5 year old has a cough', 5],
    ['en', 'my 6 month old baby', 0.5],
    ['es', 'tengo 45 años', 45],
    ['es', 'mi madre tiene 78 años', 78],
    ['fr', "j'ai 30 ans", 30],
    ['fr', 'une femme de 38 ans', 38],
    ['pt', 'tenho 49 anos', 49],
    ['zh', '我65岁', 65],
    ['zh', '我今年六十五岁', 65],
    ['vi', 'tôi 40 tuổi', 40],
    ['vi', 'bé 6 tháng tuổi', 0.5],
  ];
  it.each(cases)('%s "%s" → %d years', (lang, text, years) => {
    expect(observe(text, lang).ageYears).toBeCloseTo(years, 2);
  });

  it('"10 weeks pregnant" is not an age or a duration', () => {
    const s = observe("I'm 10 weeks pregnant", 'en');
    expect(s.ageYears).toBeNull();
    expect(s.durationHours).toBeNull();
    expect(s.findings.pregnant?.present).toBe(true);
    expect(s.sex).toBe('female');
  });
});

describe('durations', () => {
  const cases: Array<[Language, string, number]> = [
    ['en', 'for 3 days', 72],
    ['en', 'started about 20 min ago', 1 / 3],
    ['en', 'since yesterday', 24],
    ['en', 'for about 6 months', 6 * 730],
    ['es', 'desde hace tres días', 72],
    ['es', 'hace unos 3 meses', 3 * 730],
    ['fr', 'depuis 2 jours', 48],
    ['pt', 'há 3 dias', 72],
    ['zh', '已经3天了', 72],
    ['zh', '咳嗽两个星期了', 336],
    ['vi', 'bị 3 ngày rồi', 72],
  ];
  it.each(cases)('%s "%s" → %d hours', (lang, text, hours) => {
    expect(observe(text, lang).durationHours).toBeCloseTo(hours, 1);
  });

  it('"every 4 hours" is not how long it has been going on', () => {
    expect(observe('using my inhaler every 4 hours', 'en').durationHours).toBeNull();
  });

  it('"tengo 44 años" is an age, not a duration', () => {
    const s = observe('Tengo 44 años', 'es');
    expect(s.ageYears).toBe(44);
    expect(s.durationHours).toBeNull();
  });
});

describe('pain scores and temperatures', () => {
  const pain: Array<[Language, string, number]> = [
    ['en', 'the pain is 7/10', 7],
    ['en', 'about 7 out of 10', 7],
    ['es', 'un 8 sobre 10', 8],
    ['fr', '2 sur 10', 2],
    ['pt', '3 de 10', 3],
    ['zh', '疼痛7分', 7],
    ['vi', 'đau 6/10', 6],
  ];
  it.each(pain)('%s "%s" → pain %d', (lang, text, score) => {
    expect(observe(text, lang).painScore).toBe(score);
  });

  const temps: Array<[Language, string, number, boolean]> = [
    ['en', 'her temperature is 38.3', 38.3, true],
    ['en', 'temp of 101F', 38.3, true],
    ['en', '37.6 on the first day', 37.6, false],
    ['es', 'fiebre de 39', 39, true],
    ['fr', '38,5 de fièvre', 38.5, true],
    ['zh', '发烧38.5度', 38.5, true],
    ['vi', 'sốt 39 độ', 39, true],
  ];
  it.each(temps)('%s "%s" → %d °C, fever %s', (lang, text, celsius, fever) => {
    const s = observe(text, lang);
    expect(s.temperatureC).toBeCloseTo(celsius, 1);
    expect(s.findings.fever?.present).toBe(fever);
  });
});

describe('Vietnamese number words', () => {
  const age = (text: string) => observeText(content, newTriageState(), text, 'vi').ageYears;
  it('reads "ba" as dad and "bà" as grandmother, not 3', () => {
    expect(age('ba tôi 75 tuổi bị sưng chân')).toBe(75);
    expect(age('bà tôi bảy mươi tuổi bị đau lưng')).toBe(70);
  });
  it('still reads "ba tuổi" as 3', () => {
    expect(age('con tôi ba tuổi bị sốt')).toBe(3);
  });
});
