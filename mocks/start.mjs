// Starts Prism on the bundled ShopEasy API: `npm run mock` (static examples) or
// `npm run mock -- --dynamic` (responses generated from the schemas). Also used by the tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = fileURLToPath(new URL('../contracts/dist/shopeasy.openapi.yaml', import.meta.url));

/**
 * Spawns Prism; resolves once it accepts requests. Returns its PID and a stop() that ends it.
 * @param {{ port?: number, dynamic?: boolean, errors?: boolean, quiet?: boolean }} options
 */
export async function startMock({ port = 4010, dynamic = false, errors = false, quiet = false } = {}) {
  const args = ['--no-install', 'prism', 'mock', bundle, '-h', '127.0.0.1', '-p', String(port)];
  if (dynamic) args.push('--dynamic', '--seed', 'shopeasy');
  if (errors) args.push('--errors');
  const child = spawn('npx', args, { cwd: root, stdio: quiet ? 'ignore' : 'inherit', detached: true });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/v1/categories`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('Prism did not start within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    pid: child.pid,
    // npx starts Prism as a child: end the whole process group.
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dynamic = process.argv.includes('--dynamic');
  const port = Number(process.env.MOCK_PORT ?? 4010);
  const mock = await startMock({ port, dynamic });
  console.log(`ShopEasy mock (${dynamic ? 'dynamic' : 'examples'}) on ${mock.url} — Ctrl-C stops it`);
  const stop = async () => {
    await mock.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
