import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from '../src/public/auth.js';
import { createAwsClients } from '../src/public/aws.js';
import { peerFetch } from '../src/public/calls.js';
import { DeadlineExceededError } from '../src/public/errors.js';
import {
  createServiceApp,
  type OverloadLimits,
  type RunningServer,
  startServer,
} from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';

const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
const BUDGET_MS = 600;

// A dependency that accepts every request and never answers: what a saturated one looks like.
let silent: Server;
let silentUrl: string;
const silentSaw: IncomingHttpHeaders[] = [];
// What the listWidgets handler does in the current test.
let work: () => Promise<unknown> = async () => undefined;
const running: RunningServer[] = [];

async function startWidgets(overload: OverloadLimits): Promise<string> {
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger: createLogger('widgets', 'silent'),
    verifier: createTokenVerifier({ issuer: 'https://issuer.test', audience: 'test', jwks: silentUrl }),
    strictResponses: true,
    overload,
    handlers: {
      listWidgets: async () => {
        await work();
        return { status: 200, body: { items: [] } };
      },
    },
  });
  const server = await startServer(app, 0);
  running.push(server);
  return server.url;
}

async function timed(url: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const response = await fetch(`${url}/v1/widgets`, { headers });
  return { response, elapsedMs: Date.now() - started };
}

async function expectOutOfTime(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
}

let url: string;
beforeAll(async () => {
  silent = createServer((req) => void silentSaw.push(req.headers));
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  url = await startWidgets({ requestDeadlineMs: BUDGET_MS, maxInFlight: 50 });
});

afterAll(async () => {
  await Promise.all(running.map((server) => server.close(0)));
  silent.closeAllConnections();
  silent.close();
});

describe('a request deadline in a service', () => {
  it('When a peer service never answers, then the request answers 503 with Retry-After within its budget, and the peer was told the deadline', async () => {
    work = () => peerFetch(5_000)(`${silentUrl}/v1/anything`);
    const { response, elapsedMs } = await timed(url, { 'x-request-id': 'req-deadline-1' });

    await expectOutOfTime(response);
    // Generous: three budgets, still far below the call's own 5 s timeout.
    expect(elapsedMs).toBeLessThan(3 * BUDGET_MS);
    const told = silentSaw.at(-1)!;
    expect(told['x-request-id']).toBe('req-deadline-1');
    expect(Number(told['x-request-deadline'])).toBeGreaterThan(0);
    expect(Number(told['x-request-deadline'])).toBeLessThan(BUDGET_MS);
  });

  it('When the caller will wait less than the service’s budget, then the peer is told the caller’s shorter deadline', async () => {
    work = () => peerFetch(5_000)(`${silentUrl}/v1/anything`);
    const { response } = await timed(url, { 'x-request-deadline': '300' });

    await expectOutOfTime(response);
    expect(Number(silentSaw.at(-1)!['x-request-deadline'])).toBeLessThanOrEqual(300);
  });

  it('When an AWS call does not answer, then it is cut off at the deadline and the request answers 503 with Retry-After', async () => {
    const aws = createAwsClients({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: silentUrl });
    const before = silentSaw.length;
    let failure: unknown;
    work = () =>
      aws.dynamo.send(new GetCommand({ TableName: 'widgets', Key: { pk: 'w1' } })).catch((error: unknown) => {
        failure = error;
        throw error;
      });
    const { response, elapsedMs } = await timed(url);

    await expectOutOfTime(response);
    expect(elapsedMs).toBeLessThan(3 * BUDGET_MS);
    // The call itself ended, not only the answer: nothing keeps waiting on the dependency.
    await vi.waitFor(() => expect(failure).toBeInstanceOf(DeadlineExceededError), { timeout: 2 * BUDGET_MS });
    // Sent once: a call cut off by the deadline is not retried.
    expect(silentSaw.length - before).toBe(1);
  });

  it('When a handler works past the deadline, then the client still gets 503 with Retry-After at the deadline', async () => {
    // Works on for good: only the deadline answers this request.
    work = () => new Promise(() => undefined);
    const { response, elapsedMs } = await timed(url);

    await expectOutOfTime(response);
    expect(elapsedMs).toBeLessThan(3 * BUDGET_MS);
  });

  it('When a request arrives with no time left, then it is answered 503 at once and no work starts', async () => {
    let started = false;
    work = async () => void (started = true);
    const { response } = await timed(url, { 'x-request-deadline': '0' });

    await expectOutOfTime(response);
    expect(started).toBe(false);
  });
});

describe('load shedding in a service', () => {
  it('When the service already serves its in-flight limit, then another request gets 503 with Retry-After at once, and health still answers', async () => {
    const busy = await startWidgets({ requestDeadlineMs: 5_000, maxInFlight: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let working = 0;
    work = () => {
      working += 1;
      return gate;
    };
    const held = [fetch(`${busy}/v1/widgets`), fetch(`${busy}/v1/widgets`)];
    await vi.waitFor(() => expect(working).toBe(2));

    const { response, elapsedMs } = await timed(busy);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(elapsedMs).toBeLessThan(1_000);
    expect((await fetch(`${busy}/health/live`)).status).toBe(200);

    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    // The slots are free again.
    expect((await timed(busy)).response.status).toBe(200);
  });
});
