import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Request } from 'express';

// Headers that describe one connection, never the message (RFC 9110 §7.6.1); the gateway owns CORS.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);
const OWNED_BY_GATEWAY = /^(access-control-|x-request-id$)/;
/**
 * Headers a service believes because only the gateway or another service sets them: credentials
 * (`X-Internal-*`), the reserved `X-ShopEasy-*` prefix, the request's id, budget and trace, and
 * where it came from. A client's values never pass; the gateway sets its own where there is one
 * (the trace's from its own span, when it traces).
 */
const TRUSTED_FROM_GATEWAY_ONLY =
  /^(x-internal-|x-shopeasy-|x-request-deadline$|x-request-id$|forwarded$|x-forwarded-(host|proto)$|traceparent$|tracestate$|baggage$|x-amzn-trace-id$)/;

function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const listed = String(headers.connection ?? '')
    .toLowerCase()
    .split(',');
  return new Set(listed.map((name) => name.trim()).filter(Boolean));
}

/**
 * What the service receives: the client's end-to-end headers except the trusted ones, plus the
 * request id, the caller's address (`X-ShopEasy-Client-Ip`), X-Forwarded-* and the body's framing.
 */
export function requestHeaders(req: Request, url: URL, requestId: string): OutgoingHttpHeaders {
  const listed = connectionListed(req.headers);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // The gateway frames what it forwards itself (below): a client's length never passes as sent.
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || name === 'content-length')
      continue;
    if (!TRUSTED_FROM_GATEWAY_ONLY.test(name)) headers[name] = value;
  }
  headers.host = url.host;
  headers['x-request-id'] = requestId;
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  // The caller's address services believe (the login back-off): the socket's, never a client's.
  if (req.socket.remoteAddress) headers['x-shopeasy-client-ip'] = req.socket.remoteAddress;
  headers['x-forwarded-proto'] = req.protocol;
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  // Framing comes last, so nothing the client named in `Connection:` can take it away: the
  // length Node's parser checked, or chunked for a body without one.
  if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
  else if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
  return headers;
}

/** What the client receives from the service's answer: end-to-end headers the gateway does not own. */
export function responseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = connectionListed(headers);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || OWNED_BY_GATEWAY.test(name))
      continue;
    out[name] = value;
  }
  return out;
}
