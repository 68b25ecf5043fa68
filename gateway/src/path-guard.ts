import { AppError } from '@shopeasy/service-kit/errors';
import type { RequestHandler } from 'express';

// The service, or any URL parser on the way (`new URL()` included), reads these as `\`, `.` or `/`.
const ENCODED_SEPARATOR = /%(2e|2f|5c)/i;

const badPath = (detail: string) => new AppError(400, 'Bad Request', detail);

/** What is wrong with a request path that a parser would not leave as it is, or undefined. */
export function pathProblem(path: string): string | undefined {
  if (path.includes('\\')) return 'The path contains a backslash.';
  if (ENCODED_SEPARATOR.test(path)) return 'The path contains an encoded dot, slash or backslash.';
  if (path === '/') return undefined;
  const segments = path.split('/').slice(1);
  if (!path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..'))
    return 'The path has an empty or dot segment.';
  return undefined;
}

/**
 * Refuses, before routing, every path that would mean something else once normalised, so the path
 * the gateway routes on is the path the service receives.
 */
export function pathGuard(): RequestHandler {
  return (req, _res, next) => {
    const problem = pathProblem(req.path);
    if (problem) throw badPath(problem);
    next();
  };
}

/** The URL a request goes to, refused when parsing it would change the path that was routed. */
export function exactUpstreamUrl(base: string, path: string, search: string): string {
  const url = new URL(`${base}${path}${search}`);
  if (url.pathname !== path) throw badPath('The path does not keep its meaning when normalised.');
  return url.href;
}
