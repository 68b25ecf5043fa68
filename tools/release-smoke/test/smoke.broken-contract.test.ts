import { execFile } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startStubServer, type StubServer } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContractFile, runSmoke, type SmokeReport } from '../src/index.js';

const PRODUCT = {
  id: 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB',
  categoryId: 'cat_01J9Z2K7M3N4P5Q6R7S8T9V0WX',
  name: 'Trail Running Shoe',
  description: 'Light shoe for trails.',
  price: { amount: 8999, currency: 'EUR' },
  stock: 5,
  active: true,
  rating: { average: 0, count: 0 },
  createdAt: '2025-11-22T09:30:00Z',
  updatedAt: '2025-11-22T09:30:00Z',
};
const notFound = {
  type: 'https://shopeasy.example/problems/not-found',
  title: 'Not Found',
  status: 404,
  detail: 'No such product.',
};

/**
 * A catalog gone wrong in two ways a release can break it: a category without its required id
 * and with a numeric name, and products served as HTML. Anything else is a 404 problem.
 */
function brokenCatalog(req: IncomingMessage, res: ServerResponse): void {
  const json = (status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(JSON.stringify(body));
  };
  const path = req.url?.split('?')[0];
  if (path === '/v1/categories') return json(200, { items: [{ name: 42 }] });
  if (path === '/v1/products') return json(200, { items: [PRODUCT] }, 'text/html');
  return json(404, notFound, 'application/problem+json');
}

/** `npm run smoke` from the repository root, asynchronously (the fake server answers meanwhile). */
function npmSmoke(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', 'smoke', '--silent', '--', ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

let catalog: StubServer;
let url: string;

beforeAll(async () => {
  catalog = await startStubServer(brokenCatalog);
  url = catalog.url;
});

afterAll(() => catalog.stop());

const problemsOf = (report: SmokeReport, name: string) =>
  report.results.find((r) => r.name === name)?.problems;

describe('the release smoke test against answers that break the contract', () => {
  it('When a body breaks the schema or the content type is wrong, then each check fails saying why', async () => {
    const report = await runSmoke({ baseUrl: url, service: 'catalog', contract: readContractFile() });

    expect(report.ok).toBe(false);
    expect(problemsOf(report, 'catalog listCategories 200')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.items\.0 must have required property 'id'/),
        expect.stringMatching(/^body\.items\.0\.name must be string/),
      ]),
    );
    expect(problemsOf(report, 'catalog listProducts 200')).toEqual([
      'content type "text/html" is not application/json',
    ]);
    // The bad products page taught nothing: there is no product id to read.
    expect(report.results.find((r) => r.name === 'catalog getProduct 200')?.skipped).toBe(
      'no record to read',
    );
    // The well-formed 404 problem passes.
    expect(problemsOf(report, 'catalog getProduct 404')).toEqual([]);
  });

  it('When a check gets another status than a healthy release answers, then it fails naming both', async () => {
    // Feedback's reviews of a product answer 200 (an empty page at worst); this server answers 404.
    const report = await runSmoke({ baseUrl: url, service: 'feedback', contract: readContractFile() });

    expect(report.ok).toBe(false);
    expect(problemsOf(report, 'feedback listProductReviews 200')).toEqual(['expected 200, got 404']);
  });

  it('When `npm run smoke` runs against it, then it prints each failure and exits 1', async () => {
    const run = await npmSmoke(['--base-url', url, '--service', 'catalog']);

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}catalog listCategories 200 .*GET \/v1\/categories/);
    expect(run.stdout).toMatch(/ok {4}catalog getProduct 404/);
    expect(run.stdout).toContain(`smoke FAILED: 2 check(s) against ${url}`);
  });

  it('When `npm run smoke` gets no base URL, then it prints the usage and exits 2', async () => {
    const run = await npmSmoke(['--service', 'catalog']);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run smoke -- --base-url <url>');
  });
});
