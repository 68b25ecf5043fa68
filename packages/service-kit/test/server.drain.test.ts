import { Agent, request } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';

/** One GET over the keep-alive agent: its status and Connection header, or the error's code. */
function get(url: string, agent: Agent): Promise<{ status?: number; connection?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

describe('a server drains on close', () => {
  it('When a keep-alive caller keeps sending while the server closes, then its requests in flight are answered with Connection: close, later ones are refused, and none is cut off by the grace', async () => {
    const app = express();
    app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 200));
    const running = await startServer(app, 0);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const url = `${running.url}/slow`;
    expect((await get(url, agent)).connection).toBe('keep-alive');

    const answers: Awaited<ReturnType<typeof get>>[] = [];
    let closed = false;
    // Two callers back to back on the agent's kept connections, as the gateway sends.
    const callers = [0, 1].map(async () => {
      while (!closed) answers.push(await get(url, agent));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A grace longer than the test's timeout: a drain held open by the callers would fail it.
    await running.close(60_000);
    closed = true;
    await Promise.all(callers);
    agent.destroy();

    const answered = answers.filter((a) => a.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(answered.slice(-2).map((a) => a.connection)).toEqual(['close', 'close']);
    // After the in-flight answers only refusals: nothing reset or hung up mid-request.
    expect(answers.filter((a) => a.error).map((a) => a.error)).toEqual(
      answers.filter((a) => a.error).map(() => 'ECONNREFUSED'),
    );
  });
});
