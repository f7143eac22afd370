// Sends appointment reminders. Any number of instances may run: each reminder is claimed by one
// atomic update before it is sent, so two workers never send the same one. The message goes out
// on the patient's own channel (SMS for an SMS patient): the OutboundRegistry picks the sender
// from the conversation's channel. Logs carry ids and outcomes, never the message.
import { randomUUID } from 'node:crypto';
import type { OutboundRegistry } from '../channels/outbound';
import type { Clinic } from '../config/clinic';
import type { I18n } from '../i18n';
import type { Logger } from '../observability/logger';
import type { ConversationRepository } from '../repositories/conversations';
import { formatReference, type AppointmentDoc, type AppointmentRepository } from './appointments';
import { formatWhen, providerName } from './format';

export interface ReminderWorkerOptions {
  appointments: AppointmentRepository;
  conversations: ConversationRepository;
  outbound: OutboundRegistry;
  i18n: I18n;
  clinic: Clinic;
  logger: Logger;
  now?: () => Date;
  workerId?: string;
  intervalMs?: number;
  batchSize?: number;
  /** After a failed send, the reminder is tried again this much later. */
  retryMs?: number;
}

/** Reasons a send cannot succeed later either: recorded, not retried. */
const FINAL_REASONS = new Set(['opted_out', 'channel_not_configured', 'no_conversation']);

export class ReminderWorker {
  readonly workerId: string;
  private readonly now: () => Date;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = true;

  constructor(private readonly opts: ReminderWorkerOptions) {
    this.workerId = opts.workerId ?? `reminders-${randomUUID()}`;
    this.now = opts.now ?? (() => new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: claims due reminders and sends them. Returns how many were delivered. */
  async runOnce(): Promise<number> {
    const due = await this.opts.appointments.claimDueReminders(this.workerId, this.now(), this.opts.batchSize ?? 20);
    let delivered = 0;
    for (const appointment of due) if (await this.deliver(appointment)) delivered++;
    return delivered;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    // A new round starts only after the last one finished, so rounds never overlap within a worker.
    this.timer = setTimeout(() => {
      this.running = this.runOnce().catch((err: unknown) => {
        this.opts.logger.error({ errName: (err as Error)?.name, workerId: this.workerId }, 'reminder round failed');
        return 0;
      });
      void this.running.then(() => this.schedule(this.opts.intervalMs ?? 60_000));
    }, delayMs);
    this.timer.unref();
  }

  private async deliver(appointment: AppointmentDoc): Promise<boolean> {
    const { appointments, conversations, outbound, logger } = this.opts;
    const log = { appointmentId: appointment._id, workerId: this.workerId };
    try {
      const conversation = await conversations.get(appointment.conversationId);
      const result = conversation
        ? await outbound.send(conversation, { text: this.text(appointment), from: 'bot', channelData: { reminder: { appointmentId: appointment._id, reference: formatReference(appointment.reference), start: appointment.start.toISOString() } } })
        : { delivered: false, reason: 'no_conversation' };
      if (result.delivered || FINAL_REASONS.has(result.reason ?? '')) {
        await appointments.markReminderSent(appointment._id, this.workerId, result.delivered ? 'delivered' : (result.reason ?? 'not_delivered'));
        logger.info({ ...log, delivered: result.delivered, reason: result.reason }, 'appointment reminder');
        return result.delivered;
      }
      await this.retryLater(appointment, result.reason ?? 'not_delivered');
    } catch (err) {
      await this.retryLater(appointment, (err as Error)?.name ?? 'error');
    }
    return false;
  }

  private async retryLater(appointment: AppointmentDoc, reason: string): Promise<void> {
    this.opts.logger.warn({ appointmentId: appointment._id, workerId: this.workerId, reason }, 'appointment reminder not sent; will retry');
    await this.opts.appointments.releaseReminder(appointment._id, this.workerId, new Date(this.now().getTime() + (this.opts.retryMs ?? 5 * 60_000)));
  }

  private text(appointment: AppointmentDoc): string {
    const { clinic, i18n } = this.opts;
    return i18n.t(appointment.language)('booking:reminder', {
      when: formatWhen(appointment.start, appointment.language, appointment.timezone),
      provider: providerName(clinic, appointment.providerId),
      clinic: clinic.name,
      reference: formatReference(appointment.reference),
      clinicPhone: clinic.phone,
    });
  }
}
