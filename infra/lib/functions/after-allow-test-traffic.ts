import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  CodeDeployClient,
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import {
  formatReport,
  readContractFile,
  runSmoke,
  SERVICES,
  type ServiceName,
} from '@shopeasy/release-smoke';

const logger = new Logger({ serviceName: 'after-allow-test-traffic' });

/** What CodeDeploy passes a lifecycle hook of an ECS deployment. */
export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

export interface HookDeps {
  codedeploy: Pick<CodeDeployClient, 'send'>;
  /** Base URL of each service's test listener (the green tasks during a deployment). */
  testListeners: Readonly<Partial<Record<ServiceName, string>>>;
  /** `shopeasy-<env>-`: the deployment group of a service is this prefix and its name. */
  groupPrefix: string;
  contract: () => Record<string, unknown>;
}

/**
 * AfterAllowTestTraffic: smoke-tests the green tasks of the deployment's service through its test
 * listener (health, and its read operations against the contract) and reports Succeeded or
 * Failed to CodeDeploy, which rolls a failed deployment back. Anything that goes wrong on the
 * way (an unknown group, an unreachable listener) is a failure too: a hook that cannot check
 * must not let a release through.
 */
export async function afterAllowTestTraffic(
  deps: HookDeps,
  event: HookEvent,
): Promise<'Succeeded' | 'Failed'> {
  const { DeploymentId: deploymentId, LifecycleEventHookExecutionId: executionId } = event;
  let status: 'Succeeded' | 'Failed' = 'Failed';
  try {
    const { deploymentInfo } = await deps.codedeploy.send(new GetDeploymentCommand({ deploymentId }));
    const group = deploymentInfo?.deploymentGroupName ?? '';
    const service = group.slice(deps.groupPrefix.length) as ServiceName;
    const baseUrl = deps.testListeners[service];
    if (!group.startsWith(deps.groupPrefix) || !SERVICES.includes(service) || !baseUrl) {
      throw new Error(`deployment group "${group}" is not one of this environment's services`);
    }
    const report = await runSmoke({ baseUrl, service, health: true, contract: deps.contract() });
    status = report.ok ? 'Succeeded' : 'Failed';
    logger[report.ok ? 'info' : 'error'](
      `smoke test of the green ${service} tasks\n${formatReport(report)}`,
      {
        deploymentId,
        service,
        status,
        failed: report.results.filter((r) => r.problems.length > 0),
      },
    );
  } catch (error) {
    logger.error('smoke test could not run', { deploymentId, error });
  }
  await deps.codedeploy.send(
    new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId,
      lifecycleEventHookExecutionId: executionId,
      status,
    }),
  );
  return status;
}

let deps: HookDeps | undefined;

export async function handler(event: HookEvent): Promise<void> {
  deps ??= {
    codedeploy: new CodeDeployClient({}),
    testListeners: JSON.parse(process.env.TEST_LISTENERS ?? '{}') as HookDeps['testListeners'],
    groupPrefix: process.env.DEPLOYMENT_GROUP_PREFIX ?? '',
    // Copied next to the bundle at synthesis (release-hook.ts).
    contract: () => readContractFile(fileURLToPath(new URL('./contract.json', import.meta.url))),
  };
  await afterAllowTestTraffic(deps, event);
}
