// A turn whose replies may reach the patient only if they are an emergency answer: a text from a
// number that sent STOP (carrier rules allow nothing else to it until START). The bot treats it
// like a conversation a nurse holds: the message is recorded and read, and only the emergency
// gate speaks, since an emergency is always answered.
import type { TurnContext } from 'botbuilder';

const QUIET = Symbol('quietTurn');

export function markQuietTurn(context: TurnContext): void {
  context.turnState.set(QUIET, true);
}

export function isQuietTurn(context: TurnContext): boolean {
  return context.turnState.get<boolean | undefined>(QUIET) === true;
}
