// Loads and validates the clinical content (clinical/*.yaml). Every problem in every file is
// reported at once, each naming its file and field path, so a reviewer can fix them in one pass.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  LexiconSchema,
  OutcomesFileSchema,
  ProtocolSchema,
  RedFlagFileSchema,
  SharedQuestionsFileSchema,
  type Condition,
  type LexiconData,
  type OutcomesData,
  type ProtocolData,
  type QuestionData,
  type RedFlagData,
} from './content-schema';
import { crossCheck } from './content-checks';
import { compileLanguagePack, type LanguagePack } from './language-pack';
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

export interface ClinicalContent {
  dir: string;
  languages: Record<Language, LanguagePack>;
  redFlags: RedFlag[];
  protocols: Map<string, Protocol>;
  outcomes: OutcomesData;
  /** every finding id any file may use */
  findingIds: Set<string>;
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
  const protocolFiles: Array<{ file: string; data: ProtocolData }> = [];
  for (const file of reader.list('protocols')) {
    const data = reader.read(file, ProtocolSchema);
    if (data && data.id !== basename(file).replace(/\.ya?ml$/, '')) reader.problems.push(`${file}: id: must match the file name`);
    if (data) protocolFiles.push({ file, data });
  }
  if (reader.problems.length > 0 || !redFlagFile || !outcomes || !shared) throw new ClinicalContentError(reader.problems);

  const problems = crossCheck({ lexicons, redFlags: redFlagFile.redFlags, outcomes, shared: shared.questions, protocols: protocolFiles });
  if (problems.length > 0) throw new ClinicalContentError(problems);

  const languages = perLanguage((lang) => compileLanguagePack(lexicons[lang]!));
  const sharedById = new Map(shared.questions.map((q) => [q.id, q]));
  const protocols = new Map<string, Protocol>();
  for (const { data } of protocolFiles) {
    const questions: Question[] = data.questions.map((q) => ('ref' in q ? { ...sharedById.get(q.ref)!, ...(q.askIf ? { askIf: q.askIf } : {}) } : q));
    const complaintPatterns = perLanguage((lang) => compileSet(data.complaint[lang], languages[lang].matcher));
    protocols.set(data.id, { ...data, questions, complaintPatterns });
  }
  const redFlags: RedFlag[] = redFlagFile.redFlags.map((rf: RedFlagData) => ({
    ...rf,
    compiled: perLanguage((lang) => compileSet(rf.patterns[lang], languages[lang].matcher)),
  }));
  const findingIds = new Set<string>();
  for (const pack of Object.values(languages)) for (const idKey of pack.findings.keys()) findingIds.add(idKey);
  return { dir, languages, redFlags, protocols, outcomes, findingIds };
}
