// The store lease that keeps turns of one conversation apart across instances, on every engine.
import type { Store } from '../../src/store/collection';
import { StoreLease, leasesCollection } from '../../src/store/lease';
import { engines } from './engines';

const FAST = { holdMs: 60_000, waitMs: 2_000, stepMs: 5 };
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(engines())('StoreLease on $name', (engine) => {
  let store: Store;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-01-01T00:00:00Z');
    store = await engine.create(() => clock);
    store.collection(leasesCollection);
    await store.init();
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs tasks on one key one at a time, even from two instances, and lets go after each', async () => {
    // Two instances: two leases over one store.
    const a = new StoreLease(store, () => clock, FAST);
    const b = new StoreLease(store, () => clock, FAST);
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await pause(30);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([a.run('k', task('a1')), b.run('k', task('b1')), a.run('k', task('a2')), b.run('other', task('other'))]);
    expect(results).toEqual(['a1', 'b1', 'a2', 'other']);
    const onK = events.filter((e) => !e.startsWith('other'));
    for (let i = 0; i < onK.length; i += 2) expect(onK[i + 1]).toBe(onK[i]!.replace('start', 'end'));
    // Another key is not held up by this one.
    expect(events.indexOf('other start')).toBeLessThan(events.indexOf('a1 end'));
    expect(await store.collection(leasesCollection).count({})).toBe(0);
  });

  it('lets go when the task fails', async () => {
    const lease = new StoreLease(store, () => clock, FAST);
    await expect(lease.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lease.run('k', () => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('takes over a lease whose holder died, and runs anyway (and says so) when the wait is over', async () => {
    const lease = new StoreLease(store, () => clock, { ...FAST, waitMs: 50 });
    // A crashed instance left its lease behind.
    await store.collection(leasesCollection).insertOne({ _id: 'k', owner: 'gone', expiresAt: new Date(clock.getTime() + 60_000) });
    const waitedOut = jest.fn();
    await expect(lease.run('k', () => Promise.resolve('ran'), waitedOut)).resolves.toBe('ran');
    expect(waitedOut).toHaveBeenCalledTimes(1);
    // The dead holder's lease is still there (ours was never taken) until its time is up.
    expect((await store.collection(leasesCollection).findOne({ _id: 'k' }))?.owner).toBe('gone');
    clock = new Date(clock.getTime() + 61_000);
    const onTime = jest.fn();
    await expect(lease.run('k', () => Promise.resolve('taken over'), onTime)).resolves.toBe('taken over');
    expect(onTime).not.toHaveBeenCalled();
  });
});
