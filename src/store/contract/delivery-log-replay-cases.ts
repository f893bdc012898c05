// Contract: replayDeliveries — new pending jobs for the same event and mapping, in per-person order (R17).
import { describe, expect, it } from 'vitest';
import { NO_MATCH, ORDERS, settle } from './delivery-log-fixtures.js';
import { at, configured, DAY, finished, HOUR, MINUTE, newEvent, numbersOf, retry, T0, useStore, type OpenStore } from './fixtures.js';

export function replayCases(open: OpenStore) {
  describe('replayDeliveries', () => {
    const store = useStore(open);

    it('queues a new job for the same event and mapping, due now, and leaves the original as it was', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { jobs: [ORDERS] })]);
      const original = await settle(s, 1, finished('rejected'), T0, 'orders');
      const before = await s.getDelivery(original);
      const now = at(3 * DAY);
      const [replay] = await s.replayDeliveries([original], now);
      expect(replay).toEqual(expect.any(Number));
      expect(await s.getDelivery(original)).toEqual({ ...before, replayedBy: replay });
      expect(await s.getDelivery(replay!)).toMatchObject({
        mappingName: 'orders',
        action: 'trackEvent',
        personKey: 'ann',
        messageId: 'message-1',
        state: 'pending',
        attempts: 0,
        queuedAt: now,
        finishedAt: null,
        nextAttemptAt: now,
        replayOf: original,
        replayedBy: null,
        attemptsDetail: [],
      });
      expect(await s.leaseJobs('d1', 10, MINUTE, at(3 * DAY - 1))).toEqual([]);
      const [leased] = await s.leaseJobs('d1', 10, MINUTE, now);
      // The max age of R18 counts from queuedAt: the replay gets a whole retry window.
      expect(leased).toMatchObject({ id: replay, mappingName: 'orders', eventReceivedAt: T0, queuedAt: now, attempts: 0, giveUpAt: null });
      expect(await s.jobStateCounts('d1')).toEqual({ rejected: 1, leased: 1 });
    });

    it("waits behind the person's unfinished jobs, and leads when there are none", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
      const ann1 = await settle(s, 1, finished('rejected'));
      const bob2 = await settle(s, 2, finished('rejected'));
      await s.insertEvents([newEvent(3, 'ann', { at: at(MINUTE) })]);
      await s.replayDeliveries([ann1, bob2], at(2 * MINUTE));
      const first = await s.leaseJobs('d1', 10, MINUTE, at(2 * MINUTE));
      expect(numbersOf(first)).toEqual([3, 2]);
      await s.finishJob(first[0]!.id, finished('delivered'), at(2 * MINUTE));
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, at(2 * MINUTE)))).toEqual([1]);
    });

    it("replays one person's jobs in their original order, whatever order the ids come in", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann', { at: at(1) })]);
      const one = await settle(s, 1, finished('rejected'));
      const two = await settle(s, 2, finished('rejected'), at(1));
      const replays = await s.replayDeliveries([two, one, two], at(HOUR));
      expect(replays).toHaveLength(2);
      const order: number[] = [];
      for (let job = (await s.leaseJobs('d1', 10, MINUTE, at(HOUR)))[0]; job; job = (await s.leaseJobs('d1', 10, MINUTE, at(HOUR)))[0]) {
        order.push(job.event.n as number);
        await s.finishJob(job.id, finished('delivered'), at(HOUR));
      }
      expect(order).toEqual([1, 2]);
    });

    it('skips unknown, unfinished and filtered jobs, and jobs whose replay is still waiting', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob'), newEvent(3, 'cy', { jobs: [NO_MATCH] })]);
      const ann1 = await settle(s, 1, finished('rejected'));
      await settle(s, 2, retry(at(HOUR)));
      const { items } = await s.listDeliveries({ destinationId: 'd1' });
      const [filtered, bob2] = items.map((d) => d.id);
      expect(await s.replayDeliveries([bob2!, filtered!, 9_999], at(MINUTE))).toEqual([]);
      const [replay] = await s.replayDeliveries([ann1], at(MINUTE));
      expect(await s.replayDeliveries([ann1], at(MINUTE))).toEqual([]);
      expect(await s.replayDeliveries([replay!], at(MINUTE))).toEqual([]);
      // Once the replay has finished, the original may be replayed again (a user asked for it).
      await settle(s, 1, finished('rejected'), at(MINUTE));
      expect(await s.replayDeliveries([ann1], at(2 * MINUTE))).toHaveLength(1);
    });

    it('lists replayed jobs apart, so a bulk replay takes only the newest of each chain', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
      const ann1 = await settle(s, 1, finished('rejected'));
      const bob2 = await settle(s, 2, finished('rejected'));
      const [replay] = await s.replayDeliveries([ann1], at(MINUTE));
      await settle(s, 1, finished('rejected'), at(MINUTE));
      const notReplayed = await s.listDeliveries({ destinationId: 'd1', states: ['rejected'], replayed: false });
      expect(notReplayed.items.map((d) => d.id)).toEqual([replay, bob2]);
      const replayed = await s.listDeliveries({ destinationId: 'd1', replayed: true });
      expect(replayed.items.map((d) => [d.id, d.replayedBy])).toEqual([[ann1, replay]]);
    });
  });
}
