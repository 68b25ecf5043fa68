import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, isAnswering, repoRoot, startEmulator, stopProcess } from '../../src/index.js';

/**
 * moto's own server (`moto_server`, Werkzeug, from moto[server] in .venv), unpatched: the reference
 * the emulator's DynamoDB is compared with. The emulator itself never runs it (see python/serve.py).
 */
export async function startPlainMoto(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const motoServer = join(repoRoot(), '.venv', 'bin', 'moto_server');
  const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child.pid!, child);
  const deadline = Date.now() + 30_000;
  while (!(await isAnswering(endpoint))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`plain moto did not start on ${endpoint}`);
    }
    await sleep(100);
  }
  return { endpoint, stop };
}

/** A DynamoDB client without retries, so each answer is the emulator's first. */
export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** The emulator and plain moto side by side, each with a client without retries. */
export interface Pair {
  ours: DynamoDBClient;
  reference: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startPair(): Promise<Pair> {
  const [emulator, plain] = await Promise.all([startEmulator({ port: 0 }), startPlainMoto()]);
  const ours = dynamoClient(emulator.endpoint);
  const reference = dynamoClient(plain.endpoint);
  return {
    ours,
    reference,
    async stop() {
      ours.destroy();
      reference.destroy();
      await Promise.all([emulator.stop(), plain.stop()]);
    },
  };
}
