import type { ApiDocument } from './api-definition.js';

/**
 * A path API Gateway or a service would read as another path: a backslash, an encoded dot, slash
 * or backslash, an empty segment, or a dot segment. The WAF matches it on the raw and on the
 * URL-decoded path (RE2 syntax, no inline flags: case is spelled out).
 */
export const PATH_TRICK_REGEX = String.raw`\\|%2[eEfF]|%5[cC]|//|/\.\.?(/|$)`;

/** Headers of every answer the edge itself gives (HSTS belongs to the HTTPS edge, not the services). */
export const EDGE_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/**
 * Headers only a service may send another service. The integration overwrites each with a value
 * no key can equal, so what a client sends never reaches a service behind the VPC link.
 */
export const INTERNAL_REQUEST_HEADERS = ['X-Internal-Key'] as const;
const OVERWRITTEN_WITH = "'-'";

/**
 * Headers the edge owns on every integration, each mapped over whatever a client sent (a REST API
 * can overwrite a header, not remove it). The caller's address is the TCP source API Gateway saw
 * (behind the VPC link, NLB and ALB every X-Forwarded-For ends in the same address); the request
 * id is the one a caller cannot choose (`requestId` follows a client's X-Amzn-RequestId); trace
 * headers become values no propagator accepts, so a service continues API Gateway's X-Ray trace.
 * X-Amzn-Trace-Id is API Gateway's own: it continues a client's trace and adds one only when none
 * came, so the WAF refuses a client's (api-firewall.ts, ClientTraceHeader).
 */
export const EDGE_OWNED_REQUEST_HEADERS: Readonly<Record<string, string>> = {
  'X-ShopEasy-Client-Ip': 'context.identity.sourceIp',
  'X-Request-Id': 'context.extendedRequestId',
  traceparent: OVERWRITTEN_WITH,
  tracestate: OVERWRITTEN_WITH,
  baggage: OVERWRITTEN_WITH,
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const quoted = (value: string) => `'${value}'`;

/**
 * The contract as the edge serves it: internal and edge-owned request headers overwritten,
 * security headers on its own answers.
 */
export function hardenForEdge(doc: ApiDocument): ApiDocument {
  const copy = structuredClone(doc) as ApiDocument & Json;
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item) as unknown[]) {
      const integration = isObject(operation) ? operation['x-amazon-apigateway-integration'] : undefined;
      if (!isObject(integration)) continue;
      const params = isObject(integration.requestParameters) ? integration.requestParameters : {};
      for (const name of INTERNAL_REQUEST_HEADERS)
        params[`integration.request.header.${name}`] = OVERWRITTEN_WITH;
      for (const [name, source] of Object.entries(EDGE_OWNED_REQUEST_HEADERS))
        params[`integration.request.header.${name}`] = source;
      integration.requestParameters = params;
    }
  }
  const headers = Object.fromEntries(
    Object.entries(EDGE_RESPONSE_HEADERS).map(([name, value]) => [
      `gatewayresponse.header.${name}`,
      quoted(value),
    ]),
  );
  const key = 'x-amazon-apigateway-gateway-responses';
  const responses: Json = { DEFAULT_4XX: {}, DEFAULT_5XX: {}, ...(isObject(copy[key]) ? copy[key] : {}) };
  for (const [type, response] of Object.entries(responses)) {
    const given = isObject(response) ? response : {};
    const params = isObject(given.responseParameters) ? given.responseParameters : {};
    responses[type] = { ...given, responseParameters: { ...params, ...headers } };
  }
  copy[key] = responses;
  return copy;
}
