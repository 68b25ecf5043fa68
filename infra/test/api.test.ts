import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractOperations, readContract, type ApiDocument } from '../lib/constructs/api/api-definition.js';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Operation = { security?: Record<string, string[]>[]; [key: string]: unknown };
type Body = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
};

const contract = readContract();
const env = synthEnvironment('dev');
const api = env.template('api');

function body(template = api): Body {
  const [restApi] = Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'));
  return restApi!.Properties.Body as Body;
}

/** The plain bundle: which operations the contracts secure with bearerAuth. */
function securedInContracts(which: 'secured' | 'guestCart' = 'secured'): string[] {
  const path = fileURLToPath(new URL('../../contracts/dist/shopeasy.openapi.json', import.meta.url));
  const doc = JSON.parse(readFileSync(path, 'utf8')) as ApiDocument;
  return contractOperations(doc)
    .filter((op) => op[which])
    .map((op) => `${op.method} ${op.path}`)
    .sort();
}

describe('the public API, imported from the contract', () => {
  it('When the API stack is synthesized, then its routes are exactly the contract operations', () => {
    const routes = contractOperations(body() as unknown as ApiDocument).map(
      (op) => `${op.method} ${op.path}`,
    );
    expect(routes.sort()).toEqual(
      contractOperations(contract)
        .map((op) => `${op.method} ${op.path}`)
        .sort(),
    );
    expect(routes.length).toBeGreaterThan(10);
  });

  it('When a route is added to a copy of the contract, then the synthesized API has it', () => {
    const copy = structuredClone(contract);
    const template = structuredClone(Object.values(contract.paths)[0]!);
    copy.paths['/v1/gift-cards'] = template;
    const changed = synthEnvironment('dev', { contract: copy }).template('api');
    expect(Object.keys(body(changed).paths)).toContain('/v1/gift-cards');
    expect(Object.keys(body().paths)).not.toContain('/v1/gift-cards');
  }, 120_000);

  it('When an operation is secured in the contracts, then the token authorizer guards it in the API', () => {
    const secured = contractOperations(body() as unknown as ApiDocument).filter((op) => op.secured);
    expect(secured.map((op) => `${op.method} ${op.path}`).sort()).toEqual(securedInContracts());
    expect(secured.length).toBeGreaterThan(5);
    const guestCart = new Set(securedInContracts('guestCart'));
    for (const op of secured) {
      const operation = body().paths[op.path]![op.method.toLowerCase()]!;
      const scheme = guestCart.has(`${op.method} ${op.path}`) ? 'shopeasyGuestCart' : 'shopeasyJwt';
      expect(operation.security, `${op.method} ${op.path}`).toEqual([{ [scheme]: [] }]);
    }
    const scheme = body().components.securitySchemes.shopeasyJwt!['x-amazon-apigateway-authorizer'] as Record<
      string,
      unknown
    >;
    expect(scheme.type).toBe('token');
    expect(JSON.stringify(scheme.authorizerUri)).toMatch(/Authorizer[0-9A-F]{8}","Arn"/);
  });

  it('When the authorizer is configured, then it denies customers exactly the admin-only operations of the contract', () => {
    const fn = Object.values(resourcesOf(api, 'AWS::Lambda::Function')).find((f) =>
      String(f.Properties.FunctionName).endsWith('token-authorizer'),
    );
    const variables = (fn!.Properties.Environment as { Variables: Record<string, string> }).Variables;
    const adminOnly = contractOperations(contract)
      .filter((op) => op.roles.includes('admin') && !op.roles.includes('customer'))
      .map(({ method, path }) => ({ method, path }));
    expect(adminOnly.length).toBeGreaterThan(0);
    expect(JSON.parse(variables.ADMIN_ROUTES!)).toEqual(adminOnly);
    expect(variables.JWT_ISSUER).toBe('https://auth.dev.shopeasy.example');
  });

  it('When the stage is read, then it is v1, traced, logged, throttled and behind the WAF web ACL', () => {
    const [stage] = Object.values(resourcesOf(api, 'AWS::ApiGateway::Stage'));
    expect(stage!.Properties).toMatchObject({
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: expect.anything() },
      MethodSettings: expect.arrayContaining([
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'INFO',
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        }),
      ]),
    });
    api.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 50, BurstLimit: 100 } });
    const [acl] = Object.values(resourcesOf(api, 'AWS::WAFv2::WebACL'));
    const rules = acl!.Properties.Rules as { Name: string; Statement: Record<string, unknown> }[];
    expect(rules.filter((r) => r.Statement.ManagedRuleGroupStatement).length).toBeGreaterThanOrEqual(3);
    expect(rules.find((r) => r.Statement.RateBasedStatement)).toMatchObject({
      Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
    });
    expect(Object.keys(resourcesOf(api, 'AWS::WAFv2::WebACLAssociation'))).toHaveLength(1);
  });

  it('When the stage variables are read, then every service host is the internal TLS name, reached through the VPC link', () => {
    const [stage] = Object.values(resourcesOf(api, 'AWS::ApiGateway::Stage'));
    const variables = stage!.Properties.Variables as Record<string, unknown>;
    const used = new Set([...JSON.stringify(contract).matchAll(/stageVariables\.(\w+)/g)].map((m) => m[1]));
    expect(Object.keys(variables).sort()).toEqual([...used].sort());
    // Each <service>Host is the name the internal certificate covers, with the service's port; the
    // VPC link (to the NLB) carries the connection.
    expect(MICROSERVICE_SPECS).toHaveLength(5);
    for (const { name, port } of MICROSERVICE_SPECS) {
      expect(variables[`${name}Host`], name).toBe(`internal.dev.shopeasy.example:${port}`);
    }
    const [link] = Object.entries(resourcesOf(api, 'AWS::ApiGateway::VpcLink'));
    expect(variables.vpcLinkId).toEqual({ Ref: link![0] });
    expect(JSON.stringify(link![1].Properties.TargetArns)).toMatch(/"OutputName":"\w*RefNlb/);
  });
});
