// The guard lexicons (prompts/guards/<lang>.yaml): reviewed phrases as data, validated and compiled once.
// The guards match the union of all six languages, because patients mix languages and a model may answer in
// the wrong one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../config/paths';
import { LANGUAGES, type Language } from '../../triage/types';
import { stripMarks } from './fold';

const Patterns = z.array(z.string().min(1)).min(1);

const LexiconFileSchema = z.object({
  input: z.object({ injection: Patterns, unsafe_request: Patterns, off_topic: Patterns }),
  output: z.object({
    diagnosis: Patterns,
    conditions: Patterns,
    drug: Patterns,
    downgrade: Patterns,
    levels: z.object({ urgent: Patterns, routine: Patterns, self_care: Patterns }),
    leak: Patterns,
    sbar: z.array(z.string().min(1)).length(4),
  }),
  phi: z.object({ name_intro: Patterns, dob_intro: Patterns, record_intro: Patterns, street: Patterns }),
  // A request for something else, in any words: asks for a task or a fact (request) and has not one word of
  // health, the body, a person cared for or the clinic in it (context). See input.ts asksForSomethingElse.
  not_health: z.object({ request: Patterns, context: Patterns }),
});

export type LexiconFile = z.infer<typeof LexiconFileSchema>;
export type InputCategory = keyof LexiconFile['input'];
export type OutputCategory = Exclude<keyof LexiconFile['output'], 'levels' | 'sbar'>;
export type LowerLevel = keyof LexiconFile['output']['levels'];

export interface Lexicon {
  input: Record<InputCategory, RegExp[]>;
  output: Record<OutputCategory, RegExp[]>;
  levels: Record<LowerLevel, RegExp[]>;
  /** SBAR headings per language, as written (not folded). */
  sbar: Record<Language, string[]>;
  /** PHI cue phrases from every language, raw (matched on NFC text, not folded). */
  phi: LexiconFile['phi'];
  notHealth: { request: RegExp[]; context: RegExp[] };
}

function compile(source: string, where: string): RegExp {
  try {
    // Global so that every match can be compared with the source text (see matchesNotIn).
    return new RegExp(stripMarks(source), 'giu');
  } catch (err) {
    throw new Error(`${where}: invalid pattern ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}

export function readLexiconFile(lang: Language, dir = join(projectRoot(), 'prompts', 'guards')): LexiconFile {
  const file = join(dir, `${lang}.yaml`);
  const parsed = LexiconFileSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is invalid:\n  - ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  - ')}`);
  }
  return parsed.data;
}

export function buildLexicon(files: Record<Language, LexiconFile>): Lexicon {
  const all = <T>(pick: (f: LexiconFile) => T[]): T[] => LANGUAGES.flatMap((l) => pick(files[l]));
  const compileAll = (pick: (f: LexiconFile) => string[], where: string): RegExp[] => all(pick).map((p) => compile(p, where));
  return {
    input: {
      injection: compileAll((f) => f.input.injection, 'input.injection'),
      unsafe_request: compileAll((f) => f.input.unsafe_request, 'input.unsafe_request'),
      off_topic: compileAll((f) => f.input.off_topic, 'input.off_topic'),
    },
    output: {
      diagnosis: compileAll((f) => f.output.diagnosis, 'output.diagnosis'),
      conditions: compileAll((f) => f.output.conditions, 'output.conditions'),
      drug: compileAll((f) => f.output.drug, 'output.drug'),
      downgrade: compileAll((f) => f.output.downgrade, 'output.downgrade'),
      leak: compileAll((f) => f.output.leak, 'output.leak'),
    },
    levels: {
      urgent: compileAll((f) => f.output.levels.urgent, 'output.levels.urgent'),
      routine: compileAll((f) => f.output.levels.routine, 'output.levels.routine'),
      self_care: compileAll((f) => f.output.levels.self_care, 'output.levels.self_care'),
    },
    sbar: Object.fromEntries(LANGUAGES.map((l) => [l, files[l].output.sbar])) as Record<Language, string[]>,
    phi: {
      name_intro: all((f) => f.phi.name_intro),
      dob_intro: all((f) => f.phi.dob_intro),
      record_intro: all((f) => f.phi.record_intro),
      street: all((f) => f.phi.street),
    },
    notHealth: {
      request: compileAll((f) => f.not_health.request, 'not_health.request'),
      context: compileAll((f) => f.not_health.context, 'not_health.context'),
    },
  };
}

let cached: Lexicon | undefined;

/** Read on first use (nothing runs on import), then kept: the files do not change while the process runs. */
export function lexicon(): Lexicon {
  cached ??= buildLexicon(Object.fromEntries(LANGUAGES.map((l) => [l, readLexiconFile(l)])) as Record<Language, LexiconFile>);
  return cached;
}

const anyOf = new WeakMap<RegExp[], RegExp | null>();

/**
 * One alternation of a whole list, tested first: most texts match nothing, and one scan is far cheaper
 * than one matchAll (which copies its regex) per pattern. null when the sources cannot be joined.
 */
function combined(patterns: RegExp[]): RegExp | null {
  let re = anyOf.get(patterns);
  if (re === undefined) {
    try {
      re = patterns.length ? new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'iu') : null;
    } catch {
      re = null;
    }
    anyOf.set(patterns, re);
  }
  return re;
}

/** Every match of any pattern in `text`. Patterns are global: lastIndex is reset by matchAll's copy. */
export function matches(patterns: RegExp[], text: string): string[] {
  const any = combined(patterns);
  if (any && !any.test(text)) return [];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));
}

/**
 * Matches in the model's output that the source text does not already contain: the model may repeat what the
 * deterministic text or the clinic file says ("call 911, not a routine appointment"), but not add it.
 */
export function matchesNotIn(patterns: RegExp[], output: string, source: string): string[] {
  return matches(patterns, output).filter((m) => !source.includes(m));
}
