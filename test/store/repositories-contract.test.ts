// Repositories and the Bot Framework Storage over every engine: eTag concurrency, encryption at
// rest (read back from the raw stored document), transcript ordering and retention.
import { randomBytes } from 'node:crypto';
import { botStateCollection, EtagConflictError, StoreBotStorage } from '../../src/store/bot-storage';
import type { Store } from '../../src/store/collection';
import { ConversationRepository, conversationsCollection } from '../../src/repositories/conversations';
import { TranscriptRepository, transcriptsCollection } from '../../src/repositories/transcripts';
import { CaseRepository, casesCollection } from '../../src/repositories/cases';
import { FieldCipher } from '../../src/security/field-cipher';
import { indexRules } from '../../src/store/schema-rules';
import { engines } from './engines';

const DAY = 24 * 3600 * 1000;

describe.each(engines())('repositories on $name', (engine) => {
  let store: Store;
  let clock: Date;
  const cipher = new FieldCipher([randomBytes(32)]);
  beforeEach(async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    store = await engine.create(() => clock);
  });
  afterEach(async () => store.close());

  describe('bot storage', () => {
    it('reads back what it wrote, with an eTag', async () => {
      const storage = new StoreBotStorage(store, cipher, DAY, () => clock);
      await storage.write({ 'webchat/conversations/c1/': { patient: { consent: 'given' } } });
      const read = await storage.read(['webchat/conversations/c1/', 'missing']);
      expect(read['webchat/conversations/c1/']).toMatchObject({ patient: { consent: 'given' } });
      expect(read['webchat/conversations/c1/'].eTag).toEqual(expect.any(String));
      expect(read.missing).toBeUndefined();
    });

    it('rejects a write carrying a stale eTag and keeps the newer state', async () => {
      const storage = new StoreBotStorage(store, cipher, DAY, () => clock);
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k;
      const second = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, v: 2 } });
      await expect(storage.write({ k: { ...second, v: 3 } })).rejects.toBeInstanceOf(EtagConflictError);
      expect((await storage.read(['k'])).k.v).toBe(2);
      // '*' overwrites whatever is there.
      await storage.write({ k: { v: 4, eTag: '*' } });
      expect((await storage.read(['k'])).k.v).toBe(4);
    });

    it('stores state encrypted, never in clear', async () => {
      const storage = new StoreBotStorage(store, cipher, DAY, () => clock);
      await storage.write({ k: { said: 'crushing chest pain, Jane Doe 555-0199' } });
      const raw = await store.collection(botStateCollection).findOne({ _id: 'k' });
      expect(raw?.data).toMatch(/^v1\./);
      expect(JSON.stringify(raw)).not.toContain('chest');
      expect(JSON.stringify(raw)).not.toContain('Jane');
    });

    it('deletes', async () => {
      const storage = new StoreBotStorage(store, cipher, DAY, () => clock);
      await storage.write({ k: { v: 1 } });
      await storage.delete(['k']);
      expect(await storage.read(['k'])).toEqual({});
    });
  });

  describe('conversations and transcripts', () => {
    it('appends in order with gap-free sequence numbers under concurrency, encrypted at rest', async () => {
      const conversations = new ConversationRepository(store, cipher, 30 * DAY, () => clock);
      const transcripts = new TranscriptRepository(store, conversations, cipher, () => clock);
      await conversations.touch('webchat:abc', 'webchat', { address: '+15550100' });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          transcripts.append('webchat:abc', [{ type: 'message', channelId: 'webchat', conversation: { id: 'abc' }, from: { id: 'u', role: 'user' }, text: `message ${i} from Jane` }]),
        ),
      );
      const all = await transcripts.since('webchat:abc', 0);
      expect(all.map((a) => a.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await transcripts.since('webchat:abc', 18)).map((a) => a.seq)).toEqual([19, 20]);
      const raw = await store.collection(transcriptsCollection).find({ conversationId: 'webchat:abc' });
      expect(JSON.stringify(raw)).not.toContain('Jane');
      const rawConversation = await store.collection(conversationsCollection).findOne({ _id: 'webchat:abc' });
      expect(JSON.stringify(rawConversation)).not.toContain('5550100');
      expect(conversations.address(rawConversation!)).toBe('+15550100');
    });

    it('reserves the inbound sequence number in the touch itself, without gaps or clashes', async () => {
      const conversations = new ConversationRepository(store, cipher, 30 * DAY, () => clock);
      const transcripts = new TranscriptRepository(store, conversations, cipher, () => clock);
      const msg = (text: string) => ({ type: 'message', channelId: 'webchat', conversation: { id: 'r' }, from: { id: 'u', role: 'user' as const }, text });
      // A new conversation starts its numbering at the reservation; a touch that reserves nothing keeps it.
      const first = await conversations.touch('webchat:r', 'webchat', { reserveSeq: 1 });
      expect(first.seq).toBe(1);
      expect(first.channel).toBe('webchat');
      await transcripts.append('webchat:r', [msg('hello')], first.seq);
      expect((await conversations.touch('webchat:r', 'webchat')).seq).toBe(1);
      await transcripts.append('webchat:r', [msg('bot reply'), msg('second reply')]);
      const again = await conversations.touch('webchat:r', 'webchat', { reserveSeq: 1 });
      expect(again.seq).toBe(4);
      await transcripts.append('webchat:r', [msg('next')], again.seq);
      expect((await transcripts.since('webchat:r', 0)).map((a) => [a.seq, a.text])).toEqual([
        [1, 'hello'],
        [2, 'bot reply'],
        [3, 'second reply'],
        [4, 'next'],
      ]);
    });

    it('lets an idle conversation expire after the retention period', async () => {
      const conversations = new ConversationRepository(store, cipher, DAY, () => clock);
      await conversations.touch('sms:x', 'sms');
      // The TTL index exists on both engines; memory applies it at once.
      const rules = indexRules(conversationsCollection.schema);
      expect(rules.find((r) => r.expireAfterSeconds === 0)?.fields).toEqual(['expiresAt']);
      if (engine.name === 'memory') {
        clock = new Date(clock.getTime() + 2 * DAY);
        expect(await conversations.get('sms:x')).toBeNull();
      }
    });
  });

  describe('cases', () => {
    it('lists most urgent first, then oldest, and escalates only urgent and emergency', async () => {
      const cases = new CaseRepository(store, cipher, () => clock);
      const base = { channel: 'webchat', language: 'en' as const, protocol: 'p', reasons: [{ code: 'r', text: 't' }], findings: [], handoverNote: 'S: Jane', handoverSource: 'template' as const };
      const routine = await cases.create({ ...base, conversationId: 'a', disposition: 'urgent' });
      clock = new Date(clock.getTime() + 1000);
      const emergency = await cases.create({ ...base, conversationId: 'b', disposition: 'emergency' });
      clock = new Date(clock.getTime() + 1000);
      await cases.create({ ...base, conversationId: 'c', disposition: 'urgent' });
      const selfCare = await cases.create({ ...base, conversationId: 'd', disposition: 'self_care' });
      const open = await cases.list({ status: 'open' });
      expect(open.map((c) => c.conversationId)).toEqual(['b', 'a', 'c']);
      expect(emergency.escalated && !selfCare.escalated && selfCare.status === 'resolved').toBe(true);
      expect(routine.handoverNote).not.toContain('Jane');
      expect(cases.handoverNote(routine)).toBe('S: Jane');
      await expect(cases.create({ ...base, conversationId: 'e', disposition: 'urgent', reasons: [] })).rejects.toThrow();
      expect(await store.collection(casesCollection).count({})).toBe(4);
    });
  });
});
