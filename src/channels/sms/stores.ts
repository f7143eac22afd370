// The SMS channel's own collections, built over the shared store. Routes and the outbound sender
// are created in different places (app vs services); both build these over the same store.
import type { Store } from '../../store/collection';
import type { FieldCipher } from '../../security/field-cipher';
import { SmsDeliveryLog } from './delivery-log';
import { SmsInboundLog } from './inbound-log';
import { SmsOptOutRepository } from './opt-outs';

export const SMS_CHANNEL = 'sms';

export interface SmsStores {
  optOuts: SmsOptOutRepository;
  inbound: SmsInboundLog;
  deliveries: SmsDeliveryLog;
}

/** @param inboundWaitMs how long a duplicate webhook waits for the first one's reply (the webhook's answer budget). */
export function smsStores(store: Store, cipher: FieldCipher, retentionMs: number, now: () => Date, inboundWaitMs?: number): SmsStores {
  return {
    optOuts: new SmsOptOutRepository(store, now),
    inbound: new SmsInboundLog(store, cipher, now, inboundWaitMs),
    deliveries: new SmsDeliveryLog(store, retentionMs, now),
  };
}

/** The channel's conversation id for a phone number: its keyed hash, so the number never shows in ids or logs. */
export function smsConversationId(phoneHash: string): string {
  return `sms-${phoneHash}`;
}
