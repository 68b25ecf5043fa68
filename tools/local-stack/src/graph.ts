/** One step of bringing the stack up: it runs once every step it needs has finished. */
export interface Step {
  name: string;
  needs: readonly string[];
  /** Resolves when the step is done (a component: ready); stops early when `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
}

/** When a step started and finished, in ms from the start of the stack. */
export interface StepTiming {
  name: string;
  startMs: number;
  endMs: number;
}

/**
 * Runs every step as soon as all it needs have finished, all the others at the same time; steps
 * start in list order, so list first those whose start (a spawn) should happen first. The first
 * failure (or `signal` aborting) aborts the steps still running, waits until they have settled (so
 * nothing is spawned after the caller cleans up) and is rethrown. Returns when each step ran, in
 * the order they ended.
 */
export async function runSteps(
  steps: readonly Step[],
  origin = performance.now(),
  signal?: AbortSignal,
): Promise<StepTiming[]> {
  const byName = new Map(steps.map((s) => [s.name, s]));
  checkGraph(steps, byName);
  const controller = new AbortController();
  const timings: StepTiming[] = [];
  let failure: { error: unknown } | undefined;
  const cancel = () => {
    failure ??= { error: signal?.reason };
    controller.abort();
  };
  signal?.throwIfAborted();
  signal?.addEventListener('abort', cancel, { once: true });
  const started = new Map<string, Promise<void>>();
  const start = (step: Step): Promise<void> => {
    const existing = started.get(step.name);
    if (existing) return existing;
    const run = (async () => {
      await Promise.all(step.needs.map((name) => start(byName.get(name)!)));
      controller.signal.throwIfAborted();
      const startMs = performance.now() - origin;
      await step.run(controller.signal);
      timings.push({ name: step.name, startMs, endMs: performance.now() - origin });
    })();
    started.set(step.name, run);
    run.catch((error: unknown) => {
      failure ??= { error };
      controller.abort();
    });
    return run;
  };
  await Promise.allSettled(steps.map(start));
  signal?.removeEventListener('abort', cancel);
  if (failure) throw failure.error;
  return timings;
}

function checkGraph(steps: readonly Step[], byName: ReadonlyMap<string, Step>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: Step, path: string[]) => {
    if (state.get(step.name) === 'done') return;
    if (state.get(step.name) === 'visiting')
      throw new Error(`Start steps wait on each other: ${path.join(' → ')}`);
    state.set(step.name, 'visiting');
    for (const name of step.needs) {
      const need = byName.get(name);
      if (!need) throw new Error(`${step.name} needs ${name}, which this stack does not start`);
      visit(need, [...path, name]);
    }
    state.set(step.name, 'done');
  };
  for (const step of steps) visit(step, [step.name]);
}

/** One line for people: each step's start and end in seconds, e.g. `users 2.1→4.3`, in start order. */
export function formatTimings(timings: readonly StepTiming[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return [...timings]
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)
    .map((t) => `${t.name} ${s(t.startMs)}→${s(t.endMs)}`)
    .join(' · ');
}
