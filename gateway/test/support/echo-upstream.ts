import type { IncomingHttpHeaders } from 'node:http';
import { startStubServer } from '@shopeasy/service-kit/testing';

/** What a service behind the gateway received. */
export interface Received {
  service: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EchoUpstream {
  service: string;
  url: string;
  received: Received[];
  stop(): Promise<void>;
}

/**
 * A stand-in service on a free port that answers every request with what it received. Request
 * headers steer it: `x-echo-status` (status), `x-echo-delay-ms` (wait before answering).
 */
export async function startEchoUpstream(service: string): Promise<EchoUpstream> {
  const received: Received[] = [];
  // A request the gateway gives up on fails here; the stub ends that response, not the test run.
  const stub = await startStubServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = {
      service,
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    received.push(seen);
    const delay = Number(req.headers['x-echo-delay-ms'] ?? 0);
    // eslint-disable-next-line no-restricted-syntax -- a slow upstream; its caller waits on the gateway's timeout.
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const status = Number(req.headers['x-echo-status'] ?? 200);
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-served-by': service,
      vary: 'Accept-Encoding',
      'access-control-allow-origin': 'https://evil.example',
      // Connection-scoped headers a proxy must not pass on (RFC 9110 §7.6.1).
      connection: 'keep-alive, x-upstream-hop',
      'x-upstream-hop': 'for the gateway only',
      'proxy-authenticate': 'Basic realm="upstream"',
      ...(status === 201 && { location: `/v1/created/${service}` }),
    });
    res.end(JSON.stringify(seen));
  });
  return { service, url: stub.url, received, stop: stub.stop };
}
