import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';
import { AppError } from './errors.js';
import { problemBody } from './problem.js';
import { markShuttingDown } from './health.js';
import type { Logger } from './logger.js';
import { shutdownTelemetry } from './telemetry/trace-context.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once it accepts connections. */
export async function startServer(app: Express, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const server = app.listen(port, host);
  server.on('clientError', answerMalformed);
  await once(server, 'listening');
  const actual = (server.address() as AddressInfo).port;
  // Once closing, every answer closes its connection: a keep-alive caller (the gateway, a peer's
  // client) moves off after its request in flight instead of holding the drain open for the grace.
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.shouldKeepAlive = false;
    unanswered.add(res);
    res.once('close', () => {
      unanswered.delete(res);
      // An answer begun before closing kept its connection: drop it once idle.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    port: actual,
    server,
    async close(graceMs = 10_000) {
      closing = true;
      for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * On SIGTERM or SIGINT: report not-ready, finish in-flight requests, run `onStop` (stop pollers,
 * flush), then exit; exit 1 if all of it takes longer than `boundMs`. Used by every service's main.ts.
 */
export function shutdownOnSignals(
  running: RunningServer,
  logger: Logger,
  options: { graceMs: number; onStop?: () => Promise<void>; boundMs?: number },
): void {
  let stopping = false;
  // The whole shutdown (draining, then onStop's workers and flushes) ends within its bound, by
  // default twice the grace: below ECS's stopTimeout (30 s), so the process exits on its own terms.
  const boundMs = options.boundMs ?? options.graceMs * 2;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    markShuttingDown();
    logger.info({ signal, boundMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ boundMs }, 'shutdown did not finish within its bound; exiting');
      process.exit(1);
    }, boundMs).unref();
    try {
      await running.close(options.graceMs);
      await options.onStop?.();
      await shutdownTelemetry();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}

/**
 * A request Node's parser refuses (both Content-Length and Transfer-Encoding, two lengths, a bad
 * chunk, oversized headers) gets a problem+json answer, and its connection closes: what follows
 * on it cannot be told apart from the refused body, so nothing more is read from it.
 */
function answerMalformed(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(431, 'Request Header Fields Too Large', 'The request headers are too large.')
      : new AppError(400, 'Bad Request', 'The request is not well-formed HTTP/1.1 (its framing or headers).');
  const { status, title } = problem;
  const body = JSON.stringify(problemBody(problem));
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
