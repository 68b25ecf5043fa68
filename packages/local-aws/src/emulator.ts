import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './repo-root.js';

export interface StartEmulatorOptions {
  /** Port to listen on; 0 picks a free port. Default 4566. */
  readonly port?: number;
  /**
   * Directory for the emulator's log file (kept). Without it, the log goes to the system temp
   * directory and is removed when the emulator stops. The emulator keeps its data in memory.
   */
  readonly dataDir?: string;
  /** Keep the emulator running after this process exits (used by `aws-local up`). */
  readonly detached?: boolean;
}

export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** Stops the emulator by PID and resolves once the process has exited. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;

/** The Python of the project's environment (.venv, from requirements-dev.txt), which runs the emulator. */
export function emulatorPython(root = repoRoot()): string {
  return join(root, '.venv', 'bin', 'python');
}

/**
 * The emulator: moto's server application on waitress, with DynamoDB requests taken one at a time
 * and DynamoDB's cost following the work (see python/serve.py for why). Not moto's own
 * `moto_server`, which only the tests start, as the reference the emulator is compared with.
 */
const SERVE_SCRIPT = fileURLToPath(new URL('../python/serve.py', import.meta.url));

/** Whether an HTTP server answers at the endpoint (moto, or LocalStack when pointed there). */
export async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    // moto's dashboard page: data.json would serialise every item the emulator holds (0.3 s and
    // more once the catalog is seeded); any HTTP answer will do.
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Emulators of this process that must not outlive it, even when it exits without stopping them. */
const attached = new Set<number>();
process.on('exit', () => {
  for (const pid of attached) signal(pid, 'SIGKILL');
});

/** Starts the emulator (python/serve.py) on 127.0.0.1 and waits until it answers. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  if (options.port !== 0) return startOn(options.port ?? 4566, options);
  // A free port can be taken between probing and binding; try a fresh one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), options);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startOn(port: number, options: StartEmulatorOptions): Promise<Emulator> {
  const root = repoRoot();
  const python = emulatorPython(root);
  if (!existsSync(python)) {
    throw new Error(
      `Local AWS emulator not installed: ${python} is missing. Run scripts/bootstrap.sh (npm run bootstrap) first.`,
    );
  }
  const endpoint = `http://${HOST}:${port}`;
  const dataDir = options.dataDir ?? tmpdir();
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, options.dataDir ? 'emulator.log' : `shopeasy-emulator-${port}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(python, [SERVE_SCRIPT, '-H', HOST, '-p', String(port)], {
    cwd: dataDir,
    detached: options.detached ?? false,
    stdio: ['ignore', log, log],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${python} ${SERVE_SCRIPT}`);
  if (options.detached) child.unref();
  else attached.add(pid);

  const stop = async () => {
    await stopProcess(pid, child);
    attached.delete(pid);
    if (!options.dataDir) rmSync(logFile, { force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isAnswering(endpoint))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stopProcess(pid, child);
      attached.delete(pid);
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`Local AWS emulator did not start on ${endpoint}. Log ${logFile}:\n${tail}`);
    }
    await sleep(100);
  }
  return { endpoint, port, pid, logFile, stop };
}

/** Whether a process with this PID exists (and is not a reaped child). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Sends SIGTERM to one process and waits for it to exit, then SIGKILL if it lingers.
 * With the ChildProcess handle, waits for its exit event, so the process is reaped too.
 */
export async function stopProcess(pid: number, child?: ChildProcess, timeoutMs = 5000): Promise<void> {
  const exited = () => (child ? child.exitCode !== null || child.signalCode !== null : !isRunning(pid));
  if (exited()) return;
  const done = child ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : undefined;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (!exited() && Date.now() < deadline) await sleep(50);
  if (!exited()) signal(pid, 'SIGKILL');
  if (done) await done;
  while (!exited()) await sleep(50);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
