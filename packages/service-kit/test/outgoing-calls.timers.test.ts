import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestBoundHttpHandler } from '../src/aws.js';
import { peerFetch } from '../src/public/calls.js';
import { runWithContext } from '../src/public/context.js';
import { startStubServer, type StubServer, unusedUrl } from '../src/testing/index.js';

// Calls time out after 7,777 ms, or at a request deadline 5,555 ms away: durations no socket or
// server timer of the test has, so the timers seen are the calls' own.
const TIMEOUT_MS = 7_777;
const DEADLINE_MS = 5_555;
const isCallTimer = (ms: number) => ms === TIMEOUT_MS || (ms > DEADLINE_MS - 1_000 && ms <= DEADLINE_MS);
// Every timer a call arms, unref'd or internal (AbortSignal.timeout) included, until it is cleared or fires.
const pending = new Set<number>();
const hook = createHook({
  init(id, type, _trigger, resource) {
    if (type === 'Timeout' && isCallTimer((resource as { _idleTimeout: number })._idleTimeout))
      pending.add(id);
  },
  destroy: (id) => void pending.delete(id),
});
// Destroy hooks run after the tick that cleared the timer.
const settled = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

let peer: StubServer;
beforeAll(async () => {
  peer = await startStubServer((req, res) => {
    if (req.url === '/empty') return void res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"w1"}');
  });
  hook.enable();
});
afterAll(async () => {
  hook.disable();
  await peer.stop();
});

const inRequest = <T>(fn: () => Promise<T>) =>
  runWithContext({ requestId: 'r1', traceId: 't1', deadline: Date.now() + DEADLINE_MS }, fn);

describe('timers of outgoing calls', () => {
  it('When 20 peer calls finish (answered, empty, refused; with and without a request deadline), then none of their timers is left', async () => {
    const fetchPeer = peerFetch(TIMEOUT_MS);
    const refused = await unusedUrl();
    for (let i = 0; i < 5; i++) {
      expect(await (await fetchPeer(`${peer.url}/w1`)).json()).toEqual({ id: 'w1' });
      expect((await inRequest(() => fetchPeer(`${peer.url}/empty`))).status).toBe(204);
      expect(await inRequest(async () => (await fetchPeer(`${peer.url}/w1`)).json())).toEqual({ id: 'w1' });
      await expect(fetchPeer(refused)).rejects.toThrow();
    }
    await settled();
    expect(pending.size).toBe(0);
  });

  it('When AWS calls under a request deadline have been read to the end, then none of their timers is left', async () => {
    const handler = new RequestBoundHttpHandler();
    const { hostname, port } = new URL(peer.url);
    const get = {
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/w1',
      method: 'GET',
      query: {},
      headers: {},
    };
    for (let i = 0; i < 5; i++) {
      const { response } = await inRequest(() =>
        handler.handle(get as Parameters<RequestBoundHttpHandler['handle']>[0]),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
      expect(Buffer.concat(chunks).toString()).toBe('{"id":"w1"}');
    }
    handler.destroy();
    await settled();
    expect(pending.size).toBe(0);
  });
});
