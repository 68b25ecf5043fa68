import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface Baseline {
  url: string;
  stop(): Promise<void>;
}

/** Starts the bare node:http server (baseline-server.ts) in its own process on a free port. */
export async function startBaseline(body: Buffer, contentType: string): Promise<Baseline> {
  const entry = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
  const child = fork(entry, [], { execArgv: process.execArgv, stdio: 'inherit' });
  const exited = once(child, 'exit');
  const ready = new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`The baseline server exited (${code}) before listening`)));
    setTimeout(() => reject(new Error('The baseline server did not listen within 20 s')), 20_000).unref();
  });
  child.send({ body: body.toString('base64'), contentType });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  try {
    return { url: `http://127.0.0.1:${await ready}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
