// Builds a dialog under botbuilder-testing's DialogTestClient with the real collaborators.
import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { BotDeps } from '../../src/bot/deps';
import { patientStateAccessor, type PatientState } from '../../src/bot/patient-state';
import type { StatePropertyAccessor } from 'botbuilder';
import { buildTestApp } from '../helpers/test-services';

export interface Harness {
  deps: BotDeps;
  conversationState: ConversationState;
  patientState: StatePropertyAccessor<PatientState>;
}

export function harness(): Harness {
  const { services } = buildTestApp();
  const conversationState = new ConversationState(new MemoryStorage());
  return { deps: services.botDeps, conversationState, patientState: patientStateAccessor(conversationState) };
}

export function client(h: Harness, dialog: Dialog, options?: unknown): DialogTestClient {
  return new DialogTestClient('webchat', dialog, options, [], h.conversationState);
}

export function msg(text: string, locale: string): Partial<Activity> {
  return { type: 'message', text, locale };
}

export const promptOf = (a: Partial<Activity> | undefined): { kind: string; id: string } | undefined =>
  (a?.channelData as { prompt?: { kind: string; id: string } } | undefined)?.prompt;
