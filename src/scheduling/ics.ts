// An appointment as an iCalendar file (RFC 5545) and the signed link that serves it. The file holds
// no PHI: only the clinic's name and address, the times and the reference. The link carries an
// HMAC of the reference, so nobody can fetch another patient's appointment by trying codes.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Clinic } from '../config/clinic';
import type { AppointmentDoc } from './appointments';
import { formatReference } from './appointments';

export interface IcsTexts {
  /** e.g. "Appointment at Riverside Family Clinic", already in the patient's language. */
  summary: string;
  /** e.g. "Reference K7M-Q4X. To cancel, …". */
  description: string;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** 20261127T140000Z */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line may hold 75 octets; continuation lines start with a space, so 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildIcs(appointment: AppointmentDoc, clinic: Pick<Clinic, 'name' | 'address'>, texts: IcsTexts, now: Date): string {
  const cancelled = appointment.status === 'cancelled';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//clinic-triage-bot//appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${appointment._id}@clinic-triage-bot`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(appointment.start)}`,
    `DTEND:${icsUtc(appointment.end)}`,
    `SUMMARY:${escapeText(texts.summary)}`,
    `DESCRIPTION:${escapeText(texts.description)}`,
    ...(clinic.address ? [`LOCATION:${escapeText(`${clinic.name}, ${clinic.address}`)}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    // A reschedule keeps the UID; the sequence tells calendars which version is newer.
    `SEQUENCE:${appointment.sequence}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function icsFileName(reference: string): string {
  return `appointment-${formatReference(reference)}.ics`;
}

/** Signs and checks .ics links. The key is derived from DATA_KEY, so no new secret is needed. */
export class IcsLinkSigner {
  private readonly key: Buffer;

  constructor(
    dataKey: Buffer,
    private readonly publicUrl: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'ics-link', 32));
  }

  sign(reference: string): string {
    return createHmac('sha256', this.key).update(`ics:${reference}`).digest('base64url');
  }

  verify(reference: string, signature: unknown): boolean {
    if (typeof signature !== 'string') return false;
    const expected = Buffer.from(this.sign(reference));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  url(reference: string): string {
    return `${this.publicUrl}/appointments/${reference}.ics?sig=${this.sign(reference)}`;
  }
}

/**
 * The signer for a config. The oldest data key signs (like the lookup hashes), so links already
 * sent stay valid while an operator rotates DATA_KEY.
 */
export function icsLinkSigner(config: { dataKeys: Buffer[]; publicUrl: string }): IcsLinkSigner {
  return new IcsLinkSigner(config.dataKeys[config.dataKeys.length - 1]!, config.publicUrl);
}
