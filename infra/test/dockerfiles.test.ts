import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, startEmulator, type Emulator } from '@shopeasy/local-aws';
import { MICROSERVICES } from '../lib/constructs/services/services.js';
import { containerEnvironment, containersOf, type Container } from '../lib/checks/component-environment.js';
import { synthEnvironment } from './support/synth.js';
// @ts-expect-error -- plain ESM script without type declarations
import { renderDockerfile, servicePorts } from '../scripts/render-dockerfiles.mjs';
import { envOf, last, parseDockerfile } from './support/dockerfile.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const services = Object.entries(servicePorts as Record<string, number>);

function runtimeOf(service: string) {
  const stages = parseDockerfile(readFileSync(`${root}services/${service}/Dockerfile`, 'utf8'));
  return { stages, runtime: stages.at(-1)! };
}

/** Where `tsc -b` writes the service's entry point (its tsconfig outDir, `dist` by convention). */
function builtEntry(service: string): string {
  const tsconfig = `${root}services/${service}/tsconfig.json`;
  const outDir = existsSync(tsconfig)
    ? ((JSON.parse(readFileSync(tsconfig, 'utf8')) as { compilerOptions?: { outDir?: string } })
        .compilerOptions?.outDir ?? 'dist')
    : 'dist';
  return `services/${service}/${outDir.replace(/^\.\//, '')}/main.js`;
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Runs the build stage's `tsc -b services/<service>/tsconfig.json` of every service in one
 * compiler (one load of TypeScript instead of five), so the runtime tests start what the images
 * would hold, on a fresh clone too; it only re-emits what is out of date.
 */
async function buildServices(names: readonly string[]): Promise<void> {
  const args = ['-b', ...names.map((service) => `services/${service}/tsconfig.json`)];
  try {
    await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `tsc ${args.join(' ')} failed, so the image's build stage would too:\n${stdout}${stderr}`,
      { cause: error },
    );
  }
}

/**
 * What ECS gives the container in the dev environment: its task definition's variables, with a
 * stand-in for each value CloudFormation resolves (resources the emulator then replaces) and for
 * each secret it injects from Secrets Manager.
 */
async function ecsEnvironment(containers: Container[], service: string): Promise<Record<string, string>> {
  const container = containers.find((c) => c.Name === service);
  if (!container) throw new Error(`No ${service} container in the services stack`);
  return containerEnvironment(container);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Services reach their tables at start-up, so the start test runs against the local AWS emulator.
let emulator: Emulator | undefined;
let awsEnvironment: Record<string, string> = {};
let containers: Container[] = [];
beforeAll(async () => {
  containers = containersOf(synthEnvironment('dev').template('services').toJSON());
  // On a fresh clone this also builds the shared packages.
  await buildServices(services.map(([service]) => service));
  emulator = await startEmulator({ port: 0 });
  awsEnvironment = { ...(await provision({ endpoint: emulator.endpoint })) };
}, 180_000);
afterAll(() => emulator?.stop());

describe.each(services)('the %s image', (service, port) => {
  it('When the Dockerfile is compared with the template, then it is the rendering for this service', () => {
    expect(readFileSync(`${root}services/${service}/Dockerfile`, 'utf8')).toBe(
      renderDockerfile(service, port),
    );
  });

  it('When the runtime stage is read, then tini runs node on the built output as a non-root user, with a health check', () => {
    const { stages, runtime } = runtimeOf(service);
    expect(stages.map((s) => s.name)).toEqual(['manifests', 'build', 'prod-deps', 'runtime']);
    // Node 22 LTS in every stage, pinned by digest (docker/service.Dockerfile.template).
    for (const stage of stages)
      expect(stage.from).toMatch(/^node:22\.\d+\.\d+-alpine[\d.]*@sha256:[0-9a-f]{64}$/);
    expect(last(runtime, 'WORKDIR')).toBe('/app');
    expect(last(runtime, 'ENTRYPOINT')).toEqual(['/sbin/tini', '--']);
    const cmd = last(runtime, 'CMD') as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe(builtEntry(service));
    expect(last(runtime, 'USER')).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: String(port) });
    expect(JSON.stringify(last(runtime, 'HEALTHCHECK'))).toContain('/health/live');
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.instructions.map((i) => i.args).join('\n')).toContain(
      `tsc -b services/${service}/tsconfig.json`,
    );
  });

  it('When the runtime command starts the built service, then it answers /health/live and stops on SIGTERM', async () => {
    const { runtime } = runtimeOf(service);
    const [command, ...args] = last(runtime, 'CMD') as string[];
    const testPort = await freePort();
    // The image's /app is the repository root with dist folders and production dependencies.
    const child = spawn(command!, args, {
      cwd: root,
      env: {
        ...process.env,
        ...envOf(runtime),
        ...(await ecsEnvironment(containers, service)),
        ...awsEnvironment,
        HOST: '127.0.0.1',
        PORT: String(testPort),
        CONTRACTS_DIR: `${root}contracts`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      let status = 0;
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        status = await fetch(`http://127.0.0.1:${testPort}/health/live`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, output).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
  }, 60_000);
});

describe('the image build context', () => {
  it('When the rendered images are listed, then there is one per microservice', () => {
    // describe.each above makes no test at all for an empty list.
    expect(services.map(([service]) => service).sort()).toEqual([...MICROSERVICES].sort());
  });

  it('When .dockerignore is read, then it sends the contracts and sources but no node_modules, builds or secrets', () => {
    const ignore = readFileSync(`${root}.dockerignore`, 'utf8');
    for (const line of [
      '*',
      '!contracts/',
      '!packages/',
      '!services/',
      '**/node_modules',
      '**/dist',
      '**/.env',
    ]) {
      expect(ignore.split('\n')).toContain(line);
    }
  });
});
