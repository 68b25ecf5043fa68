import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { publishEvent } from '@shopeasy/events';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { eventually } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSentEmails, waitForSentEmails } from '../src/local/sent-emails.js';
import { customerEvents, emulatorEnv, uniqueEmail } from './support/events.js';
import { messagesIn, QUEUE_WAIT } from './support/queues.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const env = emulatorEnv();
const queueUrl = process.env.NOTIFICATIONS_QUEUE_URL!;
const sns = createAwsClients(env).sns;

describe('local runner: events topic -> notifications queue -> handler -> SES', () => {
  let runner: ChildProcess;
  let output = '';

  beforeAll(async () => {
    // Started as `npm start` (tools/local-stack) starts it, with the provisioned emulator's env.
    runner = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'functions/notifications/src/local/runner.ts'],
      {
        cwd: root,
        env: { ...process.env, RUNNER_WAIT_SECONDS: '1', POWERTOOLS_LOG_LEVEL: 'INFO' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    runner.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    runner.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      () => expect(output, 'the runner polls the queue').toContain('Polling the notifications queue'),
      {
        ...QUEUE_WAIT,
        timeoutMs: 60_000,
      },
    );
  });

  afterAll(async () => {
    if (runner.exitCode === null && runner.signalCode === null) {
      const exited = once(runner, 'exit');
      runner.kill('SIGKILL');
      await exited;
    }
  });

  it('When a customer registers, pays and is shipped to, then each email arrives once and the queue ends empty', async () => {
    const email = uniqueEmail('runner');
    const events = customerEvents(email);
    for (const event of [events.registered, events.placed, events.paid, events.shipped]) {
      await publishEvent(sns, env.EVENTS_TOPIC_ARN, event);
    }

    await waitForSentEmails(env.AWS_ENDPOINT_URL, email, { count: 3, timeoutMs: 30_000 });
    await eventually(
      async () => expect(await messagesIn(queueUrl), 'the notifications queue is empty').toBe(0),
      QUEUE_WAIT,
    );

    const emails = await listSentEmails(env.AWS_ENDPOINT_URL, { to: email });
    expect(emails.map((e) => e.subject).sort()).toEqual([
      'Welcome to ShopEasy',
      `Your ShopEasy order ${events.orderId} is confirmed`,
      `Your ShopEasy order ${events.orderId} is on its way`,
    ]);
    expect(output).toMatch(/"message":"Batch processed".*"received":\d+/);
  });

  it('When the runner gets SIGTERM, then it stops cleanly with exit code 0', async () => {
    const exited = once(runner, 'exit');
    process.kill(runner.pid!, 'SIGTERM');
    const [code] = await exited;

    expect(code).toBe(0);
    expect(output).toContain('Notifications runner stopped');
  });
});
