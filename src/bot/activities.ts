// Building the bot's activities with the channelData fields of CONTRACTS.md, in one place, so
// every dialog asks and answers the same way on every channel.
import { ActivityTypes, InputHints, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { Choice, PromptKind } from '../triage/types';

export interface PromptSpec {
  kind: PromptKind;
  id: string;
  text: string;
  choices?: Choice[];
  /** the text lists the choices with their numbers: clients must not number them again */
  numbered?: boolean;
}

export function promptActivity(spec: PromptSpec): Partial<Activity> {
  const actions: CardAction[] = (spec.choices ?? []).map((c) => ({ type: 'imBack', title: c.label, value: c.value }));
  const activity = actions.length ? MessageFactory.suggestedActions(actions, spec.text) : MessageFactory.text(spec.text);
  activity.inputHint = InputHints.ExpectingInput;
  activity.channelData = { prompt: { kind: spec.kind, id: spec.id, ...(spec.numbered ? { numbered: true } : {}) } };
  return activity;
}

export function messageActivity(text: string, channelData?: Record<string, unknown>): Partial<Activity> {
  const activity = MessageFactory.text(text);
  activity.inputHint = InputHints.AcceptingInput;
  if (channelData) activity.channelData = channelData;
  return activity;
}

export function typingActivity(): Partial<Activity> {
  return { type: ActivityTypes.Typing };
}

/** Fills {{emergencyNumber}}-style placeholders in clinical texts. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => vars[k] ?? m);
}
