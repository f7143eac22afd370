// Which held cases have new conversation activity: the patient wrote to a nurse, or a reply went
// out. ConversationRepository.touch stamps updatedAt on every turn, so the live feed can tell the
// console to reload an open case without the console polling (and auditing) transcripts.
import { conversationsCollection } from '../repositories/conversations';
import type { CaseRepository } from '../repositories/cases';
import type { Store } from '../store/collection';

export interface ConversationChange {
  caseId: string;
  updatedAt: Date;
}

export function heldConversationChanges(store: Store, cases: CaseRepository): (since: Date) => Promise<ConversationChange[]> {
  // Read-only use of another repository's collection: both queries go through _id or the cases'
  // status index, so the poll stays cheap however many conversations the clinic keeps.
  const conversations = store.collection(conversationsCollection);
  return async (since) => {
    const held = await cases.list({ status: 'claimed' }, 500);
    if (held.length === 0) return [];
    const docs = await conversations.find({ _id: { $in: [...new Set(held.map((c) => c.conversationId))] }, updatedAt: { $gte: since } });
    return docs.flatMap((d) => (d.handoff?.caseId ? [{ caseId: d.handoff.caseId, updatedAt: d.updatedAt }] : []));
  };
}
