// Restores PHI in a model answer and runs the output guards, recording each refusal as a fallback event.
import { checkModelOutput, type OutputCheckInput } from '../guards/output';
import { restorePhi } from '../guards/phi';
import type { GuardLog } from './context';

/** The output guard's input, before PHI is restored into the model's raw answer. */
export type AnswerCheck = Omit<OutputCheckInput, 'output' | 'unknownPlaceholders'> & {
  raw: string;
  placeholders: Map<string, string>;
};

/** The restored answer when every guard passes, else undefined (the caller falls back). */
export function acceptAnswer(log: GuardLog, c: AnswerCheck): string | undefined {
  const restored = restorePhi(c.raw.trim(), c.placeholders);
  const failures = checkModelOutput({ ...c, output: restored.text, unknownPlaceholders: restored.unknown });
  for (const f of failures) log.add(f.guard, 'fallback', f.reason);
  if (failures.length) return undefined;
  log.add('output', 'passed');
  return restored.text;
}
