import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVICES = ['users', 'catalog', 'cart', 'orders', 'feedback'] as const;

/** Runs a service's `src/main.ts` as `npm start` does; answers its exit code and output (log or stack). */
async function start(service: string, env: NodeJS.ProcessEnv) {
  const main = fileURLToPath(new URL(`../../../services/${service}/src/main.ts`, import.meta.url));
  const { INTERNAL_API_KEY: _key, INTERNAL_API_KEY_PREVIOUS: _previous, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main], {
    env: { ...inherited, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk));
  // Generous: a start that gets as far as listening would never exit on its own.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

describe('production start without a real internal key', () => {
  it.each(SERVICES)(
    'When %s starts with NODE_ENV=production and no INTERNAL_API_KEY, then it exits non-zero naming the variable',
    async (service) => {
      const { code, output } = await start(service, { NODE_ENV: 'production' });
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toMatch(/INTERNAL_API_KEY: required in the cloud/);
    },
    40_000,
  );

  it('When catalog starts in production with the public local default, then it exits naming the variable', async () => {
    const { code, output } = await start('catalog', {
      NODE_ENV: 'production',
      INTERNAL_API_KEY: 'shopeasy-internal-local-only',
    });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/INTERNAL_API_KEY: required in the cloud/);
  }, 40_000);
});
