import { Duration, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { BlueGreenDeployment } from './blue-green.js';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { LOCAL_ESM_BUNDLING, REPO_ROOT } from '../lambda/lambda-bundling.js';
import { opsFunction } from './ops-function.js';

/** Name of the hook function, as the AppSpec of infra/scripts/deploy-services.sh names it. */
export function afterAllowTestTrafficFunctionName(config: EnvironmentConfig): string {
  return `${namePrefix(config)}-after-allow-test-traffic`;
}

/** The contract the checks validate against, copied next to the bundle. */
const CONTRACT = `${REPO_ROOT}contracts/dist/shopeasy.openapi.json`;

export interface ReleaseHookProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly logsKey: kms.IKey;
  /** Test listener of each service, e.g. `http://<internal ALB>:9082`: where the green tasks answer. */
  readonly testListeners: Readonly<Record<string, string>>;
  readonly deployments: Readonly<Record<string, BlueGreenDeployment>>;
}

/**
 * The AfterAllowTestTraffic hook of every service's blue/green deployment: the release smoke
 * test (tools/release-smoke) against the green tasks through the test listener, reporting
 * Failed to CodeDeploy, which rolls back, when a check fails.
 */
export class AfterAllowTestTrafficHook extends Construct {
  public readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ReleaseHookProps) {
    super(scope, id);
    const { config } = props;
    this.function = opsFunction(this, 'Function', {
      config,
      name: 'after-allow-test-traffic',
      description: 'CodeDeploy AfterAllowTestTraffic: smoke and contract checks against the green tasks',
      entry: 'infra/lib/functions/after-allow-test-traffic.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      // Seven checks of at most 10 s each, and the contract's validators built once.
      timeout: Duration.minutes(2),
      memorySize: 512,
      environment: {
        TEST_LISTENERS: Stack.of(this).toJsonString(props.testListeners),
        DEPLOYMENT_GROUP_PREFIX: `${namePrefix(config)}-`,
      },
      bundling: {
        ...LOCAL_ESM_BUNDLING,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input, outputDir) => [`cp "${CONTRACT}" "${outputDir}/contract.json"`],
        },
      },
    });
    const groups = Object.values(props.deployments).map((d) => d.deploymentGroup);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['codedeploy:GetDeployment', 'codedeploy:PutLifecycleEventHookExecutionStatus'],
        resources: groups.map((g) => g.deploymentGroupArn),
      }),
    );
    // AWSCodeDeployRoleForECS may only invoke functions named CodeDeployHook_*; the AppSpec names this one.
    for (const group of groups) {
      group.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.functionArn],
        }),
      );
    }
  }
}
