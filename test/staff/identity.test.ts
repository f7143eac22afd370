// The patient's identity and call-back number in the case view: decrypted only there (stored
// encrypted, never logged), the number the patient gave first, else the number an SMS patient
// texts from; nothing when neither is known.
import { NURSE, buildStaffApp, giveIdentity, seedCase, signIn } from './helpers';

describe('identity and call-back in the case view', () => {
  it('shows what the patient gave, decrypted, with the number to call; it is stored encrypted and never logged', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx);
    await giveIdentity(ctx, id, { name: 'Ana Pérez', dateOfBirth: '1961-04-09', phone: '+1 555 010 2030' });
    expect(JSON.stringify(await ctx.services.repos.cases.get(id))).not.toMatch(/Ana|1961|010 2030/);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.body.identity).toEqual({ name: 'Ana Pérez', dateOfBirth: '1961-04-09', phone: '+1 555 010 2030' });
    expect(res.body.callBack).toEqual({ phone: '+1 555 010 2030', from: 'patient' });
    // The queue shows none of it.
    expect(JSON.stringify((await nurse.agent.get('/api/staff/cases').expect(200)).body)).not.toMatch(/Ana|1961|010 2030/);
    expect(ctx.logs.text).not.toMatch(/Ana|1961|010 2030/);
  }, 60_000);

  it('for an SMS patient who gave no number, the number they text from', async () => {
    const ctx = await buildStaffApp();
    const key = 'sms:conv-identity-test';
    await ctx.services.repos.conversations.touch(key, 'sms', { language: 'en', address: '+15550109999' });
    const id = await seedCase(ctx, { conversationId: key, channel: 'sms' });
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.body).toMatchObject({ identity: null, callBack: { phone: '+15550109999', from: 'channel' } });
  }, 60_000);

  it('nothing when the patient gave nothing and the channel has no number', async () => {
    const ctx = await buildStaffApp();
    const id = await seedCase(ctx);
    const nurse = await signIn(ctx, NURSE);
    const res = await nurse.agent.get(`/api/staff/cases/${id}`).expect(200);
    expect(res.body).toMatchObject({ identity: null, callBack: null });
  }, 60_000);
});
