import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort, isAnswering, repoRoot, stopProcess } from '@shopeasy/local-aws';
import { eventually, startStubServer } from '@shopeasy/service-kit/testing';

export interface StripeMock {
  /** Base URL of a recording proxy in front of stripe-mock. */
  url: string;
  /** Method, path and Idempotency-Key of every request that went through. */
  requests: { method: string; path: string; idempotencyKey?: string }[];
  stop(): Promise<void>;
}

/**
 * stripe-mock (installed into .tools/bin by scripts/ensure-stripe-mock.sh) on a free port, with
 * a small proxy in front that records what the SDK sent; stopped by PID.
 */
export async function startStripeMock(): Promise<StripeMock> {
  execFileSync('bash', [fileURLToPath(new URL('../../scripts/ensure-stripe-mock.sh', import.meta.url))], {
    stdio: 'inherit',
  });
  const port = await freePort();
  const child = spawn(`${repoRoot()}/.tools/bin/stripe-mock`, ['-http-port', String(port)], {
    stdio: 'ignore',
  });
  const upstream = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (!(await isAnswering(upstream))) throw new Error(`stripe-mock does not answer on ${upstream}`);
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  ).catch(async (error: unknown) => {
    if (child.pid) await stopProcess(child.pid, child);
    throw error;
  });

  const requests: StripeMock['requests'] = [];
  const proxy = await startStubServer((req, res) => {
    const key = req.headers['idempotency-key'];
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
    });
    const out = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (error) => res.destroy(error));
    req.pipe(out);
  });
  return {
    url: proxy.url,
    requests,
    async stop() {
      await proxy.stop();
      if (child.pid) await stopProcess(child.pid, child);
    },
  };
}
