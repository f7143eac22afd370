// Checks across files that a schema alone cannot make: every finding a rule uses can be set by
// some lexicon or question, shared questions exist, every language knows every finding, and the
// emergency texts name the emergency number (and the crisis line for self-harm).
import type { AdviceData, Condition, DiscriminatorData, LexiconData, OutcomesData, ProblemListData, ProtocolData, QuestionData, RedFlagData, ScreenData } from './content-schema';
import { LANGUAGES, type Language } from './types';

interface Inputs {
  lexicons: Partial<Record<Language, LexiconData>>;
  redFlags: RedFlagData[];
  outcomes: OutcomesData;
  shared: QuestionData[];
  carryOver?: string[];
  protocols: Array<{ file: string; data: ProtocolData }>;
  discriminators: Array<{ file: string; data: DiscriminatorData }>;
  screen: ScreenData;
  problems: ProblemListData;
  advice: Array<{ file: string; data: AdviceData }>;
}

function conditionFindings(c: Condition | undefined): string[] {
  if (!c) return [];
  return [...(c.all ?? []), ...(c.any ?? []), ...(c.none ?? []), ...(c.absent ?? [])];
}

function questionFindings(q: QuestionData): string[] {
  const out = q.finding ? [q.finding] : [];
  for (const c of q.choices ?? []) out.push(...c.present, ...c.absent);
  return out;
}

function checkQuestion(q: QuestionData, where: string, problems: string[]): void {
  if (q.kind === 'yes_no' && !q.finding) problems.push(`${where}.finding: a yes_no question must name the finding it sets`);
  if (q.kind === 'choice' && !q.choices) problems.push(`${where}.choices: a choice question needs choices`);
  if ((q.kind === 'number' || q.kind === 'text') && !q.parse) problems.push(`${where}.parse: a ${q.kind} question must say what it fills in`);
}

function checkPlaceholders(text: Record<Language, string>, where: string, needed: string[], problems: string[]): void {
  for (const lang of LANGUAGES) {
    for (const p of needed) {
      if (!text[lang].includes(p)) problems.push(`${where}.${lang}: must contain ${p}`);
    }
  }
}

export function crossCheck(input: Inputs): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  const en = input.lexicons.en;
  for (const lang of LANGUAGES) {
    const lex = input.lexicons[lang];
    if (!lex) continue;
    for (const id of Object.keys(lex.findings)) known.add(id);
    if (en && lang !== 'en') {
      for (const id of Object.keys(en.findings)) {
        if (!lex.findings[id]) problems.push(`lexicon/${lang}.yaml: findings.${id}: missing (lexicon/en.yaml has it)`);
      }
      for (const id of Object.keys(lex.findings)) {
        if (!en.findings[id]) problems.push(`lexicon/${lang}.yaml: findings.${id}: not in lexicon/en.yaml`);
      }
      for (const id of Object.keys(lex.denials)) {
        if (!en.findings[id]) problems.push(`lexicon/${lang}.yaml: denials.${id}: not a finding in lexicon/en.yaml`);
      }
    }
  }
  const sharedIds = new Set<string>();
  input.shared.forEach((q, i) => {
    checkQuestion(q, `questions.yaml: questions.${i}`, problems);
    questionFindings(q).forEach((f) => known.add(f));
    if (sharedIds.has(q.id)) problems.push(`questions.yaml: questions.${i}.id: duplicate "${q.id}"`);
    sharedIds.add(q.id);
  });
  for (const { data } of [...input.protocols, ...input.discriminators]) {
    for (const q of data.questions) if (!('ref' in q)) questionFindings(q).forEach((f) => known.add(f));
  }
  for (const item of input.screen.items) if (item.finding) known.add(item.finding);

  const uses = (findings: string[], where: string): void => {
    for (const f of findings) if (!known.has(f)) problems.push(`${where}: finding "${f}" is not set by any lexicon or question`);
  };

  uses(input.carryOver ?? [], 'questions.yaml: carryOver');

  const flagIds = new Set<string>();
  input.redFlags.forEach((rf, i) => {
    const where = `red-flags.yaml: redFlags.${i}`;
    if (flagIds.has(rf.id)) problems.push(`${where}.id: duplicate "${rf.id}"`);
    flagIds.add(rf.id);
    rf.combinations.forEach((c, j) => uses(conditionFindings(c), `${where}.combinations.${j}`));
    checkPlaceholders(rf.advice, `${where}.advice`, rf.crisis ? ['{{emergencyNumber}}', '{{crisisLine}}'] : ['{{emergencyNumber}}'], problems);
  });

  const emergencyText = (a: OutcomesData['emergency']): Record<Language, string> => {
    const out = {} as Record<Language, string>;
    for (const lang of LANGUAGES) out[lang] = `${a.headline[lang]} ${a.whatToDo[lang]} ${a.safetyNet[lang]}`;
    return out;
  };
  checkPlaceholders(emergencyText(input.outcomes.emergency), 'outcomes.yaml: emergency', ['{{emergencyNumber}}'], problems);
  checkPlaceholders(emergencyText(input.outcomes.crisis), 'outcomes.yaml: crisis', ['{{emergencyNumber}}', '{{crisisLine}}'], problems);

  const protocolIds = new Set<string>();
  for (const { file, data } of input.protocols) {
    if (protocolIds.has(data.id)) problems.push(`${file}: id: duplicate "${data.id}"`);
    protocolIds.add(data.id);
    const questionIds = new Set<string>();
    data.questions.forEach((q, i) => {
      const where = `${file}: questions.${i}`;
      const qid = 'ref' in q ? q.ref : q.id;
      if (questionIds.has(qid)) problems.push(`${where}: question "${qid}" appears twice`);
      questionIds.add(qid);
      if ('ref' in q) {
        if (!sharedIds.has(q.ref)) problems.push(`${where}.ref: no shared question "${q.ref}" in questions.yaml`);
        uses(conditionFindings(q.askIf), `${where}.askIf`);
      } else {
        checkQuestion(q, where, problems);
        uses(conditionFindings(q.askIf), `${where}.askIf`);
      }
    });
    data.rules.forEach((r, i) => uses(conditionFindings(r.when), `${file}: rules.${i}.when`));
  }
  for (const { file, data } of input.protocols) {
    if (data.otherwise && !protocolIds.has(data.otherwise)) problems.push(`${file}: otherwise: no protocol "${data.otherwise}"`);
    if (data.ageRange && !data.otherwise) problems.push(`${file}: otherwise: required with ageRange`);
  }
  if (!protocolIds.has('general')) problems.push('protocols/general.yaml: missing (the fallback protocol)');
  checkShared(input, { uses, sharedIds, flagIds, protocolIds }, problems);
  return problems;
}

interface Known {
  uses: (findings: string[], where: string) => void;
  sharedIds: Set<string>;
  flagIds: Set<string>;
  protocolIds: Set<string>;
}

/** The files every protocol shares: discriminators, the emergency screen, the problem list, advice. */
function checkShared(input: Inputs, known: Known, problems: string[]): void {
  for (const { file, data } of input.discriminators) {
    data.questions.forEach((q, i) => {
      const where = `${file}: questions.${i}`;
      if ('ref' in q) {
        if (!known.sharedIds.has(q.ref)) problems.push(`${where}.ref: no shared question "${q.ref}" in questions.yaml`);
      } else checkQuestion(q, where, problems);
      known.uses(conditionFindings(q.askIf), `${where}.askIf`);
    });
    data.rules.forEach((r, i) => known.uses(conditionFindings(r.when), `${file}: rules.${i}.when`));
  }
  if (!known.flagIds.has(input.screen.unclearRedFlag)) problems.push(`emergency-screen.yaml: unclearRedFlag: no red flag "${input.screen.unclearRedFlag}"`);
  input.screen.items.forEach((item, i) => {
    const where = `emergency-screen.yaml: items.${i}`;
    if (item.redFlag && !known.flagIds.has(item.redFlag)) problems.push(`${where}.redFlag: no red flag "${item.redFlag}" in red-flags.yaml`);
    known.uses([...item.signs, ...item.covers, ...conditionFindings(item.showIf)], where);
  });
  for (const qid of input.problems.unplaced.ask) {
    if (!known.sharedIds.has(qid)) problems.push(`problem-list.yaml: unplaced.ask: no shared question "${qid}" in questions.yaml`);
  }
  input.problems.items.forEach((item, i) => {
    if (item.protocol && !known.protocolIds.has(item.protocol)) problems.push(`problem-list.yaml: items.${i}.protocol: no protocol "${item.protocol}"`);
    known.uses(item.findings, `problem-list.yaml: items.${i}.findings`);
  });
  for (const { file, data } of input.advice) {
    checkPlaceholders(data.safetyNet, `${file}: safetyNet`, ['{{emergencyNumber}}'], problems);
  }
}
