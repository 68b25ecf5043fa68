import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCatalog {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** From now on, the categories page breaks the contract (a category without id). */
  breakContract(): void;
  stop(): Promise<void>;
}

/**
 * Green catalog tasks behind a test listener, as far as the release smoke test reads them: healthy,
 * an empty catalog, a 404 problem for anything else.
 */
export async function startFakeCatalog(): Promise<FakeCatalog> {
  let broken = false;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    const path = req.url?.split('?')[0];
    if (path === '/health/live') return json(200, { status: 'ok' });
    if (path === '/health/ready') return json(200, { status: 'ok', checks: [] });
    if (path === '/v1/categories') return json(200, { items: broken ? [{ name: 'No id' }] : [] });
    if (path === '/v1/products') return json(200, { items: [] });
    return json(
      404,
      { type: 'https://shopeasy.example/problems/not-found', title: 'Not Found', status: 404 },
      'application/problem+json',
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    breakContract: () => void (broken = true),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
