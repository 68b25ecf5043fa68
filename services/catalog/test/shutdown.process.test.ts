import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { loadConfig } from '@shopeasy/service-kit/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@shopeasy/service-kit/testing';
import { createCategory, createProduct, type ApiProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, putRecords } from './support/stream.js';

let h: Harness;
let stream: Awaited<ReturnType<typeof createTestStream>>;
let queueUrl: string;
let child: ChildProcess | undefined;
const sqs = createAwsClients(loadConfig(0, {})).sqs;

// Its own stream and queue: the process's consumers take nothing meant for other test files.
beforeAll(async () => {
  stream = await createTestStream(1);
  queueUrl = (
    await sqs.send(new CreateQueueCommand({ QueueName: `catalog-events-test-${randomUUID().slice(0, 8)}` }))
  ).QueueUrl!;
  h = await startHarness();
});

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await h?.stop();
  await stream?.drop();
  if (queueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  sqs.destroy();
});

/** `src/main.ts` as its own process (as `npm start` runs it), with its JSON log lines collected. */
function startProcess(): { process: ChildProcess; logs: { msg?: string; url?: string; time?: string }[] } {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      INVENTORY_STREAM: stream.name,
      CATALOG_EVENTS_QUEUE_URL: queueUrl,
      INVENTORY_POLL_INTERVAL_MS: '500',
      RATINGS_WAIT_SECONDS: '20',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: { msg?: string; url?: string; time?: string }[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as { msg?: string; url?: string; time?: string });
    } catch {
      // not a log line
    }
  });
  return { process: proc, logs };
}

describe('graceful shutdown', () => {
  it('When the process gets SIGTERM, then both consumers stop after their batch, the checkpoint is written and it exits 0', async () => {
    const product = await createProduct(h, await createCategory(h));
    const started = startProcess();
    child = started.process;
    const url = await eventually(
      () => {
        const listening = started.logs.find((l) => l.msg === 'catalog listening');
        expect(listening?.url).toBeDefined();
        return listening!.url!;
      },
      { timeoutMs: 20_000 },
    );

    const [put] = await putRecords(stream.name, [cartEvent(product.id, 2)]);
    await eventually(async () => {
      const shown = (await (await fetch(`${url}/v1/products/${product.id}`)).json()) as ApiProduct;
      expect(shown.availability?.inCarts).toBe(2);
    });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(0);
    const messages = started.logs.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['inventory consumer stopped', 'ratings consumer stopped']),
    );
    // By the time each line was written, not by where it landed in stdout: the process's loggers
    // flush their buffers independently, so under load lines of two loggers can interleave.
    const at = (msg: string) => Date.parse(started.logs.find((l) => l.msg === msg)?.time ?? '');
    expect(at('stopped')).toBeGreaterThanOrEqual(at('inventory consumer stopped'));
    expect(await h.repository.getCheckpoint(stream.name, put!.shardId)).toBe(put!.sequenceNumber);
  });
});
