// What a nurse does with a case, and what follows from it: holding a case silences the bot in that
// conversation (conversations.handoff), resolving or handing back lets it speak again, a reply goes
// out on the patient's own channel. Every action writes an audit row; none writes message text there.
import type { ChannelSender, OutboundResult } from '../channels/outbound';
import { HttpError, conflict, notFound } from '../http/errors';
import type { CaseDoc } from '../repositories/cases';
import type { Services } from '../services';
import type { Disposition } from '../triage/types';
import { isAdmin, type StaffCaller } from './auth';
import type { AuditAction } from './audit';

export class CaseActions {
  constructor(private readonly services: Services) {}

  private get repos(): Services['repos'] {
    return this.services.repos;
  }

  async claim(caller: StaffCaller, id: string): Promise<CaseDoc> {
    const before = await this.load(id);
    const claimed = await this.repos.cases.claim(id, caller.user._id, isAdmin(caller));
    if (!claimed) throw await this.whyNot(id, caller);
    await this.holdConversation(claimed, caller);
    const takeover = Boolean(before.claimedBy && before.claimedBy !== caller.user._id);
    await this.audit(caller, 'case.claim', id, takeover ? { takeover: true } : undefined);
    return claimed;
  }

  /** Replying to an unclaimed case claims it first, so the bot never talks over the nurse. */
  async reply(caller: StaffCaller, id: string, text: string): Promise<{ case: CaseDoc; delivery: OutboundResult }> {
    const before = await this.load(id);
    if (before.status === 'resolved') throw conflict('This case is resolved; replies are closed.', 'case_resolved');
    const conversation = await this.repos.conversations.get(before.conversationId);
    if (!conversation) throw new HttpError(410, 'conversation_gone', 'The conversation has expired; contact the patient another way.');
    const claimed = await this.repos.cases.claim(id, caller.user._id, isAdmin(caller));
    if (!claimed) throw await this.whyNot(id, caller);
    await this.holdConversation(claimed, caller);
    const delivery = await this.deliver(conversation, text, caller);
    await this.audit(caller, 'case.reply', id, { delivered: delivery.delivered, channel: conversation.channel, ...(delivery.reason ? { reason: delivery.reason } : {}) });
    return { case: claimed, delivery };
  }

  async override(caller: StaffCaller, id: string, to: Disposition, reason: string): Promise<CaseDoc> {
    const before = await this.load(id);
    if (before.status === 'resolved') throw conflict('This case is resolved.', 'case_resolved');
    if (before.disposition === to) throw new HttpError(400, 'same_disposition', 'The case already has this disposition.');
    const updated = await this.repos.cases.override(id, { by: caller.user._id, from: before.disposition, to, reason }, isAdmin(caller));
    if (!updated) throw await this.whyNot(id, caller);
    await this.audit(caller, 'case.override', id, { from: before.disposition, to });
    return updated;
  }

  async resolve(caller: StaffCaller, id: string, note: string): Promise<CaseDoc> {
    await this.load(id);
    const resolved = await this.repos.cases.resolve(id, caller.user._id, note, isAdmin(caller));
    if (!resolved) throw await this.whyNot(id, caller);
    await this.releaseConversation(resolved);
    await this.audit(caller, 'case.resolve', id);
    return resolved;
  }

  async handback(caller: StaffCaller, id: string): Promise<CaseDoc> {
    const before = await this.load(id);
    if (before.status === 'open') throw conflict('Nobody holds this case.', 'not_claimed');
    const released = await this.repos.cases.release(id, caller.user._id, isAdmin(caller));
    if (!released) throw await this.whyNot(id, caller);
    await this.releaseConversation(released);
    await this.audit(caller, 'case.handback', id);
    return released;
  }

  async load(id: string): Promise<CaseDoc> {
    const doc = await this.repos.cases.get(id);
    if (!doc) throw notFound('No such case.');
    return doc;
  }

  /** A conditional update failed: say why, from the case as it is now. */
  private async whyNot(id: string, caller: StaffCaller): Promise<HttpError> {
    const now = await this.repos.cases.get(id);
    if (!now) return notFound('No such case.');
    if (now.status === 'resolved') return conflict('This case is resolved.', 'case_resolved');
    if (now.claimedBy && now.claimedBy !== caller.user._id) return conflict('Another staff member holds this case.', 'claimed_by_other');
    return conflict();
  }

  private async holdConversation(doc: CaseDoc, caller: StaffCaller): Promise<void> {
    const conversation = await this.repos.conversations.get(doc.conversationId);
    if (!conversation) return;
    const held = conversation.handoff;
    if (held?.caseId === doc._id && held.staffId === caller.user._id) return;
    await this.repos.conversations.setHandoff(doc.conversationId, { caseId: doc._id, staffId: caller.user._id, since: this.services.now() });
  }

  /** Only this case's hold is lifted: a newer case in the same conversation may be held by someone else. */
  private async releaseConversation(doc: CaseDoc): Promise<void> {
    const conversation = await this.repos.conversations.get(doc.conversationId);
    if (conversation?.handoff?.caseId === doc._id) await this.repos.conversations.setHandoff(doc.conversationId, null);
  }

  private async deliver(conversation: Parameters<ChannelSender['send']>[0], text: string, caller: StaffCaller): Promise<OutboundResult> {
    try {
      return await this.services.outbound.send(conversation, { text, from: 'staff', staffName: caller.user.displayName ?? undefined });
    } catch (err) {
      // A provider failure (e.g. Twilio down) is reported to the nurse, not turned into a 500.
      this.services.logger.error({ errName: (err as Error)?.name, channel: conversation.channel }, 'staff reply not delivered');
      return { delivered: false, reason: 'send_failed' };
    }
  }

  private async audit(caller: StaffCaller, action: AuditAction, caseId: string, detail?: Record<string, string | boolean>): Promise<void> {
    await this.repos.staff.audit.record({ action, actorId: caller.user._id, actorEmail: caller.user.email, caseId, detail: detail ?? null });
  }
}
