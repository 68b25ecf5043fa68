import { describe, expect, it } from 'vitest';
import { formatTimings, runSteps, type Step } from '../src/graph.js';

/** A step that finishes when the test says so, recording when it started and how it ended. */
function controlled(name: string, needs: string[] = []) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const step = {
    name,
    needs,
    started: false,
    aborted: false,
    run: (signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        step.started = true;
        finish = resolve;
        fail = reject;
        signal.addEventListener('abort', () => {
          step.aborted = true;
          reject(signal.reason as Error);
        });
      }),
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
  return step satisfies Step;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('start steps as a graph', () => {
  it('When steps need others, then each starts once all it needs have finished, and the others at once', async () => {
    const emulator = controlled('emulator');
    const gateway = controlled('gateway');
    const provision = controlled('provision', ['emulator']);
    const users = controlled('users', ['provision']);
    const seed = controlled('seed', ['provision', 'gateway']);
    const done = runSteps([emulator, gateway, provision, users, seed]);

    await tick();
    expect([emulator.started, gateway.started, provision.started]).toEqual([true, true, false]);
    emulator.finish();
    await tick();
    expect([provision.started, users.started]).toEqual([true, false]);
    provision.finish();
    await tick();
    expect([users.started, seed.started]).toEqual([true, false]);
    gateway.finish();
    await tick();
    expect(seed.started).toBe(true);
    users.finish();
    seed.finish();

    const timings = await done;
    expect(timings.map((t) => t.name).sort()).toEqual(['emulator', 'gateway', 'provision', 'seed', 'users']);
    for (const t of timings) expect(t.endMs).toBeGreaterThanOrEqual(t.startMs);
    expect(formatTimings(timings)).toMatch(/^emulator 0\.0→\d+\.\d · gateway 0\.0→/);
  });

  it('When a step fails, then the running ones are aborted, nothing that needs it starts, and its error is thrown once all have settled', async () => {
    const emulator = controlled('emulator');
    const gateway = controlled('gateway');
    const provision = controlled('provision', ['emulator']);
    const done = runSteps([emulator, gateway, provision]);
    await tick();

    emulator.fail(new Error('emulator did not start'));
    await expect(done).rejects.toThrow('emulator did not start');
    expect(gateway.aborted).toBe(true);
    expect(provision.started).toBe(false);
  });

  it('When the caller aborts, then the running steps are aborted and its reason is thrown', async () => {
    const controller = new AbortController();
    const users = controlled('users');
    const done = runSteps([users], performance.now(), controller.signal);
    await tick();

    controller.abort(new Error('Ctrl-C'));
    await expect(done).rejects.toThrow('Ctrl-C');
    expect(users.aborted).toBe(true);
  });

  it('When a step needs one that is not started, or steps wait on each other, then nothing runs', async () => {
    const orphan = controlled('cart', ['catalog']);
    await expect(runSteps([orphan])).rejects.toThrow('cart needs catalog, which this stack does not start');
    const a = controlled('a', ['b']);
    const b = controlled('b', ['a']);
    await expect(runSteps([a, b])).rejects.toThrow('Start steps wait on each other: a → b → a');
    expect([orphan.started, a.started, b.started]).toEqual([false, false, false]);
  });
});
