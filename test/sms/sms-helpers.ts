// Signing and reading Twilio webhook requests the way Twilio does, with twilio's own code.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { buildTestApp, type TestContext } from '../helpers/test-services';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
/** Twilio signs the URL it was configured with; the app sits behind a proxy on another host and scheme. */
export const PUBLIC_URL = 'https://clinic.example.org';
export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM_NUMBER: '+15550000100',
  PUBLIC_URL,
};

export function smsApp(env: Record<string, string | undefined> = {}): TestContext {
  return buildTestApp({ env: { ...TWILIO_ENV, ...env } });
}

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export function inboundParams(from: string, body: string, sid = messageSid()): Record<string, string> {
  return { AccountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID, MessageSid: sid, SmsMessageSid: sid, From: from, To: TWILIO_ENV.TWILIO_FROM_NUMBER, Body: body, NumMedia: '0' };
}

export function signature(path: string, params: Record<string, string>, token = AUTH_TOKEN, base = PUBLIC_URL): string {
  return twilio.getExpectedTwilioSignature(token, `${base}${path}`, params);
}

export function postSigned(app: Express, path: string, params: Record<string, string>): request.Test {
  return request(app).post(path).type('form').set('X-Twilio-Signature', signature(path, params)).send(params);
}

/** The text of the TwiML <Message>, XML entities decoded ('' when the reply has no message). */
export function messageText(twiml: string): string {
  const m = /<Message>([\s\S]*?)<\/Message>/.exec(twiml);
  if (!m) return '';
  return m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Sends one patient text and returns the SMS the patient gets back. */
export async function texts(app: Express, from: string, body: string): Promise<string> {
  const res = await postSigned(app, '/api/sms', inboundParams(from, body)).expect(200);
  expect(res.headers['content-type']).toMatch(/text\/xml/);
  return messageText(res.text);
}
