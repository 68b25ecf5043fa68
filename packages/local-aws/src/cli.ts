#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_ENDPOINT, localEnvironment } from '@shopeasy/resources';
import { isAnswering, isRunning, startEmulator, stopProcess } from './emulator.js';
import { repoRoot } from './repo-root.js';

const USAGE = `usage: aws-local <command>
  up      start the emulator on ${LOCAL_ENDPOINT} unless something answers there, then create every
          resource of the data stack (idempotent: safe to run again, or after a crash)
  down    stop the emulator that 'up' started (by the PID in .local/emulator.pid)
  reset   drop all emulator data, then create the resources again
  env     print the services' environment for the emulator as KEY=VALUE lines
  status  say whether the emulator answers and which PID 'up' recorded
  provision  create every resource at $AWS_ENDPOINT_URL (e.g. LocalStack) without starting anything`;

const stateDir = join(repoRoot(), '.local');
const pidFile = join(stateDir, 'emulator.pid');
const port = Number(new URL(LOCAL_ENDPOINT).port);

function recordedPid(): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The recorded PID, if that process is still the emulator (PIDs get reused after a reboot). */
function livePid(): number | undefined {
  const pid = recordedPid();
  if (pid === undefined || !isRunning(pid)) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('local-aws/python/serve.py')
      ? pid
      : undefined;
  } catch {
    return pid; // no /proc (macOS): trust the PID file
  }
}

async function provisionAndReport(endpoint = LOCAL_ENDPOINT): Promise<void> {
  const started = Date.now();
  // Loaded on demand: synthesizing the CDK stack is the slow part, and `env` does not need it.
  const { provision } = await import('./provision.js');
  const env = await provision({ endpoint });
  console.log(
    `aws-local: resources ready in ${Date.now() - started} ms (tables, topic, queues, stream, bucket, sender)`,
  );
  console.log(`aws-local: events topic ${env.EVENTS_TOPIC_ARN}`);
}

async function up(): Promise<void> {
  if (await isAnswering(LOCAL_ENDPOINT)) {
    console.log(`aws-local: emulator already answering at ${LOCAL_ENDPOINT}`);
  } else {
    mkdirSync(stateDir, { recursive: true });
    const emulator = await startEmulator({ port, dataDir: stateDir, detached: true });
    writeFileSync(pidFile, `${emulator.pid}\n`);
    console.log(
      `aws-local: emulator started at ${emulator.endpoint} (pid ${emulator.pid}, log ${emulator.logFile})`,
    );
  }
  await provisionAndReport();
}

async function down(): Promise<void> {
  const pid = livePid();
  if (pid !== undefined) {
    await stopProcess(pid);
    console.log(`aws-local: emulator stopped (pid ${pid})`);
  } else if (await isAnswering(LOCAL_ENDPOINT)) {
    console.log(
      `aws-local: something answers at ${LOCAL_ENDPOINT} that 'up' did not start; leaving it running`,
    );
  } else {
    console.log('aws-local: emulator not running');
  }
  rmSync(pidFile, { force: true });
}

async function reset(): Promise<void> {
  if (!(await isAnswering(LOCAL_ENDPOINT)))
    throw new Error(`No emulator at ${LOCAL_ENDPOINT}; run 'up' first`);
  const res = await fetch(`${LOCAL_ENDPOINT}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`Emulator reset failed: HTTP ${res.status}`);
  console.log('aws-local: emulator data dropped');
  await provisionAndReport();
}

function printEnv(): void {
  const lines = Object.entries(localEnvironment()).map(([key, value]) => `${key}=${value}`);
  process.stdout.on('error', () => undefined); // a closed pipe (`| head`) is not an error
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function status(): Promise<void> {
  const answering = await isAnswering(LOCAL_ENDPOINT);
  const pid = livePid();
  console.log(
    `aws-local: ${LOCAL_ENDPOINT} ${answering ? 'answers' : 'does not answer'}; pid ${pid ?? 'none recorded'}`,
  );
  if (!answering) process.exitCode = 1;
}

async function provisionElsewhere(): Promise<void> {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) throw new Error('Set AWS_ENDPOINT_URL to the emulator to provision (e.g. LocalStack)');
  await provisionAndReport(endpoint);
}

const commands: Record<string, () => void | Promise<void>> = {
  up,
  down,
  reset,
  env: printEnv,
  status,
  provision: provisionElsewhere,
};
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  try {
    await command();
  } catch (error) {
    console.error(`aws-local: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
