import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, Transform } from 'node:stream';
import { DEADLINE_HEADER } from '@shopeasy/service-kit/calls';
import { AppError, ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import { traceCarrier } from '@shopeasy/service-kit/telemetry';
import type { Request, Response } from 'express';
import { requestHeaders, responseHeaders } from './forward-headers.js';

export interface ProxyOptions {
  /** Largest request body passed on; larger ones get 413. */
  bodyLimitBytes: number;
}

export interface Upstream {
  url: string;
  method: string;
  service: string;
  requestId: string;
  /** When the client must have its answer (epoch ms); the service learns what is left of it. */
  deadline: number;
}

class UpstreamTimeout extends Error {}

// The service did not start answering within the request's budget: fail fast, the client may retry.
const tooSlow = (service: string) =>
  new ServiceUnavailableError(`The ${service} service did not answer in time; retry shortly.`);

// The unread rest of an oversized body is not worth draining: the connection closes after the 413.
const tooLarge = () =>
  new AppError(413, 'Content Too Large', 'The request body is too large.', [], { Connection: 'close' });

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
   * X-Request-Deadline (milliseconds). Rejects with a problem (413, 502, 503) only while nothing
   * has been sent to the client.
   */
  forward(req: Request, res: Response, upstream: Upstream): Promise<void> {
    if (Number(req.headers['content-length'] ?? 0) > this.options.bodyLimitBytes)
      return Promise.reject(tooLarge());
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
      const fail = (problem: AppError) => {
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
      outgoing.on('error', (error) => {
        const problem =
          error instanceof UpstreamTimeout
            ? tooSlow(upstream.service)
            : new AppError(502, 'Bad Gateway', `The ${upstream.service} service is not reachable.`);
        problem.cause = error; // the log shows ECONNREFUSED and friends; the client sees the problem only
        fail(problem);
      });
      res.on('close', () => {
        clientGone = !res.writableFinished;
        if (clientGone) outgoing.destroy();
      });
      const limiter = bodyLimit(this.options.bodyLimitBytes);
      limiter.on('error', (error) => fail(error as AppError));
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
