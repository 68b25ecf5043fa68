import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('readiness', () => {
  it('When the catalog table answers, then /health/ready is 200 with the table check ok', async () => {
    h = await startHarness();
    const res = await h.call<{ status: string; checks: { name: string; status: string }[] }>(
      'GET',
      '/health/ready',
    );
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual([{ name: 'catalog-table', status: 'ok' }]);
  });

  it('When the catalog table does not exist, then /health/ready is 503 naming the failing check, while live stays 200', async () => {
    h = await startHarness({ CATALOG_TABLE: 'shopeasy-missing-catalog' });
    const res = await h.call<{ status: string; checks: { name: string; status: string }[] }>(
      'GET',
      '/health/ready',
    );
    expect(res.status).toBe(503);
    expect(res.body.checks).toMatchObject([{ name: 'catalog-table', status: 'failing' }]);
    expect((await h.call('GET', '/health/live')).status).toBe(200);
  });
});
