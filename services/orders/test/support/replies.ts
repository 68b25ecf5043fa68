import type { ServerResponse } from 'node:http';
import { problemType } from '@shopeasy/service-kit/errors';

/** A JSON answer of a stub peer (no body: none sent). */
export function reply(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** A problem+json answer of a stub peer, typed by its title as the services type theirs. */
export function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  errors?: unknown[],
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: problemType(title.toLowerCase().replace(/[^a-z0-9]+/g, '-')),
      title,
      status,
      detail,
      ...(errors ? { errors } : {}),
    }),
  );
}
