import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, isAnswering, repoRoot, stopProcess } from '@shopeasy/local-aws';

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
  for (let i = 0; i < 100 && !(await isAnswering(upstream)); i += 1)
    await new Promise((r) => setTimeout(r, 100));

  const requests: StripeMock['requests'] = [];
  const proxy = createServer((req, res) => {
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
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    requests,
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      if (child.pid) await stopProcess(child.pid, child);
    },
  };
}
