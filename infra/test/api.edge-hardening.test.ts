import { describe, expect, it } from 'vitest';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Rule = {
  Name: string;
  Priority: number;
  Action?: { Block?: { CustomResponse?: { ResponseCode: number; CustomResponseBodyKey: string } } };
  Statement: Record<string, unknown>;
};
type RegexMatch = { RegexString: string; TextTransformations: { Type: string }[] };
type Integration = { requestParameters?: Record<string, string> };
type Body = {
  paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': Integration }>>;
  'x-amazon-apigateway-gateway-responses': Record<string, { responseParameters: Record<string, string> }>;
};

const api = synthEnvironment('dev').template('api');
const [acl] = Object.values(resourcesOf(api, 'AWS::WAFv2::WebACL'));
const rules = acl!.Properties.Rules as Rule[];
const [restApi] = Object.values(resourcesOf(api, 'AWS::ApiGateway::RestApi'));
const body = restApi!.Properties.Body as Body;

const integrationsOf = (api: Body) =>
  Object.values(api.paths).flatMap((item) =>
    Object.values(item).map((op) => op['x-amazon-apigateway-integration']),
  );

// WAF's URL_DECODE: one pass of %XX decoding.
const urlDecode = (path: string) =>
  path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Whether the web ACL's path rule blocks a raw URI path, as WAF evaluates its statements. */
function blocked(rule: Rule, path: string): boolean {
  const statements = (rule.Statement.OrStatement as { Statements: { RegexMatchStatement: RegexMatch }[] })
    .Statements;
  return statements.some(({ RegexMatchStatement: match }) => {
    const value = match.TextTransformations.some((t) => t.Type === 'URL_DECODE') ? urlDecode(path) : path;
    return new RegExp(match.RegexString).test(value);
  });
}

const TRICKS = [
  '/v1/orders/..\\..\\internal\\v1\\purchases',
  '/v1/orders/..%5c..%5cinternal',
  '/v1/orders/%5C',
  '/v1/orders/%2e%2e',
  '/v1/orders/%2E%2e/internal',
  '/v1/orders/%252e%252e',
  '/v1/products/prd_1%2f..%2finternal',
  '/v1/orders/%2F',
  '//v1/orders',
  '/v1//orders',
  '/v1/./orders',
  '/v1/orders/.',
  '/v1/orders/ord_1/../../internal/v1/purchases',
  '/v1/orders/..',
];
const PLAIN = [
  '/v1/orders/ord_1',
  '/v1/products/prd_1/reviews',
  '/v1/.well-known/jwks.json',
  '/v1/products/a%20b',
];

describe('the edge in front of the services', () => {
  it('When a path would change meaning when normalised, then the WAF blocks it with a 400 problem before the API, and plain paths pass', () => {
    const rule = rules.find((r) => r.Name === 'PathTricks');
    expect(rule).toBeDefined();
    expect(rule!.Priority).toBe(Math.min(...rules.map((r) => r.Priority)));
    const response = rule!.Action?.Block?.CustomResponse;
    expect(response?.ResponseCode).toBe(400);
    const bodies = acl!.Properties.CustomResponseBodies as Record<string, { Content: string }>;
    expect(JSON.parse(bodies[response!.CustomResponseBodyKey]!.Content)).toMatchObject({ status: 400 });
    expect(TRICKS.filter((path) => !blocked(rule!, path))).toEqual([]);
    expect(PLAIN.filter((path) => blocked(rule!, path))).toEqual([]);
  });

  it('When any operation is integrated, then a client’s X-Internal-Key is overwritten before it reaches a service', () => {
    const integrations = integrationsOf(body);
    expect(integrations.length).toBeGreaterThan(10);
    for (const integration of integrations)
      expect(integration.requestParameters?.['integration.request.header.X-Internal-Key']).toBe("'-'");
  });

  it('When any operation is integrated, then X-ShopEasy-Client-Ip is the TCP source API Gateway saw, over whatever the client sent', () => {
    const integrations = integrationsOf(body);
    expect(integrations.length).toBeGreaterThan(10);
    for (const integration of integrations)
      expect(integration.requestParameters?.['integration.request.header.X-ShopEasy-Client-Ip']).toBe(
        'context.identity.sourceIp',
      );
  });

  it('When any operation is integrated, then the request id is one API Gateway made and no client trace header reaches a service', () => {
    for (const integration of integrationsOf(body))
      expect(integration.requestParameters).toMatchObject({
        // Not context.requestId: a client chooses that one with X-Amzn-RequestId.
        'integration.request.header.X-Request-Id': 'context.extendedRequestId',
        'integration.request.header.traceparent': "'-'",
        'integration.request.header.tracestate': "'-'",
        'integration.request.header.baggage': "'-'",
      });
  });

  it('When the API logs a request, then its requestId is the one the services log, and a client’s own id only sits beside it', () => {
    const [stage] = Object.values(resourcesOf(api, 'AWS::ApiGateway::Stage'));
    const setting = stage!.Properties.AccessLogSetting as { Format: string };
    expect(JSON.parse(setting.Format)).toMatchObject({
      requestId: '$context.extendedRequestId',
      clientRequestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
    });
  });

  it('When a client sends its own X-Amzn-Trace-Id, then the WAF refuses it with a 400 problem, since API Gateway would continue it', () => {
    const rule = rules.find((r) => r.Name === 'ClientTraceHeader');

    expect(rule?.Action?.Block?.CustomResponse?.ResponseCode).toBe(400);
    const body = (acl!.Properties.CustomResponseBodies as Record<string, { Content: string }>)[
      rule!.Action!.Block!.CustomResponse!.CustomResponseBodyKey
    ];
    expect(JSON.parse(body!.Content)).toMatchObject({
      status: 400,
      detail: expect.stringContaining('X-Amzn-Trace-Id'),
    });
    // Any value at all (no partner ranges are configured in this environment).
    expect(rule!.Statement).toEqual({
      SizeConstraintStatement: {
        FieldToMatch: { SingleHeader: { Name: 'x-amzn-trace-id' } },
        ComparisonOperator: 'GT',
        Size: 0,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
  });

  it('When the WAF counts requests per address, then it counts the real source address, never a forwarded header', () => {
    const rated = rules.filter((rule) => 'RateBasedStatement' in rule.Statement);
    expect(rated.length).toBeGreaterThanOrEqual(2);
    for (const rule of rated) {
      const statement = rule.Statement.RateBasedStatement as Record<string, unknown>;
      expect(statement.AggregateKeyType).toBe('IP');
      expect(statement.ForwardedIPConfig).toBeUndefined();
    }
  });

  it('When the API answers by itself, then the answer carries HSTS, nosniff and no-store', () => {
    const responses = body['x-amazon-apigateway-gateway-responses'];
    expect(Object.keys(responses)).toEqual(
      expect.arrayContaining(['DEFAULT_4XX', 'DEFAULT_5XX', 'THROTTLED']),
    );
    for (const { responseParameters } of Object.values(responses)) {
      expect(responseParameters).toMatchObject({
        'gatewayresponse.header.Strict-Transport-Security': "'max-age=31536000; includeSubDomains'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Cache-Control': "'no-store'",
      });
    }
  });
});
