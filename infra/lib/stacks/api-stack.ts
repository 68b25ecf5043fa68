import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  contractOperations,
  readContract,
  withAuthorizerUri,
  withTlsIntegrations,
  type ApiDocument,
} from '../constructs/api/api-definition.js';
import { API_CACHE_CLUSTER_SIZE, cacheMethodOptions, cachedRoutes } from '../constructs/api/api-cache.js';
import { ApiDomain } from '../constructs/api/api-domain.js';
import { ApiFirewall } from '../constructs/api/api-firewall.js';
import { edgeAccessLogFormat } from '../constructs/api/access-log-format.js';
import { hardenForEdge } from '../constructs/api/edge-hardening.js';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import {
  FUNCTION_RUNTIME,
  LOCAL_ESM_BUNDLING,
  REPO_ROOT,
  handlerEntry,
} from '../constructs/lambda/lambda-bundling.js';
import { MICROSERVICE_SPECS, USERS_PORT } from '../constructs/services/services.js';
import { internalDomainName, internalServiceUrl } from '../constructs/services/internal-domain.js';
import {
  allowAwsApis,
  allowToLoadBalancer,
  closedSecurityGroup,
} from '../constructs/services/task-network.js';
import { addLambdaTelemetry } from '../constructs/monitoring/telemetry.js';

export interface ApiStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  /** Internal NLB in front of the services' ALB: one TCP listener per service port. */
  readonly nlb: elbv2.INetworkLoadBalancer;
  /** The internal ALB's group: the authorizer may reach the users service's HTTPS port on it. */
  readonly albSecurityGroup: ec2.ISecurityGroup;
  /** The bundled contract; read from contracts/dist by default. */
  readonly contract?: ApiDocument;
}

export const STAGE_NAME = 'v1';

/** The public REST API, imported from the contract, reaching the services through a VPC link. */
export class ApiStack extends Stack {
  public readonly api: apigw.SpecRestApi;
  public readonly authorizer: nodejs.NodejsFunction;
  public readonly domain: ApiDomain;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = namePrefix(config);
    const contract = props.contract ?? readContract();
    const adminRoutes = contractOperations(contract)
      .filter((op) => op.roles.length > 0 && !op.roles.includes('customer'))
      .map(({ method, path }) => ({ method, path }));

    const logsKey = new kms.Key(this, 'LogsKey', {
      description: `ShopEasy ${config.name} API logs`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));
    const logGroup = (name: string, logGroupName: string) =>
      new logs.LogGroup(this, name, {
        logGroupName,
        retention: config.logRetentionDays as logs.RetentionDays,
        encryptionKey: logsKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });

    const authorizerSg = closedSecurityGroup(
      this,
      'AuthorizerSecurityGroup',
      props.vpc,
      'Token authorizer: fetches the JWKS from the users service',
    );
    allowAwsApis(authorizerSg, props.vpc);
    allowToLoadBalancer(authorizerSg, props.albSecurityGroup, [USERS_PORT], 'Token authorizer');
    this.authorizer = new nodejs.NodejsFunction(this, 'Authorizer', {
      functionName: `${prefix}-token-authorizer`,
      description: "Verifies ShopEasy access tokens against the users service's JWKS",
      entry: handlerEntry('functions/authorizer/src/handler.ts'),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      bundling: LOCAL_ESM_BUNDLING,
      memorySize: 256,
      timeout: Duration.seconds(5),
      tracing: lambda.Tracing.ACTIVE,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [authorizerSg],
      logGroup: logGroup('AuthorizerLogs', `/aws/lambda/${prefix}-token-authorizer`),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        JWKS_URL: `${internalServiceUrl(config, USERS_PORT)}/v1/.well-known/jwks.json`,
        JWT_ISSUER: config.tokenIssuer,
        JWT_AUDIENCE: config.tokenAudience,
        ADMIN_ROUTES: JSON.stringify(adminRoutes),
      },
    });
    addLambdaTelemetry(this.authorizer, 'authorizer');
    const authorizerUri = `arn:${this.partition}:apigateway:${this.region}:lambda:path/2015-03-31/functions/${this.authorizer.functionArn}/invocations`;

    const vpcLink = new apigw.VpcLink(this, 'VpcLink', { vpcLinkName: prefix, targets: [props.nlb] });
    const accessLogs = logGroup('AccessLogs', `/shopeasy/${config.name}/api-access`);
    const methodDefaults = {
      metricsEnabled: true,
      loggingLevel: apigw.MethodLoggingLevel.INFO,
      dataTraceEnabled: false,
      throttlingRateLimit: config.api.rateLimit,
      throttlingBurstLimit: config.api.burstLimit,
    };
    this.api = new apigw.SpecRestApi(this, 'Api', {
      restApiName: prefix,
      description: `ShopEasy ${config.name} public API, imported from contracts/dist/shopeasy.apigateway.json`,
      apiDefinition: apigw.ApiDefinition.fromInline(
        hardenForEdge(withTlsIntegrations(withAuthorizerUri(contract, authorizerUri))),
      ),
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Only the custom domain (TLS 1.2) serves the API; execute-api still accepts TLS 1.0.
      disableExecuteApiEndpoint: true,
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        variables: {
          vpcLinkId: vpcLink.vpcLinkId,
          ...Object.fromEntries(
            // The VPC link carries the connection; the name is what TLS checks the certificate against.
            MICROSERVICE_SPECS.map((s) => [`${s.name}Host`, `${internalDomainName(config)}:${s.port}`]),
          ),
        },
        tracingEnabled: true,
        ...methodDefaults,
        // Off for every route but the public reads, whose answers are the same for everyone.
        cacheClusterEnabled: true,
        cacheClusterSize: API_CACHE_CLUSTER_SIZE,
        cachingEnabled: false,
        cacheDataEncrypted: true,
        methodOptions: cacheMethodOptions(cachedRoutes(contract), methodDefaults),
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: edgeAccessLogFormat(),
      },
    });
    this.authorizer.addPermission('ApiGatewayInvokesAuthorizer', {
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: this.formatArn({
        service: 'execute-api',
        resource: this.api.restApiId,
        resourceName: 'authorizers/*',
      }),
    });
    this.api.addUsagePlan('PartnerPlan', {
      name: `${prefix}-partners`,
      description: 'Throttle and quota for partner API keys',
      throttle: { rateLimit: config.api.rateLimit, burstLimit: config.api.burstLimit },
      quota: { limit: config.api.quotaPerDay, period: apigw.Period.DAY },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });

    this.domain = new ApiDomain(this, 'Domain', { config, api: this.api });

    new ApiFirewall(this, 'Firewall', {
      config,
      stage: this.api.deploymentStage,
      logsKey,
    });
  }
}
