import type { ChildProcess } from 'node:child_process';

/** How the stack restarts a component that exits on its own, as ECS replaces a stopped task. */
export interface SuperviseOptions {
  /** Wait before the second restart in a row (ms; the first is at once, as ECS replaces a task); doubles per failure. */
  initialDelayMs?: number;
  /** Longest wait between restarts (ms). */
  maxDelayMs?: number;
  /** A component up at least this long (ms) before it exits starts its back-off afresh. */
  resetAfterMs?: number;
  /** Where restart lines go (npm start: its console). */
  log?: (line: string) => void;
}

export const DEFAULT_SUPERVISION: Required<Omit<SuperviseOptions, 'log'>> = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  resetAfterMs: 30_000,
};

/** The wait before restart number `failures` (1-based) in a row: at once, then 0.5 s doubling to 10 s. */
export function backoffMs(failures: number, options: Required<Omit<SuperviseOptions, 'log'>>): number {
  if (failures <= 1) return 0;
  return Math.min(options.initialDelayMs * 2 ** (failures - 2), options.maxDelayMs);
}

/** How a process ended, as a log line shows it: `code 1`, `signal SIGKILL`. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code ?? 'unknown'}`;
}

interface Watched {
  child: ChildProcess;
  since: number;
}

/**
 * Watches each component's process and restarts it when it exits unasked. Exits the stack asks
 * for (`expect`) and everything after `close` are left alone. `start` spawns the component and
 * resolves once it is ready (rejects when it exits or is not ready).
 */
export class Supervisor {
  private readonly options: Required<Omit<SuperviseOptions, 'log'>>;
  private readonly log: (line: string) => void;
  private readonly expected = new WeakSet<ChildProcess>();
  private readonly failures = new Map<string, number>();
  private readonly restarts = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    options: SuperviseOptions,
    private readonly start: (name: string) => Promise<ChildProcess>,
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_SUPERVISION, ...withoutUndefined(options) };
    this.log = options.log ?? ((line) => console.log(line));
  }

  /** Restarts `name` whenever this process exits unasked. */
  watch(name: string, child: ChildProcess): void {
    const watched: Watched = { child, since: this.now() };
    child.once('exit', (code, signal) => this.exited(name, watched, code, signal));
  }

  /** The stack itself stops, kills or restarts `name`: no restart follows, a pending one is dropped. */
  expect(name: string, child: ChildProcess | undefined): void {
    if (child) this.expected.add(child);
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  /** How many times `name` was restarted by the supervisor. */
  restartCount(name: string): number {
    return this.restarts.get(name) ?? 0;
  }

  /** The stack stops: nothing is restarted from now on. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private exited(name: string, watched: Watched, code: number | null, signal: NodeJS.Signals | null) {
    if (this.closed || this.expected.has(watched.child)) return;
    const upMs = this.now() - watched.since;
    if (upMs >= this.options.resetAfterMs) this.failures.set(name, 0);
    this.schedule(name, exitReason(code, signal));
  }

  private schedule(name: string, why: string): void {
    const failures = (this.failures.get(name) ?? 0) + 1;
    this.failures.set(name, failures);
    const restart = (this.restarts.get(name) ?? 0) + 1;
    this.restarts.set(name, restart);
    const delay = backoffMs(failures, this.options);
    this.log(`${name} exited (${why}); restarting in ${delay} ms (restart #${restart})`);
    const timer = setTimeout(() => {
      this.timers.delete(name);
      void this.restart(name, restart);
    }, delay);
    this.timers.set(name, timer);
  }

  private async restart(name: string, restart: number): Promise<void> {
    if (this.closed) return;
    const began = this.now();
    try {
      const child = await this.start(name);
      if (this.closed) return;
      this.watch(name, child);
      this.log(`${name} is back (restart #${restart}, pid ${child.pid}, ready in ${this.now() - began} ms)`);
    } catch (error) {
      if (this.closed) return;
      const first = (error as Error).message.split('\n')[0] ?? 'failed';
      this.schedule(name, `did not start: ${first}`);
    }
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
