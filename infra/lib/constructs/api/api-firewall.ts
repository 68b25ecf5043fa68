import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { PATH_TRICK_REGEX } from './edge-hardening.js';

export interface ApiFirewallProps {
  readonly config: EnvironmentConfig;
  readonly stage: apigw.Stage;
  readonly logsKey: kms.IKey;
}

const BAD_PATH_BODY = 'bad-path';
const BAD_PATH_PROBLEM = JSON.stringify({
  type: 'https://shopeasy.example/problems/bad-request',
  title: 'Bad Request',
  status: 400,
  detail: 'The path has a backslash, an encoded dot, slash or backslash, or an empty or dot segment.',
});

/** The rule that limits guessing at passwords and refresh tokens; alarms watch its blocks. */
export const AUTH_RATE_RULE = 'AuthRateLimitPerIp';
/** Logins, registrations and refreshes per address per 5 minutes (the local gateway: 20 a minute). */
export const AUTH_REQUESTS_PER_5_MIN = 100;
/** The URI paths of `login`, `registerUser` and `refreshTokens`, after an optional stage segment. */
export const AUTH_PATH_REGEX = String.raw`^(/[^/]+)?/v1/auth/(login|register|refresh)/?$`;

/** The rule that limits Stripe webhook deliveries (the one public operation a machine calls). */
export const WEBHOOK_RATE_RULE = 'StripeWebhookRateLimitPerIp';
/** Webhook deliveries per address per 5 minutes: Stripe sends from a few addresses, 5 a second each. */
export const WEBHOOK_REQUESTS_PER_5_MIN = 1500;
/** The URI path of `receiveStripeWebhook`, after an optional stage segment. */
export const WEBHOOK_PATH_REGEX = String.raw`^(/[^/]+)?/v1/payments/stripe/webhook/?$`;

/** The rule that refuses a client's own X-Ray trace header (partners' ranges excepted). */
export const CLIENT_TRACE_RULE = 'ClientTraceHeader';
const CLIENT_TRACE_BODY = 'client-trace-header';
const CLIENT_TRACE_PROBLEM = JSON.stringify({
  type: 'https://shopeasy.example/problems/bad-request',
  title: 'Bad Request',
  status: 400,
  detail: 'X-Amzn-Trace-Id is set by ShopEasy: send the request without it.',
});

/** AWS managed rule groups evaluated in this order, after the path rule and before the rate rule. */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/**
 * WAF web ACL on the API stage: a rule refusing paths that change meaning when normalised, managed
 * rule groups, a per-IP rate rule, a stricter one on the auth paths, one of its own on the Stripe
 * webhook, and its logs.
 */
export class ApiFirewall extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const prefix = namePrefix(props.config);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    // Matched raw and once URL-decoded, so double encoding (`%252e`) is caught as well.
    const trickIn = (type: 'NONE' | 'URL_DECODE'): wafv2.CfnWebACL.StatementProperty => ({
      regexMatchStatement: {
        regexString: PATH_TRICK_REGEX,
        fieldToMatch: { uriPath: {} },
        textTransformations: [{ priority: 0, type }],
      },
    });
    const pathTricks: wafv2.CfnWebACL.RuleProperty = {
      name: 'PathTricks',
      priority: 0,
      action: { block: { customResponse: { responseCode: 400, customResponseBodyKey: BAD_PATH_BODY } } },
      statement: { orStatement: { statements: [trickIn('NONE'), trickIn('URL_DECODE')] } },
      visibilityConfig: visibility('PathTricks'),
    };
    const managed: wafv2.CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((name, index) => ({
      name,
      priority: index + 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    }));
    const webhookPath: wafv2.CfnWebACL.StatementProperty = {
      regexMatchStatement: {
        regexString: WEBHOOK_PATH_REGEX,
        fieldToMatch: { uriPath: {} },
        textTransformations: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'LOWERCASE' },
        ],
      },
    };
    const rateLimit: wafv2.CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: MANAGED_RULE_GROUPS.length + 1,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rateBasedStatement: {
          limit: props.config.api.wafRequestsPer5Min,
          aggregateKeyType: 'IP',
          // Stripe's few addresses carry every shopper's events: the webhook has its own limit.
          scopeDownStatement: { notStatement: { statement: webhookPath } },
        },
      },
      visibilityConfig: visibility('RateLimitPerIp'),
    };
    // Decoded and lower-cased first, so `/v1/auth/%6Cogin` counts as the login it routes to.
    const authRateLimit: wafv2.CfnWebACL.RuleProperty = {
      name: AUTH_RATE_RULE,
      priority: MANAGED_RULE_GROUPS.length + 2,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rateBasedStatement: {
          limit: AUTH_REQUESTS_PER_5_MIN,
          aggregateKeyType: 'IP',
          scopeDownStatement: {
            regexMatchStatement: {
              regexString: AUTH_PATH_REGEX,
              fieldToMatch: { uriPath: {} },
              textTransformations: [
                { priority: 0, type: 'URL_DECODE' },
                { priority: 1, type: 'LOWERCASE' },
              ],
            },
          },
        },
      },
      visibilityConfig: visibility(AUTH_RATE_RULE),
    };
    const webhookRateLimit: wafv2.CfnWebACL.RuleProperty = {
      name: WEBHOOK_RATE_RULE,
      priority: MANAGED_RULE_GROUPS.length + 3,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rateBasedStatement: {
          limit: WEBHOOK_REQUESTS_PER_5_MIN,
          aggregateKeyType: 'IP',
          scopeDownStatement: webhookPath,
        },
      },
      visibilityConfig: visibility(WEBHOOK_RATE_RULE),
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${prefix}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: [
        pathTricks,
        ...managed,
        rateLimit,
        authRateLimit,
        webhookRateLimit,
        this.clientTraceRule(props.config, visibility(CLIENT_TRACE_RULE)),
      ],
      customResponseBodies: {
        [BAD_PATH_BODY]: { contentType: 'APPLICATION_JSON', content: BAD_PATH_PROBLEM },
        [CLIENT_TRACE_BODY]: { contentType: 'APPLICATION_JSON', content: CLIENT_TRACE_PROBLEM },
      },
      visibilityConfig: visibility(`${prefix}-api`),
    });
    const association = new wafv2.CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is built from names, so CloudFormation needs telling that the stage comes first.
    association.node.addDependency(props.stage);

    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${prefix}-api`,
      retention: props.config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Tokens never reach the logs.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
  }
  /**
   * API Gateway continues a caller's X-Amzn-Trace-Id (its id and sampling flag) and can be made
   * neither to drop nor to replace it, so a client could hide its requests from X-Ray (`Sampled=0`)
   * or have every one recorded at the shop's cost (`Sampled=1`). The header is refused instead,
   * except from the partner ranges configured; browsers and apps never send it.
   */
  private clientTraceRule(
    config: EnvironmentConfig,
    visibilityConfig: wafv2.CfnWebACL.VisibilityConfigProperty,
  ): wafv2.CfnWebACL.RuleProperty {
    const carriesTraceHeader: wafv2.CfnWebACL.StatementProperty = {
      sizeConstraintStatement: {
        fieldToMatch: { singleHeader: { Name: 'x-amzn-trace-id' } },
        comparisonOperator: 'GT',
        size: 0,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const partners = config.api.traceHeaderPartnerCidrs ?? [];
    const fromPartner = partners.length
      ? new wafv2.CfnIPSet(this, 'TraceHeaderPartners', {
          name: `${namePrefix(config)}-trace-header-partners`,
          scope: 'REGIONAL',
          ipAddressVersion: 'IPV4',
          addresses: [...partners],
        })
      : undefined;
    return {
      name: CLIENT_TRACE_RULE,
      priority: MANAGED_RULE_GROUPS.length + 4,
      action: { block: { customResponse: { responseCode: 400, customResponseBodyKey: CLIENT_TRACE_BODY } } },
      statement: fromPartner
        ? {
            andStatement: {
              statements: [
                carriesTraceHeader,
                { notStatement: { statement: { ipSetReferenceStatement: { arn: fromPartner.attrArn } } } },
              ],
            },
          }
        : carriesTraceHeader,
      visibilityConfig,
    };
  }
}
