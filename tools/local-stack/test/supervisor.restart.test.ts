import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, DEFAULT_SUPERVISION, Supervisor } from '../src/supervisor.js';

// A process as the supervisor sees it: something that emits 'exit' once.
const fakeChild = () => new EventEmitter() as unknown as ChildProcess;
const exit = (child: ChildProcess, code: number | null, signal: string | null = null) =>
  (child as unknown as EventEmitter).emit('exit', code, signal);

let clock = 0;
let lines: string[];
let started: ChildProcess[];
let failNext: number;

function supervisor(): Supervisor {
  return new Supervisor(
    { log: (line) => lines.push(line) },
    async () => {
      if (failNext-- > 0) throw new Error('catalog exited (1):\nsome log');
      const child = fakeChild();
      started.push(child);
      return child;
    },
    () => clock,
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  lines = [];
  started = [];
  failNext = 0;
});
afterEach(() => vi.useRealTimers());

describe('the local stack supervisor', () => {
  it('When a component is killed, then it is restarted at once and says so', async () => {
    const s = supervisor();
    const first = fakeChild();
    s.watch('cart', first);
    exit(first, null, 'SIGKILL');
    expect(lines).toEqual(['cart exited (signal SIGKILL); restarting in 0 ms (restart #1)']);
    expect(started).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toHaveLength(1);
    expect(lines[1]).toMatch(/^cart is back \(restart #1/);
    expect(s.restartCount('cart')).toBe(1);
  });

  it('When it keeps failing, then the wait grows from 0.5 s, and after a long run it restarts at once again', async () => {
    const s = supervisor();
    const first = fakeChild();
    s.watch('orders', first);
    failNext = 2;
    exit(first, 1);
    await vi.advanceTimersByTimeAsync(0 + 500 + 1000);
    expect(lines.filter((l) => l.includes('restarting in')).map((l) => /in (\d+) ms/.exec(l)?.[1])).toEqual([
      '0',
      '500',
      '1000',
    ]);
    expect(lines[1]).toMatch(
      /orders exited \(did not start: catalog exited \(1\):\); restarting in 500 ms \(restart #2\)/,
    );
    expect(started).toHaveLength(1);
    clock += 30_000; // up long enough
    exit(started[0]!, 0);
    expect(lines.at(-1)).toBe('orders exited (code 0); restarting in 0 ms (restart #4)');
  });

  it('When the stack stops or kills a process itself, then nothing is restarted', async () => {
    const s = supervisor();
    const killed = fakeChild();
    const other = fakeChild();
    s.watch('orders', killed);
    s.watch('users', other);
    s.expect('orders', killed);
    exit(killed, null, 'SIGKILL');
    const crashed = fakeChild();
    s.watch('cart', crashed);
    exit(crashed, 1);
    s.close(); // the pending restart of cart is cancelled
    exit(other, 0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(started).toHaveLength(0);
    expect(lines).toEqual(['cart exited (code 1); restarting in 0 ms (restart #1)']);
  });
});

it('When the stack restarts a component itself while a restart is pending, then the pending one is dropped', async () => {
  const s = supervisor();
  const first = fakeChild();
  s.watch('cart', first);
  failNext = 1;
  exit(first, 1);
  await vi.advanceTimersByTimeAsync(0); // restart #1 fails: #2 is due in 500 ms
  s.expect('cart', undefined);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(started).toHaveLength(0);
});

it('restarts at once, then backs off 0.5 s doubling to 10 s', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, DEFAULT_SUPERVISION))).toEqual([
    0, 500, 1000, 2000, 4000, 8000, 10_000, 10_000,
  ]);
});
