import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { killSpawned, spawnEntry } from '../src/testing/index.js';

const kitDir = fileURLToPath(new URL('..', import.meta.url));

afterAll(() => killSpawned());

describe('shutdown on SIGTERM', () => {
  it('When stopping hangs (a worker never finishes its batch), then the process exits 1 at its bound, before ECS would kill it', async () => {
    const process_ = spawnEntry(kitDir, 'test/fixtures/stuck-shutdown.ts', { BOUND_MS: '1500' });
    await process_.logged('listening', 20_000);
    const started = Date.now();

    process_.child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) =>
      process_.child.once('exit', (c) => resolve(c)),
    );

    expect(code).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(process_.logs.map((l) => l.msg)).toContain('shutdown did not finish within its bound; exiting');
  });
});
