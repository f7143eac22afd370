// The limits on guessing booking references hold under concurrency: the count is taken before the
// look-up, atomically, so many chats guessing at once cannot all slip through one check.
import { DEFAULT_REFERENCE_POLICY, ReferenceGuard } from '../../src/scheduling/reference-guard';
import { MemoryStore } from '../../src/store/memory-engine';

describe('ReferenceGuard', () => {
  const now = () => new Date('2026-11-25T10:20:00Z');

  it('lets exactly the clinic-wide limit through when many chats guess at the same moment', async () => {
    const guard = new ReferenceGuard(new MemoryStore(now), now, { ...DEFAULT_REFERENCE_POLICY, perClinicHour: 200 });
    const allowed = await Promise.all(Array.from({ length: 400 }, (_, i) => guard.reserve(`webchat:guesser-${i}`, 1)));
    expect(allowed.filter(Boolean)).toHaveLength(200);
  });

  it('counts every code of a message, and gives back the ones that found an appointment', async () => {
    const guard = new ReferenceGuard(new MemoryStore(now), now, { ...DEFAULT_REFERENCE_POLICY, perConversation: 5 });
    expect(await guard.reserve('sms:x', 2)).toBe(true); // 2
    expect(await guard.reserve('sms:x', 2)).toBe(true); // 4
    await guard.refund('sms:x', 1); // one of them was a real booking: 3
    expect(await guard.reserve('sms:x', 2)).toBe(true); // 5
    expect(await guard.reserve('sms:x', 1)).toBe(false); // 6 > 5
    // Another chat is not held up by this one.
    expect(await guard.reserve('sms:y', 1)).toBe(true);
  });
});
