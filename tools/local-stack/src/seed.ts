import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '@shopeasy/local-aws/lifecycle';
import { tail } from './process.js';
import type { WarmGo } from './warm-start.js';

/** The catalog's own seed command: it writes the demo catalog straight into the catalog table. */
export const SEED_ENTRY = 'services/catalog/src/seed/cli.ts';
// Beside this module: warm-start.ts from the sources, warm-start.js from a build.
const WARM_START = fileURLToPath(new URL(`./warm-start${extname(import.meta.url)}`, import.meta.url));

export interface SeedProcess {
  child: ChildProcess;
  logFile: string;
  /** Resolves once its modules are loaded (it then waits for `run`); rejects if it exits first. */
  loaded: Promise<void>;
  /** Gives it the provisioned resources' variables; resolves with its summary line once seeded. */
  run(env: Record<string, string>, signal: AbortSignal): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Spawns the seed command (`--if-empty`) at once, logging to seed.log: it loads while the
 * emulator starts and the resources are created, then seeds when `run` gives it their variables.
 * Undefined when this checkout has no seed command.
 */
export function spawnSeed(
  root: string,
  env: Record<string, string>,
  logDir: string,
): SeedProcess | undefined {
  if (!existsSync(join(root, SEED_ENTRY))) return undefined;
  const logFile = join(logDir, 'seed.log');
  const log = openSync(logFile, 'w');
  const args = ['--conditions=source', '--import', 'tsx', '--import', WARM_START, SEED_ENTRY, '--if-empty'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signalName) => resolve(code ?? signalName));
    child.once('error', (error) => resolve(error.message));
  });
  const failed = async (): Promise<never> => {
    const exit = await exited;
    throw new Error(`Seeding the catalog failed (exit ${exit}):\n${tail(logFile)}`);
  };
  const loaded = Promise.race([
    new Promise<void>((resolve) => child.once('message', () => resolve())),
    failed(),
  ]);
  loaded.catch(() => {}); // also reported by run()
  const stop = async () => {
    if (child.pid !== undefined) await stopProcess(child.pid, child);
  };
  return {
    child,
    logFile,
    loaded,
    async run(resources, signal) {
      await loaded;
      const abort = () => void stop();
      signal.addEventListener('abort', abort, { once: true });
      try {
        child.send({ env: resources } satisfies WarmGo);
        const exit = await exited;
        signal.throwIfAborted();
        if (exit !== 0) await failed();
        return tail(logFile).trim().split('\n').at(-1) ?? '';
      } finally {
        signal.removeEventListener('abort', abort);
      }
    },
    stop,
  };
}
