import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createHashingQueue, HashingBusyError } from '../src/domain/hashing-queue.js';

/** A task that runs until `finish()` is called, counting how many such tasks run at once. */
function gate() {
  let running = 0;
  let most = 0;
  const opened: (() => void)[] = [];
  const task = () => {
    running += 1;
    most = Math.max(most, running);
    return new Promise<void>((resolve) => opened.push(resolve)).finally(() => (running -= 1));
  };
  const finish = async () => {
    opened.splice(0).forEach((open) => open());
    await sleep(0);
  };
  return { task, finish, most: () => most, started: () => opened.length };
}

describe('hashing queue', () => {
  it('When slots and waiting places are all taken, then one more hash is refused at once with 503 and Retry-After', async () => {
    const queue = createHashingQueue({ concurrency: 2, maxWaiting: 1 });
    const work = gate();
    const admitted = [queue.run(work.task), queue.run(work.task), queue.run(work.task)];

    const refused = await queue.run(work.task).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(HashingBusyError);
    expect(refused).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    for (let i = 0; i < 3; i += 1) await work.finish();
    await Promise.all(admitted);
  });

  it('When more hashes wait than run, then never more than the concurrency run at once and all finish', async () => {
    const queue = createHashingQueue({ concurrency: 2, maxWaiting: 10 });
    const work = gate();
    const all = Promise.all(Array.from({ length: 7 }, () => queue.run(work.task)));
    await sleep(0);

    expect(work.started()).toBe(2);
    for (let i = 0; i < 4; i += 1) await work.finish();
    await all;
    expect(work.most()).toBe(2);
  });

  it('When a hash finishes or fails, then its slot goes to the next waiter', async () => {
    const queue = createHashingQueue({ concurrency: 1, maxWaiting: 1 });
    const failing = queue.run(() => Promise.reject(new Error('scrypt failed')));
    const next = queue.run(() => Promise.resolve('hashed'));

    await expect(failing).rejects.toThrow('scrypt failed');
    expect(await next).toBe('hashed');
    expect(await queue.run(() => Promise.resolve('again'))).toBe('again');
  });
});
