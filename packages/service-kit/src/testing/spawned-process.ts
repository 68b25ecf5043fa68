import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** One JSON log line of a spawned process. */
export type LogLine = { msg?: string; message?: string; url?: string } & Record<string, unknown>;

/** A TypeScript entry running as its own process, as `npm start` runs it. */
export interface SpawnedProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** The first log line with this message (pino `msg`, Powertools `message`); rejects on exit or timeout. */
  logged(msg: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

const alive = new Set<ChildProcess>();

/**
 * Spawns `node --conditions=source --import tsx <entry>` in `cwd` with `env` over this process's
 * environment, collecting its JSON log lines from stdout and stderr (other lines pass through).
 */
export function spawnEntry(cwd: string, entry: string, env: Record<string, string>): SpawnedProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  const logs: LogLine[] = [];
  const waiting = new Set<() => void>();
  const read = (line: string, other: NodeJS.WriteStream) => {
    try {
      logs.push(JSON.parse(line) as LogLine);
    } catch {
      other.write(`${line}\n`); // not a log line: a warning or a crash, shown as it is
      return;
    }
    for (const check of waiting) check();
  };
  createInterface({ input: child.stdout! }).on('line', (line) => read(line, process.stdout));
  // Powertools writes warnings and errors to stderr.
  createInterface({ input: child.stderr! }).on('line', (line) => read(line, process.stderr));
  const logged = (msg: string, timeoutMs = 20_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no "${msg}" logged in ${timeoutMs} ms`)), timeoutMs);
      const exited = () => done(new Error(`exited (${child.exitCode ?? child.signalCode}) before "${msg}"`));
      const check = () => {
        const line = logs.find((l) => (l.msg ?? l.message) === msg);
        if (line) done(undefined, line);
      };
      let settled = false;
      function done(error?: Error, line?: LogLine) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        waiting.delete(check);
        child.off('exit', exited);
        if (line) resolve(line);
        else reject(error ?? new Error('no line'));
      }
      waiting.add(check);
      child.once('exit', exited);
      check();
      if (child.exitCode !== null || child.signalCode !== null) exited();
    });
  return {
    child,
    logs,
    logged,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = once(child, 'exit');
      child.kill('SIGKILL');
      await exit;
    },
  };
}

/** SIGKILLs every spawned process still running (afterAll, also after a failed test). */
export async function killSpawned(): Promise<void> {
  await Promise.all(
    [...alive].map(async (child) => {
      const exit = once(child, 'exit');
      child.kill('SIGKILL');
      await exit;
    }),
  );
}
