/**
 * Errors API Gateway answers by itself (authorizer denial, throttling, request validation,
 * unknown routes) in the same RFC 9457 problem+json shape the services use.
 */
const PROBLEMS = [
  ['UNAUTHORIZED', 401, 'unauthorized', 'Authentication required'],
  ['EXPIRED_TOKEN', 401, 'unauthorized', 'Authentication required'],
  ['INVALID_SIGNATURE', 401, 'unauthorized', 'Authentication required'],
  ['ACCESS_DENIED', 403, 'forbidden', 'Forbidden'],
  ['BAD_REQUEST_BODY', 400, 'validation-failed', 'Request validation failed'],
  ['BAD_REQUEST_PARAMETERS', 400, 'validation-failed', 'Request validation failed'],
  // API Gateway answers unknown routes with MISSING_AUTHENTICATION_TOKEN (403 by default).
  ['MISSING_AUTHENTICATION_TOKEN', 404, 'not-found', 'Resource not found'],
  ['RESOURCE_NOT_FOUND', 404, 'not-found', 'Resource not found'],
  ['REQUEST_TOO_LARGE', 413, 'payload-too-large', 'Request too large'],
  ['UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported-media-type', 'Unsupported media type'],
  ['THROTTLED', 429, 'too-many-requests', 'Too many requests'],
  ['QUOTA_EXCEEDED', 429, 'too-many-requests', 'Too many requests'],
  ['AUTHORIZER_FAILURE', 500, 'internal-error', 'Internal server error'],
  ['API_CONFIGURATION_ERROR', 500, 'internal-error', 'Internal server error'],
  ['INTEGRATION_FAILURE', 502, 'bad-gateway', 'Bad gateway'],
  ['INTEGRATION_TIMEOUT', 504, 'gateway-timeout', 'Gateway timeout'],
];

/** The `x-amazon-apigateway-gateway-responses` object. */
export function gatewayResponses() {
  return Object.fromEntries(
    PROBLEMS.map(([name, status, type, title]) => [
      name,
      {
        statusCode: String(status),
        responseParameters: {
          'gatewayresponse.header.Content-Type': "'application/problem+json'",
          ...(status === 429 && { 'gatewayresponse.header.Retry-After': "'1'" }),
        },
        responseTemplates: {
          'application/json':
            `{"type":"https://shopeasy.example/problems/${type}","title":"${title}","status":${status},` +
            '"detail":$context.error.messageString,"instance":"$context.path","requestId":"$context.requestId"}',
        },
      },
    ]),
  );
}
