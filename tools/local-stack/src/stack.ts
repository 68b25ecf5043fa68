import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@shopeasy/local-aws/provision';
import { freePort, isAnswering, repoRoot, startEmulator, type Emulator } from '@shopeasy/local-aws/lifecycle';
import { components, type Component } from './components.js';
import { runSteps, type Step, type StepTiming } from './graph.js';
import { startJaeger, type RunningJaeger } from './jaeger.js';
import { spawnComponent, waitReady, type RunningComponent } from './process.js';
import { SEED_ENTRY, spawnSeed, type SeedProcess } from './seed.js';
import { recordProcesses, stopStaleProcesses } from './stale.js';
import { testSigningKey } from './test-signing-key.js';

/**
 * For stacks that tests drive from one address: throttles far above any test's rate, a 20 s
 * request budget for busy CI machines (the services' own deadline handling is tested with short
 * budgets in their component tests), quiet logs and metrics flushed every second.
 */
export const TEST_STACK_ENV: Readonly<Record<string, string>> = {
  THROTTLE_RATE_PER_SECOND: '1000',
  THROTTLE_BURST: '2000',
  AUTH_THROTTLE_RATE_PER_MINUTE: '60000',
  AUTH_THROTTLE_BURST: '2000',
  REQUEST_DEADLINE_MS: '20000',
  LOG_LEVEL: 'warn',
  // Metrics lines every second instead of every minute, so a flow can read them back.
  METRICS_FLUSH_INTERVAL_MS: '1000',
  // The users service signs with a key the tests know (stack.env), so they can forge a token that
  // differs from a real one in one claim, such as an expiry in the past.
  JWT_SIGNING_KEY: testSigningKey(),
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
  /** Stops the start (Ctrl-C): what was started is stopped, and the promise rejects. */
  signal?: AbortSignal;
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
  /** When each start step (emulator, template, provision, each component, seed) started and ended. */
  timings: StepTiming[];
  /** The seed's summary line, when it ran. */
  seeded?: string;
  /** Kills one component with SIGKILL (a crash, not a shutdown). */
  kill(name: string): Promise<void>;
  /** Starts a stopped or killed component again on the same port. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator (or reuses one answering on 4566 for 'fixed'), its resources, the
 * components and the seed as a graph: each step starts as soon as what it needs answers
 * (components.ts says what each needs). The gateway and the seed command start with the
 * emulator and the template; the services and the notifications runner start once the resources
 * exist, when the (by then loaded) seed command writes the catalog.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const origin = performance.now();
  const root = repoRoot();
  const fixed = options.ports === 'fixed';
  // A test stack keeps its logs apart, so it never writes over those of a running `npm start`.
  const logDir =
    options.logDir ?? (fixed ? join(root, '.local', 'logs') : mkdtempSync(join(tmpdir(), 'shopeasy-stack-')));
  mkdirSync(logDir, { recursive: true });
  // Only the documented ports can collide with a crashed earlier run.
  const pidFile = join(root, '.local', 'stack-pids.json');
  if (fixed) {
    const stale = await stopStaleProcesses(pidFile);
    if (stale > 0) console.log(`Stopped ${stale} process(es) left over from an earlier run.`);
  }

  const list = components(root, options.only);
  const ports = new Map<string, number>();
  for (const c of list) if (c.port !== undefined) ports.set(c.name, fixed ? c.port : await freePort());
  const urls: Record<string, string> = {};
  for (const c of list)
    if (c.urlEnv && ports.has(c.name)) urls[c.urlEnv] = `http://127.0.0.1:${ports.get(c.name)}`;

  let emulator: Emulator | undefined;
  let endpoint = 'http://127.0.0.1:4566';
  // Asked before anything else runs: a busy event loop could make a running emulator miss the 1 s.
  const reuseEmulator = fixed && (await isAnswering(endpoint));
  let template: Template | undefined;
  let resources: Record<string, string> = {};
  let jaeger: RunningJaeger | undefined;
  let seeding: SeedProcess | undefined;
  let seeded: string | undefined;
  // Resources come first, so that what the caller passes wins.
  const envOf = (c?: Component): Record<string, string> => ({
    ...(!c || c.needs.includes('provision') ? resources : {}),
    ...urls,
    NODE_ENV: fixed ? 'development' : 'test',
    ...(urls.USERS_URL ? { JWKS_URL: `${urls.USERS_URL}/v1/.well-known/jwks.json` } : {}),
    ...(jaeger ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint } : {}),
    ...options.env,
  });

  const running = new Map<string, RunningComponent>();
  // The PID file lists every process as soon as it is spawned, for stale.ts after a crash.
  const record = () => {
    if (!fixed) return;
    recordProcesses(pidFile, [
      ...(jaeger ? [{ pid: jaeger.pid, entry: jaeger.entry }] : []),
      ...[...running.values()].map((r) => ({ pid: r.pid, entry: r.component.entry })),
      ...(seeding?.child.pid ? [{ pid: seeding.child.pid, entry: SEED_ENTRY }] : []),
    ]);
  };
  const start = async (c: Component, signal?: AbortSignal) => {
    const r = spawnComponent(root, c, envOf(c), logDir, ports.get(c.name));
    running.set(c.name, r);
    record();
    await waitReady(r, signal);
  };
  const stop = async () => {
    await seeding?.stop();
    // Each component drains its own work; stopped together, the stack stops as fast as the slowest.
    await Promise.all([...running.values()].map((c) => c.stop()));
    running.clear();
    await jaeger?.stop();
    if (fixed) rmSync(pidFile, { force: true });
    await emulator?.stop();
  };

  const tracing = options.tracing === 'jaeger';
  // The seed command loads while the emulator starts and seeds once the catalog table exists: it
  // writes the table directly, so it needs the table, not the catalog service.
  const seedSteps: Step[] | undefined =
    options.seed && list.some((c) => c.name === 'catalog')
      ? [
          {
            name: 'seed load',
            needs: [],
            run: async (signal) => {
              seeding = spawnSeed(root, envOf(), logDir);
              record();
              const stopSeed = () => void seeding?.stop();
              signal.addEventListener('abort', stopSeed, { once: true });
              try {
                await seeding?.loaded;
              } finally {
                signal.removeEventListener('abort', stopSeed);
              }
            },
          },
          {
            name: 'seed',
            needs: ['seed load', 'provision'],
            run: async (signal) => {
              seeded = await seeding?.run(envOf(), signal);
              seeding = undefined;
              record();
            },
          },
        ]
      : undefined;
  const steps: Step[] = [
    {
      name: 'emulator',
      needs: [],
      run: async () => {
        if (!fixed) {
          emulator = await startEmulator({ port: 0, dataDir: logDir });
          endpoint = emulator.endpoint;
        } else if (!reuseEmulator) {
          emulator = await startEmulator({ port: 4566, dataDir: join(root, '.local') });
          // Recorded like `aws-local up` does, so `scripts/aws-local.sh down` stops it after a crash.
          writeFileSync(join(root, '.local', 'emulator.pid'), `${emulator.pid}\n`);
        }
      },
    },
    // Listed before the template, whose CPU work would delay the spawns.
    ...list.map((c) => ({
      name: c.name,
      needs: [...c.needs, ...(tracing ? ['jaeger'] : [])],
      run: (signal: AbortSignal) => start(c, signal),
    })),
    ...(seedSteps ?? []),
    ...(tracing
      ? [
          {
            name: 'jaeger',
            needs: [],
            run: async () => {
              jaeger = await startJaeger({ root, logDir });
              record();
            },
          },
        ]
      : []),
    {
      // While the emulator starts (a CDK synth when the cached template is out of date), and
      // imported only now, after the first spawns.
      name: 'template',
      needs: [],
      run: async () => {
        template = await (await import('@shopeasy/local-aws/provision')).dataTemplate();
      },
    },
    {
      name: 'provision',
      needs: ['emulator', 'template'],
      run: async () => {
        const { provision } = await import('@shopeasy/local-aws/provision');
        resources = await provision({ endpoint, template: template! });
      },
    },
  ];
  let timings: StepTiming[];
  try {
    timings = await runSteps(steps, origin, options.signal);
  } catch (error) {
    await stop();
    throw error;
  }
  // In the documented order, whatever order they became ready in.
  for (const c of list) {
    const r = running.get(c.name)!;
    running.delete(c.name);
    running.set(c.name, r);
  }

  const byName = (name: string) => {
    const c = list.find((x) => x.name === name);
    if (!c) throw new Error(`No component ${name}`);
    return c;
  };
  return {
    endpoint,
    logDir,
    env: envOf(),
    urls,
    gatewayUrl: urls.GATEWAY_URL,
    running,
    ...(jaeger ? { jaeger } : {}),
    timings,
    ...(seeded !== undefined ? { seeded } : {}),
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
