import { currentContext } from '@shopeasy/service-kit/context';
import { DeadlineExceededError, ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import type { PasswordHasher } from './passwords.js';

/** Every hashing slot is taken and the waiting line is full: 503 with Retry-After at once. */
export class HashingBusyError extends ServiceUnavailableError {
  constructor() {
    super('Too many sign-ins and registrations at once; retry shortly.', 1);
  }
}

export interface HashingLimits {
  /** Hashes computed at once (each takes one libuv pool thread and 128 * N * r bytes). */
  concurrency: number;
  /** Hashes that may wait for a slot; one more is refused with HashingBusyError. */
  maxWaiting: number;
}

export interface HashingQueue {
  /** Runs `task` when a slot is free; rejects at once with HashingBusyError when the line is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A bounded line in front of the hashing: scrypt runs on Node's small thread pool, and an
 * unbounded burst would make every login wait behind it. Whatever does not fit is refused at
 * once, and a waiter whose request has already been answered (deadline passed) is skipped.
 */
export function createHashingQueue(limits: HashingLimits): HashingQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };
  const slot = (): Promise<void> => {
    if (running < limits.concurrency) {
      running += 1;
      return Promise.resolve();
    }
    if (waiting.length >= limits.maxWaiting) return Promise.reject(new HashingBusyError());
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    async run(task) {
      await slot();
      try {
        const deadline = currentContext()?.deadline;
        if (deadline !== undefined && deadline <= Date.now()) throw new DeadlineExceededError();
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** The hasher with every scrypt computation going through `queue`. */
export function queuedHasher(hasher: PasswordHasher, queue: HashingQueue): PasswordHasher {
  return {
    hash: (password) => queue.run(() => hasher.hash(password)),
    verify: (password, stored) => queue.run(() => hasher.verify(password, stored)),
    verifyNothing: (password) => queue.run(() => hasher.verifyNothing(password)),
    needsRehash: (stored) => hasher.needsRehash(stored),
  };
}
