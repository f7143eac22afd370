// Loads and validates the clinical content (clinical/*.yaml). Every problem in every file is
// reported at once, each naming its file and field path, so a reviewer can fix them in one pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  AdviceFileSchema,
  DiscriminatorFileSchema,
  LexiconSchema,
  ProblemListFileSchema,
  ScreenFileSchema,
  OutcomesFileSchema,
  ProtocolSchema,
  RedFlagFileSchema,
  SharedQuestionsFileSchema,
  type AdviceData,
  type Condition,
  type DiscriminatorData,
  type LexiconData,
  type ProblemListData,
  type ScreenData,
  type OutcomesData,
  type ProtocolData,
  type QuestionData,
  type RedFlagData,
} from './content-schema';
import { crossCheck } from './content-checks';
import { compileLanguagePack, type LanguagePack } from './language-pack';
import { PatternIndex } from './pattern-index';
import { compileSet, type PatternSet } from './text-match';
import { LANGUAGES, type Language } from './types';

export class ClinicalContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Clinical content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
    this.name = 'ClinicalContentError';
  }
}

export interface Question extends QuestionData {
  /** the protocol's extra condition for a shared question */
  askIf?: Condition;
}

export interface Protocol extends Omit<ProtocolData, 'questions'> {
  questions: Question[];
  complaintPatterns: Record<Language, PatternSet>;
}

export interface RedFlag extends RedFlagData {
  compiled: Record<Language, PatternSet>;
}

/** Discriminators shared by every protocol, with their shared questions resolved. */
export interface Discriminators extends Omit<DiscriminatorData, 'questions'> {
  questions: Question[];
}

export interface ClinicalContent {
  dir: string;
  languages: Record<Language, LanguagePack>;
  redFlags: RedFlag[];
  protocols: Map<string, Protocol>;
  /** findings about the person (pregnant, diabetes...) a new assessment in the same conversation keeps */
  carryOver: string[];
  /** the shared questions (questions.yaml), by id */
  questions: Map<string, Question>;
  /** general and crisis discriminators, in file order */
  discriminators: Discriminators[];
  screen: ScreenData;
  problems: ProblemListData;
  /** per protocol id */
  advice: Map<string, AdviceData>;
  outcomes: OutcomesData;
  /** every finding id any file may use */
  findingIds: Set<string>;
  /**
   * Findings whose presence raises urgency somewhere (a red flag, an emergency or urgent rule): for
   * these a hedged answer ("a bit", "sort of") counts as yes.
   */
  worryingFindings: Set<string>;
  /**
   * Findings whose presence is the good answer (`absent:` in a red flag or an urgent rule:
   * "can talk in full sentences", "the inhaler helps"): "fine" to their question is a yes.
   */
  reassuringFindings: Set<string>;
  /** Findings that open the crisis questions (the `askIf` of the discriminators asked first). */
  crisisSignals: Set<string>;
  /** Findings that name a health problem (the problem list's, and the crisis signals), not context such as "tonight". */
  symptomFindings: Set<string>;
  /**
   * Per protocol, the findings few protocols ask about (at most two): evidence for that complaint
   * wherever it is said ("blisters on one side of the forehead" is the rash protocol's shingles sign).
   */
  protocolSigns: Map<string, Set<string>>;
  /** every pattern set of each language (findings, denials, red flags, complaints) indexed by anchor */
  patternIndex: Record<Language, PatternIndex>;
}

export const FALLBACK_PROTOCOL = 'general';

/** The folder holding package.json, from src/triage (tsx, jest) or dist/src/triage (after tsc). */
export function defaultClinicalDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new ClinicalContentError([`package.json not found above ${__dirname}`]);
    dir = parent;
  }
  return join(dir, 'clinical');
}

class FileReader {
  readonly problems: string[] = [];
  constructor(private readonly root: string) {}

  read<S extends z.ZodType>(relative: string, schema: S): z.infer<S> | null {
    const path = join(this.root, relative);
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      this.problems.push(`${relative}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      return null;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
        this.problems.push(`${relative}: ${field}: ${issue.message}`);
      }
      return null;
    }
    return result.data;
  }

  list(relative: string): string[] {
    const path = join(this.root, relative);
    if (!existsSync(path)) {
      this.problems.push(`${relative}: folder missing`);
      return [];
    }
    return readdirSync(path)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => `${relative}/${f}`);
  }
}

function perLanguage<T>(make: (lang: Language) => T): Record<Language, T> {
  const out = {} as Record<Language, T>;
  for (const lang of LANGUAGES) out[lang] = make(lang);
  return out;
}

export function loadClinicalContent(dir: string = defaultClinicalDir()): ClinicalContent {
  const reader = new FileReader(dir);
  const lexicons: Partial<Record<Language, LexiconData>> = {};
  for (const lang of LANGUAGES) {
    const file = `lexicon/${lang}.yaml`;
    const lex = reader.read(file, LexiconSchema);
    if (lex && lex.language !== lang) reader.problems.push(`${file}: language: must be "${lang}"`);
    if (lex) lexicons[lang] = lex;
  }
  const redFlagFile = reader.read('red-flags.yaml', RedFlagFileSchema);
  const outcomes = reader.read('outcomes.yaml', OutcomesFileSchema);
  const shared = reader.read('questions.yaml', SharedQuestionsFileSchema);
  const screen = reader.read('emergency-screen.yaml', ScreenFileSchema);
  const problems = reader.read('problem-list.yaml', ProblemListFileSchema);
  const discriminatorFiles: Array<{ file: string; data: DiscriminatorData }> = [];
  for (const file of reader.list('discriminators')) {
    const data = reader.read(file, DiscriminatorFileSchema);
    if (data) discriminatorFiles.push({ file, data });
  }
  const adviceFiles: Array<{ file: string; data: AdviceData }> = [];
  for (const file of reader.list('advice')) {
    const data = reader.read(file, AdviceFileSchema);
    if (data && data.protocol !== basename(file).replace(/\.ya?ml$/, '')) reader.problems.push(`${file}: protocol: must match the file name`);
    if (data) adviceFiles.push({ file, data });
  }
  const protocolFiles: Array<{ file: string; data: ProtocolData }> = [];
  for (const file of reader.list('protocols')) {
    const data = reader.read(file, ProtocolSchema);
    if (data && data.id !== basename(file).replace(/\.ya?ml$/, '')) reader.problems.push(`${file}: id: must match the file name`);
    if (data) protocolFiles.push({ file, data });
  }
  if (reader.problems.length > 0 || !redFlagFile || !outcomes || !shared || !screen || !problems) throw new ClinicalContentError(reader.problems);

  const crossProblems = crossCheck({
    lexicons,
    redFlags: redFlagFile.redFlags,
    outcomes,
    shared: shared.questions,
    carryOver: shared.carryOver,
    protocols: protocolFiles,
    discriminators: discriminatorFiles,
    screen,
    problems,
    advice: adviceFiles,
  });
  if (crossProblems.length > 0) throw new ClinicalContentError(crossProblems);

  const languages = perLanguage((lang) => compileLanguagePack(lexicons[lang]!));
  const sharedById = new Map(shared.questions.map((q) => [q.id, q]));
  const resolve = (qs: DiscriminatorData['questions']): Question[] => qs.map((q) => ('ref' in q ? { ...sharedById.get(q.ref)!, ...(q.askIf ? { askIf: q.askIf } : {}) } : q));
  const protocols = new Map<string, Protocol>();
  for (const { data } of protocolFiles) {
    const questions = resolve(data.questions);
    const complaintPatterns = perLanguage((lang) => compileSet(data.complaint[lang], languages[lang].matcher));
    protocols.set(data.id, { ...data, questions, complaintPatterns });
  }
  const redFlags: RedFlag[] = redFlagFile.redFlags.map((rf: RedFlagData) => ({
    ...rf,
    compiled: perLanguage((lang) => compileSet(rf.patterns[lang], languages[lang].matcher)),
  }));
  const findingIds = new Set<string>();
  for (const pack of Object.values(languages)) for (const idKey of pack.findings.keys()) findingIds.add(idKey);
  for (const { data } of discriminatorFiles) for (const q of resolve(data.questions)) if (q.finding) findingIds.add(q.finding);
  const worrying = new Set<string>();
  const positive = (c: Condition): void => [...(c.all ?? []), ...(c.any ?? [])].forEach((id) => worrying.add(id));
  for (const rf of redFlags) rf.combinations.forEach(positive);
  const reassuring = new Set<string>();
  const negative = (c: Condition): void => (c.absent ?? []).forEach((id) => reassuring.add(id));
  for (const rf of redFlags) rf.combinations.forEach(negative);
  for (const { data } of [...protocolFiles, ...discriminatorFiles]) {
    for (const r of data.rules) {
      if (r.disposition !== 'emergency' && r.disposition !== 'urgent') continue;
      positive(r.when);
      negative(r.when);
    }
  }
  const protocolSigns = specificFindings(protocols);
  const discriminators = discriminatorFiles.map(({ data }) => ({ ...data, questions: resolve(data.questions) }));
  const crisisSignals = new Set(discriminators.filter((d) => d.ask === 'first').flatMap((d) => d.questions[0]?.askIf?.any ?? []));
  return {
    dir,
    languages,
    redFlags,
    protocols,
    questions: sharedById,
    carryOver: shared.carryOver,
    discriminators,
    screen,
    problems,
    advice: new Map(adviceFiles.map(({ data }) => [data.protocol, data])),
    outcomes,
    findingIds,
    worryingFindings: worrying,
    reassuringFindings: reassuring,
    crisisSignals,
    symptomFindings: new Set([...problems.items.flatMap((i) => i.findings), ...crisisSignals]),
    protocolSigns,
    patternIndex: perLanguage(
      (lang) =>
        new PatternIndex([
          ...languages[lang].findings.values(),
          ...languages[lang].denials.values(),
          ...redFlags.map((rf) => rf.compiled[lang]),
          ...[...protocols.values()].map((p) => p.complaintPatterns[lang]),
        ]),
    ),
  };
}

/** Findings at most two protocols use in their questions or rules, per protocol. */
function specificFindings(protocols: Map<string, Protocol>): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  for (const p of protocols.values()) {
    const ids = new Set<string>();
    for (const q of p.questions) if (q.finding) ids.add(q.finding);
    for (const r of p.rules) for (const id of [...(r.when.all ?? []), ...(r.when.any ?? [])]) ids.add(id);
    for (const id of ids) (users.get(id) ?? users.set(id, new Set()).get(id)!).add(p.id);
  }
  const out = new Map<string, Set<string>>();
  for (const [id, ps] of users) if (ps.size <= 2) for (const p of ps) (out.get(p) ?? out.set(p, new Set()).get(p)!).add(id);
  return out;
}
