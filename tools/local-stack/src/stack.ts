import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  isAnswering,
  provision,
  repoRoot,
  startEmulator,
  type Emulator,
} from '@shopeasy/local-aws';
import { components, type Component } from './components.js';
import { startJaeger, type RunningJaeger } from './jaeger.js';
import { spawnComponent, type RunningComponent } from './process.js';
import { recordProcesses, stopStaleProcesses } from './stale.js';

/**
 * For stacks that tests drive from one address: throttles far above any test's rate, a 20 s
 * request budget for busy CI machines (the services' own deadline handling is tested with short
 * budgets in their component tests), and quiet logs.
 */
export const TEST_STACK_ENV: Readonly<Record<string, string>> = {
  THROTTLE_RATE_PER_SECOND: '1000',
  THROTTLE_BURST: '2000',
  AUTH_THROTTLE_RATE_PER_MINUTE: '60000',
  AUTH_THROTTLE_BURST: '2000',
  REQUEST_DEADLINE_MS: '20000',
  LOG_LEVEL: 'warn',
};

export interface StackOptions {
  /** 'fixed' = the documented local ports (npm start); 'free' = any free ports (tests). */
  ports: 'fixed' | 'free';
  /** Only these components (default: all whose code exists). */
  only?: readonly string[];
  /** Seed the catalog when it is empty. */
  seed?: boolean;
  /** Extra environment for every component (e.g. throttle limits in tests). */
  env?: Record<string, string>;
  /** Where each process logs; default .local/logs for 'fixed', a fresh temp folder for 'free'. */
  logDir?: string;
  /** Also run Jaeger (its fixed ports 4317, 4318, 16685, 16686) and send every component's spans to it. */
  tracing?: 'jaeger';
}

export interface Stack {
  endpoint: string;
  logDir: string;
  env: Record<string, string>;
  urls: Record<string, string>;
  gatewayUrl: string | undefined;
  running: Map<string, RunningComponent>;
  /** The trace viewer, when started with `tracing: 'jaeger'`. */
  jaeger?: RunningJaeger;
  /** Kills one component with SIGKILL (a crash, not a shutdown). */
  kill(name: string): Promise<void>;
  /** Starts a stopped or killed component again on the same port. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts emulator (or reuses one answering on 4566 for 'fixed'), resources, components, seed. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const root = repoRoot();
  // A test stack keeps its logs apart, so it never writes over those of a running `npm start`.
  const logDir =
    options.logDir ??
    (options.ports === 'fixed'
      ? join(root, '.local', 'logs')
      : mkdtempSync(join(tmpdir(), 'shopeasy-stack-')));
  mkdirSync(logDir, { recursive: true });

  let emulator: Emulator | undefined;
  let endpoint = 'http://127.0.0.1:4566';
  if (options.ports === 'free') {
    emulator = await startEmulator({ port: 0, dataDir: logDir });
    endpoint = emulator.endpoint;
  } else if (!(await isAnswering(endpoint))) {
    emulator = await startEmulator({ port: 4566, dataDir: join(root, '.local') });
    // Recorded like `aws-local up` does, so `scripts/aws-local.sh down` stops it after a crash.
    writeFileSync(join(root, '.local', 'emulator.pid'), `${emulator.pid}\n`);
  }
  // Only the documented ports can collide with a crashed earlier run.
  const pidFile = join(root, '.local', 'stack-pids.json');
  if (options.ports === 'fixed') {
    const stale = await stopStaleProcesses(pidFile);
    if (stale > 0) console.log(`Stopped ${stale} process(es) left over from an earlier run.`);
  }
  const resources = await provision({ endpoint });
  let jaeger: RunningJaeger | undefined;
  if (options.tracing === 'jaeger') {
    try {
      jaeger = await startJaeger({ root, logDir });
    } catch (error) {
      await emulator?.stop();
      throw error;
    }
  }

  const list = components(root, options.only);
  const ports = new Map<string, number>();
  for (const c of list)
    if (c.port !== undefined) ports.set(c.name, options.ports === 'free' ? await freePort() : c.port);
  const urls: Record<string, string> = {};
  for (const c of list)
    if (c.urlEnv && ports.has(c.name)) urls[c.urlEnv] = `http://127.0.0.1:${ports.get(c.name)}`;
  const env: Record<string, string> = {
    ...resources,
    ...urls,
    NODE_ENV: options.ports === 'free' ? 'test' : 'development',
    ...(urls.USERS_URL ? { JWKS_URL: `${urls.USERS_URL}/v1/.well-known/jwks.json` } : {}),
    ...(jaeger ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint } : {}),
    ...options.env,
  };

  const running = new Map<string, RunningComponent>();
  const start = async (c: Component) => {
    running.set(c.name, await spawnComponent(root, c, env, logDir, ports.get(c.name)));
    if (options.ports === 'fixed') {
      recordProcesses(pidFile, [
        ...(jaeger ? [{ pid: jaeger.pid, entry: jaeger.entry }] : []),
        ...[...running.values()].map((r) => ({ pid: r.pid, entry: r.component.entry })),
      ]);
    }
  };
  const stop = async () => {
    for (const c of [...running.values()].reverse()) await c.stop();
    running.clear();
    await jaeger?.stop();
    if (options.ports === 'fixed') rmSync(pidFile, { force: true });
    await emulator?.stop();
  };
  try {
    for (const c of list) {
      await start(c);
      if (c.name === 'catalog' && options.seed) seedCatalog(root, env);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const byName = (name: string) => {
    const c = list.find((x) => x.name === name);
    if (!c) throw new Error(`No component ${name}`);
    return c;
  };
  return {
    endpoint,
    logDir,
    env,
    urls,
    gatewayUrl: urls.GATEWAY_URL,
    running,
    ...(jaeger ? { jaeger } : {}),
    async kill(name) {
      const r = running.get(name);
      if (!r) return;
      const exited = new Promise((resolve) => r.child.once('exit', resolve));
      r.child.kill('SIGKILL');
      await exited;
      running.delete(name);
    },
    async restart(name) {
      await running.get(name)?.stop();
      await start(byName(name));
    },
    stop,
  };
}

function seedCatalog(root: string, env: Record<string, string>): void {
  const cli = 'services/catalog/src/seed/cli.ts';
  if (!existsSync(join(root, cli))) return;
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, '--if-empty'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`Seeding the catalog failed (exit ${result.status})`);
}
