import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTemplates, ResourceAttributes, Template } from '@shopeasy/local-aws/provision';
import { freePort, isAnswering, repoRoot, startEmulator, type Emulator } from '@shopeasy/local-aws/lifecycle';
import { LOCAL_REGION } from '@shopeasy/resources';
import { cloudEnvironment } from './cloud-environment.js';
import { components, type Component } from './components.js';
import { runSteps, type Step, type StepTiming } from './graph.js';
import { startJaeger, type RunningJaeger } from './jaeger.js';
import { spawnComponent, waitReady, type RunningComponent } from './process.js';
import { localSecrets } from './local-secrets.js';
import { SEED_ENTRY, spawnSeed, type SeedProcess } from './seed.js';
import { recordProcesses, stopStaleProcesses } from './stale.js';
import { Supervisor, type SuperviseOptions } from './supervisor.js';

/** The cloud environment whose definitions the local components run with. */
export const CLOUD_ENVIRONMENT = 'dev';

/** What a test or an operator needs from the stack to act as its admin or sign its tokens. */
const OPERATOR_VARIABLES = [
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'JWT_SIGNING_KEY',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'INTERNAL_API_KEY',
] as const;

/**
 * For stacks that tests drive from one address: throttles far above any test's rate, a 20 s
 * request budget for busy CI machines (the services' own deadline handling is tested with short
 * budgets in their component tests), quiet logs and metrics flushed every second. The users
 * service's signing key is in `stack.env`, so a test can forge a token that differs from a real
 * one in one claim, such as an expiry in the past.
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
  /** The cloud definitions the components run with; the synthesized `dev` templates by default. */
  cloud?: CloudTemplates;
  /**
   * Restart a component that exits on its own, with back-off, as ECS replaces a stopped task
   * (`npm start`). `kill`, `restart` and `stop` are never undone by it. Off by default.
   */
  supervise?: boolean | SuperviseOptions;
}

export interface Stack {
  endpoint: string;
  logDir: string;
  /**
   * The local resources' names and URLs, the services' URLs, and what the components were given
   * to act as the admin or sign tokens (ADMIN_EMAIL, ADMIN_PASSWORD, JWT_*, INTERNAL_API_KEY).
   */
  env: Record<string, string>;
  /** The environment each component was started with, by name. */
  componentEnv: Map<string, Record<string, string>>;
  urls: Record<string, string>;
  gatewayUrl: string | undefined;
  running: Map<string, RunningComponent>;
  /** The trace viewer, when started with `tracing: 'jaeger'`. */
  jaeger?: RunningJaeger;
  /** When each start step (emulator, template, provision, each component, seed) started and ended. */
  timings: StepTiming[];
  /** The seed's summary line, when it ran. */
  seeded?: string;
  /** Kills one component with SIGKILL (a crash, not a shutdown); the supervisor leaves it down. */
  kill(name: string): Promise<void>;
  /** Starts a stopped or killed component again on the same port. */
  restart(name: string): Promise<void>;
  /** How many times the supervisor restarted each component (empty without supervision). */
  restarts(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator (or reuses one answering on 4566 for 'fixed'), its resources, the
 * components and the seed as a graph: each step starts as soon as what it needs answers
 * (components.ts says what each needs). The gateway and the seed command start with the
 * emulator and the template; the services and the runners (notifications, cart-events) start once
 * the resources exist, when the (by then loaded) seed command writes the catalog.
 *
 * Each component runs with what its cloud definition gives it (cloud-environment.ts): the
 * variables and secrets of its task definition or function in the synthesized `dev` templates,
 * resolved to the local resources, with local defaults off. Local additions are only the
 * emulator's endpoint and region, the local address and port, the run mode (NODE_ENV), where
 * spans go, the local secret values (local-secrets.ts), a component's `localEnv` and `options.env`.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const origin = performance.now();
  const root = repoRoot();
  const fixed = options.ports === 'fixed';
  // A test stack keeps its logs apart, so it never writes over those of a running `npm start`.
  const logDir =
    options.logDir ?? (fixed ? join(root, '.local', 'logs') : mkdtempSync(join(tmpdir(), 'shopeasy-stack-')));
  mkdirSync(logDir, { recursive: true });
  // State that outlives a component's restart: beside the emulator's for `npm start`, else the run's own.
  const stateDir = fixed ? join(root, '.local') : logDir;
  // Only the documented ports can collide with a crashed earlier run.
  const pidFile = join(root, '.local', 'stack-pids.json');
  if (fixed) {
    const stale = await stopStaleProcesses(pidFile);
    if (stale > 0) console.log(`Stopped ${stale} process(es) left over from an earlier run.`);
  }

  const list = components(root, options.only);
  // Every component has its address, started or not: a peer left out of `only` refuses
  // connections there, as a stopped service would behind its load balancer.
  const ports = new Map<string, number>();
  for (const c of components(root))
    if (c.port !== undefined) ports.set(c.name, fixed ? c.port : await freePort());
  const urls: Record<string, string> = {};
  for (const c of components(root))
    if (c.urlEnv && ports.has(c.name)) urls[c.urlEnv] = `http://127.0.0.1:${ports.get(c.name)}`;

  let emulator: Emulator | undefined;
  let endpoint = 'http://127.0.0.1:4566';
  // Asked before anything else runs: a busy event loop could make a running emulator miss the 1 s.
  const reuseEmulator = fixed && (await isAnswering(endpoint));
  let template: Template | undefined;
  let cloud: CloudTemplates | undefined;
  let resources: Record<string, string> = {};
  let attributes: ReadonlyMap<string, ResourceAttributes> = new Map();
  const secrets = localSecrets();
  const urlsByName: Record<string, string> = {};
  for (const c of components(root)) if (c.urlEnv && urls[c.urlEnv]) urlsByName[c.name] = urls[c.urlEnv]!;
  const componentEnv = new Map<string, Record<string, string>>();
  let jaeger: RunningJaeger | undefined;
  let seeding: SeedProcess | undefined;
  let seeded: string | undefined;
  const nodeEnv = fixed ? 'development' : 'test';
  // The seed (a local tool): resources come first, so that what the caller passes wins.
  const envOf = (): Record<string, string> => ({
    ...resources,
    ...urls,
    NODE_ENV: nodeEnv,
    ...(urls.USERS_URL ? { JWKS_URL: `${urls.USERS_URL}/v1/.well-known/jwks.json` } : {}),
    ...(jaeger ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint } : {}),
    ...options.env,
  });
  // A component: what its cloud definition gives it, and the local additions.
  const componentEnvOf = (c: Component): Record<string, string> => {
    const definition = c.cloud?.(CLOUD_ENVIRONMENT);
    if (!definition) return envOf();
    const given = cloudEnvironment(cloud!, definition, { attributes, urls: urlsByName, secrets });
    // Where spans go is the local trace backend's business (the ADOT collector's in the cloud).
    const { OTEL_EXPORTER_OTLP_ENDPOINT: _collector, TRACING: _xray, ...rest } = given;
    const whole = definition.kind === 'container' || !definition.only;
    return {
      // A part of a definition (the gateway's token settings) joins the component's local setup.
      ...(whole ? {} : { ...urls, NODE_ENV: nodeEnv }),
      ...rest,
      ...(whole
        ? {
            NODE_ENV: nodeEnv,
            LOCAL_DEFAULTS: 'off',
            HOST: '127.0.0.1',
            ...(ports.has(c.name) ? { PORT: String(ports.get(c.name)) } : {}),
            AWS_REGION: LOCAL_REGION,
            AWS_ENDPOINT_URL: endpoint,
          }
        : {}),
      ...(jaeger ? { OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint } : {}),
      ...c.localEnv?.({ stateDir, resources, urls }),
      ...options.env,
    };
  };

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
  const start = async (c: Component, signal?: AbortSignal): Promise<RunningComponent> => {
    const env = componentEnvOf(c);
    componentEnv.set(c.name, env);
    const r = spawnComponent(root, c, env, logDir, ports.get(c.name), env.LOCAL_DEFAULTS === 'off');
    running.set(c.name, r);
    record();
    await waitReady(r, signal);
    return r;
  };
  const byName = (name: string) => {
    const c = list.find((x) => x.name === name);
    if (!c) throw new Error(`No component ${name}`);
    return c;
  };
  const supervisor = options.supervise
    ? new Supervisor(options.supervise === true ? {} : options.supervise, async (name) => {
        return (await start(byName(name))).child;
      })
    : undefined;
  const stop = async () => {
    // First, so that no process the stack stops is started again.
    supervisor?.close();
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
      needs: [...c.needs, ...(c.cloud ? ['cloud'] : []), ...(tracing ? ['jaeger'] : [])],
      run: async (signal: AbortSignal) => void (await start(c, signal)),
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
      // The definitions of the cloud environment the components run with.
      name: 'cloud',
      needs: [],
      run: async () => {
        cloud =
          options.cloud ??
          (await (await import('@shopeasy/local-aws/provision')).cloudTemplates(CLOUD_ENVIRONMENT));
      },
    },
    {
      name: 'provision',
      needs: ['emulator', 'template', 'cloud'],
      run: async () => {
        const { createResources, provisionTemplate } = await import('@shopeasy/local-aws/provision');
        const provisioned = await provisionTemplate({ endpoint, template: template! });
        resources = { ...provisioned.env };
        attributes = provisioned.attributes;
        // The sender the cloud environment's function is given must be verified here as there.
        const identities = Object.entries(cloud!.data.Resources).filter(
          ([, r]) => r.Type === 'AWS::SES::EmailIdentity',
        );
        await createResources(endpoint, { Resources: Object.fromEntries(identities) }, 'identities');
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

  // Watched only once all are up: a component that fails to start fails the start, as before.
  for (const [name, r] of running) supervisor?.watch(name, r.child);
  const users = componentEnv.get('users') ?? {};
  const operator = Object.fromEntries(
    OPERATOR_VARIABLES.filter((name) => users[name] !== undefined).map((name) => [name, users[name]!]),
  );
  return {
    endpoint,
    logDir,
    env: { ...envOf(), ...operator },
    componentEnv,
    urls,
    gatewayUrl: list.some((c) => c.name === 'gateway') ? urls.GATEWAY_URL : undefined,
    running,
    ...(jaeger ? { jaeger } : {}),
    timings,
    ...(seeded !== undefined ? { seeded } : {}),
    async kill(name) {
      const r = running.get(name);
      if (!r) return;
      supervisor?.expect(name, r.child);
      if (r.child.exitCode === null && r.child.signalCode === null) {
        const exited = new Promise((resolve) => r.child.once('exit', resolve));
        r.child.kill('SIGKILL');
        await exited;
      }
      running.delete(name);
    },
    async restart(name) {
      const r = running.get(name);
      supervisor?.expect(name, r?.child);
      await r?.stop();
      const started = await start(byName(name));
      supervisor?.watch(name, started.child);
    },
    restarts: () =>
      Object.fromEntries(
        list.map((c) => [c.name, supervisor?.restartCount(c.name) ?? 0]).filter(([, n]) => n),
      ),
    stop,
  };
}
