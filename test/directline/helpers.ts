// Shared steps for the Direct Line route tests: a token, a started conversation, a posted activity.
import request from 'supertest';
import type { App } from 'supertest/types';

export const DL = '/v3/directline';

export interface Opened {
  conversationId: string;
  token: string;
}

export async function openConversation(app: App): Promise<Opened> {
  const generated = await request(app).post(`${DL}/tokens/generate`).expect(200);
  const started = await request(app).post(`${DL}/conversations`).set('Authorization', `Bearer ${generated.body.token}`).expect(201);
  return { conversationId: started.body.conversationId, token: started.body.token };
}

export function post(app: App, c: Opened, activity: Record<string, unknown>): request.Test {
  return request(app).post(`${DL}/conversations/${c.conversationId}/activities`).set('Authorization', `Bearer ${c.token}`).send(activity);
}

export function get(app: App, c: Opened, watermark?: string): request.Test {
  const q = watermark === undefined ? '' : `?watermark=${watermark}`;
  return request(app).get(`${DL}/conversations/${c.conversationId}/activities${q}`).set('Authorization', `Bearer ${c.token}`);
}

export const message = (text: string, clientActivityID?: string): Record<string, unknown> => ({
  type: 'message',
  from: { id: 'patient-1' },
  text,
  locale: 'en-US',
  ...(clientActivityID ? { channelData: { clientActivityID } } : {}),
});

export const startEvent = { type: 'event', name: 'startConversation', from: { id: 'patient-1' }, locale: 'en' };
