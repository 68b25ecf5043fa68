import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEADLINE_HEADER } from '@shopeasy/service-kit/calls';
import { traceCarrier } from '@shopeasy/service-kit/telemetry';
import type { Request, Response } from 'express';
import { requestHeaders, responseHeaders } from './forward-headers.js';
import {
  isRetryable,
  RETRYABLE,
  tooLarge,
  tooSlow,
  unreachable,
  UpstreamTimeout,
  UpstreamUnreachable,
} from './upstream-failures.js';

export interface ProxyOptions {
  /** Largest request body passed on; larger ones get 413. */
  bodyLimitBytes: number;
  /** How long a GET or HEAD is retried on a refused or reset connection (ms, default 3000). */
  retryWindowMs?: number;
}

export interface Upstream {
  url: string;
  method: string;
  service: string;
  requestId: string;
  /** When the client must have its answer (epoch ms); the service learns what is left of it. */
  deadline: number;
}

/** Streams requests to the services over pooled keep-alive connections, and their answers back. */
export class Proxy {
  // Idle pooled sockets close before the services' 5 s keep-alive timeout, so none is reused half-closed.
  private readonly agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 256, timeout: 4_000 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 256, timeout: 4_000 }),
  };

  constructor(private readonly options: ProxyOptions) {}

  /**
   * Sends `req` to the service and streams the answer to `res`, status and headers included.
   * The service has until the deadline to start answering; it is told how long that is in
   * X-Request-Deadline (milliseconds). A GET or HEAD whose connection is refused or reset is sent
   * again for up to `retryWindowMs`; then, and for any other method at once, it is 503 with
   * Retry-After. Rejects with a problem (413, 503) only while nothing has been sent to the client.
   */
  async forward(req: Request, res: Response, upstream: Upstream): Promise<void> {
    if (Number(req.headers['content-length'] ?? 0) > this.options.bodyLimitBytes) throw tooLarge();
    const retryable = isRetryable(req);
    const giveUpAt = Math.min(Date.now() + (this.options.retryWindowMs ?? 3_000), upstream.deadline);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(req, res, upstream, attempt === 1);
      } catch (error) {
        if (!(error instanceof UpstreamUnreachable)) throw error;
        // 100, 200, then every 400 ms, the last attempt at the end of the window.
        const wait = Math.min(100 * 2 ** (attempt - 1), 400, giveUpAt - Date.now());
        const again = retryable && wait > 0 && !res.destroyed && !res.writableEnded;
        if (!again) throw unreachable(upstream.service, error.reason);
        await sleep(wait);
      }
    }
  }

  // One attempt; rejects with UpstreamUnreachable when no answer began and the error allows a retry.
  private send(req: Request, res: Response, upstream: Upstream, first: boolean): Promise<void> {
    const budgetMs = upstream.deadline - Date.now();
    if (budgetMs <= 0) return Promise.reject(tooSlow(upstream.service));
    const url = new URL(upstream.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      let settled = false;
      let clientGone = false;
      const outgoing = send(url, {
        method: upstream.method,
        headers: {
          ...requestHeaders(req, url, upstream.requestId),
          // The trace the gateway started (none when it does not trace): the service continues it.
          ...traceCarrier(),
          [DEADLINE_HEADER.toLowerCase()]: String(budgetMs),
        },
        agent: url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'],
        // A service that then stalls mid-answer for as long is cut off too.
        timeout: budgetMs,
      });
      const deadline = setTimeout(() => outgoing.destroy(new UpstreamTimeout()), budgetMs);
      const fail = (problem: Error) => {
        clearTimeout(deadline);
        outgoing.destroy();
        if (settled) return;
        settled = true;
        if (res.headersSent || clientGone) {
          res.destroy();
          resolve();
        } else reject(problem);
      };
      outgoing.on('response', (answer) => {
        clearTimeout(deadline);
        if (settled) return void answer.resume();
        settled = true;
        res.statusCode = answer.statusCode ?? 502;
        for (const [name, value] of Object.entries(responseHeaders(answer.headers))) {
          // The gateway's own `Vary: Origin` (CORS) stays next to whatever the service varies on.
          if (name === 'vary') res.vary(String(value));
          else res.setHeader(name, value);
        }
        // A service or client that goes away mid-body ends both sides; there is no status left to change.
        pipeline(answer, res, () => resolve());
      });
      outgoing.on('timeout', () => outgoing.destroy(new UpstreamTimeout()));
      outgoing.on('error', (error: Error & { code?: string }) => {
        if (error instanceof UpstreamTimeout) return fail(tooSlow(upstream.service));
        if (RETRYABLE.has(error.code ?? '')) return fail(new UpstreamUnreachable(error));
        fail(unreachable(upstream.service, error));
      });
      const onClose = () => {
        clientGone = !res.writableFinished;
        if (clientGone) outgoing.destroy();
      };
      res.on('close', onClose);
      outgoing.on('close', () => res.off('close', onClose));
      // A retried GET or HEAD has no body: the client's stream was read by the first attempt.
      if (!first) return void outgoing.end();
      const limiter = bodyLimit(this.options.bodyLimitBytes);
      limiter.on('error', (error) => fail(error));
      req.on('error', () => outgoing.destroy());
      req.pipe(limiter).pipe(outgoing);
    });
  }

  /** Closes pooled connections (tests and shutdown). */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

function bodyLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(tooLarge());
      else done(null, chunk);
    },
  });
}
