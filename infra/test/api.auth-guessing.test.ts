import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  AUTH_PATH_REGEX,
  AUTH_RATE_RULE,
  AUTH_REQUESTS_PER_5_MIN,
} from '../lib/constructs/api/api-firewall.js';
import { LOGIN_FAILED_PATTERN } from '../lib/constructs/monitoring/auth-monitoring.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type RegexMatch = { RegexString: string; TextTransformations: { Priority: number; Type: string }[] };
type Rule = {
  Name: string;
  Priority: number;
  Action?: { Block?: { CustomResponse?: { ResponseCode: number } } };
  Statement: {
    RateBasedStatement?: {
      Limit: number;
      AggregateKeyType: string;
      ScopeDownStatement?: { RegexMatchStatement?: RegexMatch };
    };
  };
};
type Body = { paths: Record<string, Record<string, { operationId?: string }>> };

const env = synthEnvironment('dev');
const api = env.template('api');
const monitoring = env.template('monitoring');
const [acl] = Object.values(resourcesOf(api, 'AWS::WAFv2::WebACL'));
const rules = acl!.Properties.Rules as Rule[];
const [restApi] = Object.values(resourcesOf(api, 'AWS::ApiGateway::RestApi'));
const body = restApi!.Properties.Body as Body;

/** Whether the rule's scope-down statement counts a raw URI path, as WAF transforms it. */
function counted(match: RegexMatch, path: string): boolean {
  let value = path;
  for (const { Type } of [...match.TextTransformations].sort((a, b) => a.Priority - b.Priority)) {
    value =
      Type === 'URL_DECODE' ? decodeURIComponent(value) : Type === 'LOWERCASE' ? value.toLowerCase() : value;
  }
  return new RegExp(match.RegexString).test(value);
}

describe('guessing at passwords in the cloud', () => {
  it('When one address sends more than 100 logins, registrations or refreshes in 5 minutes, then the WAF blocks it with 429, and only those paths count', () => {
    const rule = rules.find((r) => r.Name === AUTH_RATE_RULE);
    expect(rule?.Action?.Block?.CustomResponse?.ResponseCode).toBe(429);
    expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
    const rate = rule!.Statement.RateBasedStatement!;
    expect(rate).toMatchObject({ Limit: AUTH_REQUESTS_PER_5_MIN, AggregateKeyType: 'IP' });
    const match = rate.ScopeDownStatement!.RegexMatchStatement!;
    expect(match.RegexString).toBe(AUTH_PATH_REGEX);

    const authPaths = Object.entries(body.paths)
      .filter(([, item]) =>
        Object.values(item).some((op) =>
          ['login', 'registerUser', 'refreshTokens'].includes(op.operationId ?? ''),
        ),
      )
      .map(([path]) => path);
    expect(authPaths.sort()).toEqual(['/v1/auth/login', '/v1/auth/refresh', '/v1/auth/register']);
    // As API Gateway may see them: behind the stage name, with a trailing slash, encoded.
    const variants = authPaths.flatMap((p) => [p, `/v1${p}`, `${p}/`]).concat(['/v1/auth/%6Cogin']);
    expect(variants.filter((p) => !counted(match, p))).toEqual([]);
    const others = ['/v1/auth/logout', '/v1/users/me', '/v1/products', '/v1/auth/login/extra'];
    expect(others.filter((p) => counted(match, p))).toEqual([]);
  });

  it('When failed logins or WAF auth blocks pile up, then an alarm tells operations', () => {
    monitoring.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: LOGIN_FAILED_PATTERN,
      MetricTransformations: [{ MetricNamespace: 'ShopEasy', MetricName: 'LoginFailures', MetricValue: '1' }],
    });
    monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'shopeasy-dev-users-login-failures',
      Namespace: 'ShopEasy',
      MetricName: 'LoginFailures',
      AlarmActions: Match.anyValue(),
    });
    monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'shopeasy-dev-users-waf-auth-rate-limit-blocks',
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Dimensions: Match.arrayWith([{ Name: 'Rule', Value: AUTH_RATE_RULE }]),
    });
  });
});
